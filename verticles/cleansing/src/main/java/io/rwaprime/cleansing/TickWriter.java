package io.rwaprime.cleansing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.events.Tick;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.rwaprime.common.storage.PoolErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores ticks in batches: one {@code INSERT … SELECT FROM unnest(arrays)} per batch, idempotent by the
 * tick's key so that a replayed or redelivered tick has no second effect. A failed batch is kept and
 * retried with back-off; {@link #flush()} on stop writes what is left.
 */
final class TickWriter {

  private static final Logger LOG = LoggerFactory.getLogger(TickWriter.class);
  static final int MAX_BATCH = 2000;
  private static final String INSERT = """
      INSERT INTO ticks (symbol, source, event_time, seq, price, volume, currency, received_at, event_id)
      SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int8[], $5::numeric[], $6::numeric[],
                           $7::text[], $8::timestamptz[], $9::text[])
      ON CONFLICT DO NOTHING""";

  private final Vertx vertx;
  private final Pool pool;
  private final Counter stored;
  private final Counter failures;
  private List<Tick> pending = new ArrayList<>();
  private Future<Void> inFlight = Future.succeededFuture();
  private long retryDelayMs = 100;

  TickWriter(Vertx vertx, Pool pool, MeterRegistry metrics) {
    this.vertx = vertx;
    this.pool = pool;
    this.stored = Counter.builder("rwa.ticks.stored").description("Ticks written to PostgreSQL").register(metrics);
    this.failures = Counter.builder("rwa.storage.failures").tag("table", "ticks")
        .description("Failed batch writes (retried)").register(metrics);
  }

  void add(Tick tick) {
    pending.add(tick);
    if (pending.size() >= MAX_BATCH) {
      flush();
    }
  }

  int pending() {
    return pending.size();
  }

  /** Writes what is pending after the batch in flight (batches stay in order). */
  Future<Void> flush() {
    if (pending.isEmpty()) {
      return inFlight;
    }
    List<Tick> batch = pending;
    pending = new ArrayList<>();
    inFlight = inFlight.transform(ar -> write(batch));
    return inFlight;
  }

  private Future<Void> write(List<Tick> batch) {
    int n = batch.size();
    String[] symbol = new String[n];
    String[] source = new String[n];
    OffsetDateTime[] eventTime = new OffsetDateTime[n];
    Long[] seq = new Long[n];
    BigDecimal[] price = new BigDecimal[n];
    BigDecimal[] volume = new BigDecimal[n];
    String[] currency = new String[n];
    OffsetDateTime[] receivedAt = new OffsetDateTime[n];
    String[] eventId = new String[n];
    for (int i = 0; i < n; i++) {
      Tick t = batch.get(i);
      symbol[i] = t.symbol();
      source[i] = t.source();
      eventTime[i] = OffsetDateTime.ofInstant(t.eventTime(), ZoneOffset.UTC);
      seq[i] = t.sequence();
      price[i] = t.price();
      volume[i] = t.volume();
      currency[i] = t.currency();
      receivedAt[i] = OffsetDateTime.ofInstant(t.receivedAt(), ZoneOffset.UTC);
      eventId[i] = t.eventId();
    }
    Tuple args = Tuple.of(symbol, source, eventTime, seq, price, volume, currency, receivedAt).addValue(eventId);
    return pool.preparedQuery(INSERT).execute(args)
        .<Void>map(rows -> {
          stored.increment(n);
          retryDelayMs = 100;
          return null;
        })
        .recover(err -> {
          if (PoolErrors.closed(err)) {
            LOG.error("rows lost: the database pool is closed [rows: {}]", n);
            return Future.succeededFuture();
          }
          failures.increment();
          LOG.warn("tick batch not stored, retrying [rows: {}, retry_ms: {}, reason: {}]", n, retryDelayMs, err.getMessage());
          long delay = retryDelayMs;
          retryDelayMs = Math.min(10_000, retryDelayMs * 2);
          return vertx.timer(delay).compose(x -> write(batch));
        });
  }
}
