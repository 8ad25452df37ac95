package io.rwaprime.cleansing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upserts bars per interval table in batches ({@code INSERT … SELECT FROM unnest … ON CONFLICT (symbol,
 * open_time) DO UPDATE}): a corrected bar replaces the earlier revision, a replayed bar writes the same
 * values again. Within a batch only the newest revision of each bar is written. Batches run one after
 * another, so a later revision never lands before an earlier one.
 */
final class BarWriter {

  private static final Logger LOG = LoggerFactory.getLogger(BarWriter.class);

  private final Vertx vertx;
  private final Pool pool;
  private final Counter stored;
  private Map<BarInterval, Map<String, Bar>> pending = new EnumMap<>(BarInterval.class);
  private Future<Void> inFlight = Future.succeededFuture();

  BarWriter(Vertx vertx, Pool pool, MeterRegistry metrics) {
    this.vertx = vertx;
    this.pool = pool;
    this.stored = Counter.builder("rwa.bars.stored").description("Bars upserted into PostgreSQL").register(metrics);
  }

  void add(Bar bar) {
    pending.computeIfAbsent(bar.interval(), i -> new LinkedHashMap<>())
        .put(bar.symbol() + '|' + bar.openTime(), bar);
  }

  Future<Void> flush() {
    if (pending.isEmpty()) {
      return inFlight;
    }
    Map<BarInterval, Map<String, Bar>> batch = pending;
    pending = new EnumMap<>(BarInterval.class);
    inFlight = inFlight.transform(ar -> {
      List<Future<Void>> writes = new ArrayList<>();
      batch.forEach((interval, bars) -> writes.add(write(interval, new ArrayList<>(bars.values()), 100)));
      return Future.join(writes).mapEmpty();
    });
    return inFlight;
  }

  private Future<Void> write(BarInterval interval, List<Bar> bars, long retryMs) {
    int n = bars.size();
    String[] symbol = new String[n];
    OffsetDateTime[] openTime = new OffsetDateTime[n];
    BigDecimal[][] v = new BigDecimal[6][n];
    // pg-client cannot bind a null inside a numeric[]: the nullable spread travels as text
    String[] spread = new String[n];
    Long[] ticks = new Long[n];
    Integer[] revision = new Integer[n];
    for (int i = 0; i < n; i++) {
      Bar b = bars.get(i);
      symbol[i] = b.symbol();
      openTime[i] = OffsetDateTime.ofInstant(b.openTime(), ZoneOffset.UTC);
      v[0][i] = b.open();
      v[1][i] = b.high();
      v[2][i] = b.low();
      v[3][i] = b.close();
      v[4][i] = b.volume();
      v[5][i] = b.vwap();
      spread[i] = b.sourceSpread() == null ? null : b.sourceSpread().toPlainString();
      ticks[i] = b.tickCount();
      revision[i] = b.revision();
    }
    // the table name comes from the enum, never from input
    String table = "bars_" + interval.label();
    String sql = "INSERT INTO " + table + " (symbol, open_time, open, high, low, close, volume, vwap, source_spread,"
        + " tick_count, revision, updated_at)"
        + " SELECT s, t, o, h, l, c, v, w, sp::numeric, n, r, now() FROM unnest($1::text[], $2::timestamptz[], $3::numeric[],"
        + " $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::text[], $10::int8[],"
        + " $11::int4[]) AS x(s, t, o, h, l, c, v, w, sp, n, r)"
        + " ON CONFLICT (symbol, open_time) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,"
        + " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume, vwap = EXCLUDED.vwap,"
        + " source_spread = EXCLUDED.source_spread, tick_count = EXCLUDED.tick_count, revision = EXCLUDED.revision,"
        + " updated_at = now()";
    Tuple args = Tuple.tuple().addValue(symbol).addValue(openTime);
    for (BigDecimal[] col : v) {
      args.addValue(col);
    }
    args.addValue(spread).addValue(ticks).addValue(revision);
    return pool.preparedQuery(sql).execute(args)
        .<Void>map(rows -> {
          stored.increment(n);
          return null;
        })
        .recover(err -> {
          if (PoolErrors.closed(err)) {
            LOG.error("rows lost: the database pool is closed [rows: {}]", n);
            return Future.succeededFuture();
          }
          LOG.warn("bar batch not stored, retrying [table: {}, rows: {}, reason: {}]", table, n, err.getMessage());
          return vertx.timer(retryMs).compose(x -> write(interval, bars, Math.min(10_000, retryMs * 2)));
        });
  }
}
