package io.rwaprime.cleansing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.DeadLetter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.rwaprime.common.storage.PoolErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores every record published on {@link Addresses#DEAD_LETTER} in {@code dead_letters}, in batches,
 * idempotently (a letter delivered to several members is stored once).
 */
final class DeadLetterSink extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSink.class);
  private static final long FLUSH_MS = 250;
  private static final String INSERT = """
      INSERT INTO dead_letters (event_id, source, stage, reason_code, detail, payload, rejected_at)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
      ON CONFLICT DO NOTHING""";

  private final Pool pool;
  private final Counter stored;
  private List<DeadLetter> pending = new ArrayList<>();
  private Future<Void> inFlight = Future.succeededFuture();
  private MessageConsumer<DeadLetter> consumer;
  private long timer;

  DeadLetterSink(Pool pool, MeterRegistry metrics) {
    this.pool = pool;
    this.stored = Counter.builder("rwa.dead.letters.stored").description("Dead letters written to PostgreSQL")
        .register(metrics);
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().consumer(Addresses.DEAD_LETTER, msg -> {
      try {
        pending.add(msg.body());
      } catch (RuntimeException e) {
        // an undecodable dead letter cannot be dead-lettered again: log it and go on
        LOG.warn("dead letter could not be decoded [reason: {}]", e.getMessage());
      }
    });
    timer = vertx.setPeriodic(FLUSH_MS, id -> flush());
    return consumer.completion();
  }

  private Future<Void> flush() {
    if (pending.isEmpty()) {
      return inFlight;
    }
    List<DeadLetter> batch = pending;
    pending = new ArrayList<>();
    inFlight = inFlight.transform(ar -> write(batch, 100));
    return inFlight;
  }

  private Future<Void> write(List<DeadLetter> batch, long retryMs) {
    int n = batch.size();
    String[][] cols = new String[6][n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      DeadLetter d = batch.get(i);
      cols[0][i] = d.eventId();
      cols[1][i] = d.source();
      cols[2][i] = d.stage();
      cols[3][i] = d.reasonCode();
      cols[4][i] = d.detail();
      // PostgreSQL text cannot hold NUL characters
      cols[5][i] = d.payload().replace('\u0000', '\uFFFD');
      at[i] = OffsetDateTime.ofInstant(d.rejectedAt(), ZoneOffset.UTC);
    }
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], at))
        .<Void>map(rows -> {
          stored.increment(n);
          return null;
        })
        .recover(err -> {
          if (PoolErrors.closed(err)) {
            LOG.error("rows lost: the database pool is closed [rows: {}]", n);
            return Future.succeededFuture();
          }
          LOG.warn("dead letters not stored, retrying [rows: {}, reason: {}]", n, err.getMessage());
          return vertx.timer(retryMs).compose(x -> write(batch, Math.min(10_000, retryMs * 2)));
        });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return consumer.unregister().transform(ar -> flush());
  }
}
