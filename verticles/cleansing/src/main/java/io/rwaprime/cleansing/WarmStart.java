package io.rwaprime.cleansing;

import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.BarInterval;
import io.rwaprime.events.Tick;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * Streams the ticks stored since the start of the current day's bar (less the allowed lateness), in
 * event-time order, so that a restarted cleansing role rebuilds the bars that were still open when the
 * previous process stopped — also after a kill -9, which loses only what had not been stored yet.
 */
final class WarmStart {

  private static final Logger LOG = LoggerFactory.getLogger(WarmStart.class);
  private static final String SQL = """
      SELECT symbol, source, event_time, seq, price, volume, currency, received_at, event_id
      FROM ticks WHERE event_time >= $1 ORDER BY event_time, seq""";

  private final Pool pool;
  private final RwaConfig.Cleansing cfg;

  WarmStart(Pool pool, RwaConfig.Cleansing cfg) {
    this.pool = pool;
    this.cfg = cfg;
  }

  /**
   * Per source, the newest receipt time among the ticks stored in the last three days (partitions by event time
   * keep the scan short): everything a source archived after it may not be stored yet.
   */
  Future<io.vertx.core.json.JsonObject> checkpoints() {
    return pool.query("""
            SELECT source, max(received_at) AS last FROM ticks
            WHERE event_time > now() - interval '3 days' GROUP BY source""").execute()
        .map(rows -> {
          io.vertx.core.json.JsonObject out = new io.vertx.core.json.JsonObject();
          rows.forEach(r -> out.put(r.getString("source"), r.getOffsetDateTime("last").toInstant().toString()));
          return out;
        });
  }

  Future<Void> run(Consumer<Tick> sink) {
    Instant since = BarInterval.D1.floor(Instant.now()).minus(cfg.allowedLateness()).minus(cfg.closeDelay());
    long t0 = System.nanoTime();
    long[] count = {0};
    return pool.withTransaction(conn -> conn.prepare(SQL).compose(ps -> {
      Promise<Void> done = Promise.promise();
      RowStream<Row> stream = ps.createStream(5000, Tuple.of(OffsetDateTime.ofInstant(since, ZoneOffset.UTC)));
      stream.exceptionHandler(done::tryFail);
      stream.endHandler(v -> done.tryComplete());
      stream.handler(row -> {
        count[0]++;
        sink.accept(new Tick(row.getString("event_id"), row.getString("symbol"), row.getString("source"),
            row.getBigDecimal("price"), row.getBigDecimal("volume"), row.getString("currency").trim(),
            row.getOffsetDateTime("event_time").toInstant(), row.getOffsetDateTime("received_at").toInstant(),
            row.getLong("seq")));
      });
      return done.future();
    })).onSuccess(v -> LOG.info("open bars rebuilt from stored ticks [since: {}, ticks: {}, ms: {}]", since, count[0],
        (System.nanoTime() - t0) / 1_000_000));
  }
}
