package io.rwaprime.bench;

import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Gold writes to a real PostgreSQL (the test harness's, on loopback): bar rows upserted the way the
 * product's {@code BarWriter} does it — {@code INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE}
 * through vertx-pg-client, batches of 2,000 rows, 4 batches in flight — against {@code COPY FROM STDIN}
 * of the same rows through the JDBC driver, in the same run. Prints rows/s per trial and the ratio.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.rwaprime.bench.GoldWriteBenchmark [rows] [trials]}
 */
public final class GoldWriteBenchmark {

  private static final int BATCH = 2_000;
  private static final int IN_FLIGHT = 4;
  private static final String TABLE = """
      CREATE TABLE bars_1m (symbol text, open_time timestamptz, open numeric, high numeric, low numeric,
        close numeric, volume numeric, vwap numeric, tick_count bigint, revision int, source_spread numeric,
        updated_at timestamptz, PRIMARY KEY (symbol, open_time))""";
  private static final String UPSERT = """
      INSERT INTO bars_1m (symbol, open_time, open, high, low, close, volume, vwap, source_spread, tick_count, revision,
                           updated_at)
      SELECT s, t, o, h, l, c, v, w, sp::numeric, n, r, now() FROM unnest($1::text[], $2::timestamptz[], $3::numeric[],
        $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::text[], $10::int8[], $11::int4[])
        AS x(s, t, o, h, l, c, v, w, sp, n, r)
      ON CONFLICT (symbol, open_time) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low,
        close = EXCLUDED.close, volume = EXCLUDED.volume, vwap = EXCLUDED.vwap, source_spread = EXCLUDED.source_spread,
        tick_count = EXCLUDED.tick_count, revision = EXCLUDED.revision, updated_at = now()""";

  record Row(String symbol, OffsetDateTime openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
             BigDecimal volume, BigDecimal vwap, long ticks) {}

  private GoldWriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<Row> data = rows(rows);
    PostgresServer pg = PostgresServer.instance();
    String db = pg.createDatabase("gold_bench");
    try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
      s.execute(TABLE);
    }
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(IN_FLIGHT))
        .connectingTo(new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(db)
            .setUser(pg.user()).setPassword(pg.password()).setPipeliningLimit(256).setCachePreparedStatements(true))
        .using(vertx).build();
    System.out.printf("rows per trial: %,d; batch %,d; %d batches in flight%n", rows, BATCH, IN_FLIGHT);
    double bestUpsert = 0;
    double bestCopy = 0;
    for (int t = 1; t <= trials; t++) {
      truncate(pg, db);
      long t0 = System.nanoTime();
      upsert(pool, data);
      double upsertRate = rows / ((System.nanoTime() - t0) / 1e9);
      truncate(pg, db);
      long t1 = System.nanoTime();
      copy(pg, db, data);
      double copyRate = rows / ((System.nanoTime() - t1) / 1e9);
      bestUpsert = Math.max(bestUpsert, upsertRate);
      bestCopy = Math.max(bestCopy, copyRate);
      System.out.printf("trial %d: unnest upsert %,.0f rows/s, COPY %,.0f rows/s, ratio %.2f%n", t, upsertRate, copyRate,
          upsertRate / copyRate);
    }
    System.out.printf("best: unnest upsert %,.0f rows/s, COPY %,.0f rows/s, ratio %.2f%n", bestUpsert, bestCopy,
        bestUpsert / bestCopy);
    pool.close().await();
    vertx.close().await();
    System.exit(0);
  }

  private static List<Row> rows(int n) {
    Random random = new Random(1);
    List<Row> out = new ArrayList<>(n);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      String symbol = "SYM" + (i % 20);
      double p = 100 + random.nextDouble() * 10;
      out.add(new Row(symbol, OffsetDateTime.ofInstant(t0.plusSeconds(60L * (i / 20)), ZoneOffset.UTC),
          BigDecimal.valueOf(p).setScale(4, java.math.RoundingMode.HALF_EVEN),
          BigDecimal.valueOf(p + 1).setScale(4, java.math.RoundingMode.HALF_EVEN),
          BigDecimal.valueOf(p - 1).setScale(4, java.math.RoundingMode.HALF_EVEN),
          BigDecimal.valueOf(p + 0.5).setScale(4, java.math.RoundingMode.HALF_EVEN),
          BigDecimal.valueOf(random.nextDouble() * 1000).setScale(6, java.math.RoundingMode.HALF_EVEN),
          BigDecimal.valueOf(p + 0.2).setScale(6, java.math.RoundingMode.HALF_EVEN), 1 + random.nextInt(100)));
    }
    return out;
  }

  private static void upsert(Pool pool, List<Row> data) throws Exception {
    List<Future<?>> window = new ArrayList<>();
    for (int from = 0; from < data.size(); from += BATCH) {
      List<Row> batch = data.subList(from, Math.min(data.size(), from + BATCH));
      window.add(pool.preparedQuery(UPSERT).execute(tuple(batch)));
      if (window.size() == IN_FLIGHT) {
        Future.all(window).await(60, TimeUnit.SECONDS);
        window.clear();
      }
    }
    Future.all(window).await(60, TimeUnit.SECONDS);
  }

  private static Tuple tuple(List<Row> batch) {
    int n = batch.size();
    String[] s = new String[n];
    OffsetDateTime[] t = new OffsetDateTime[n];
    BigDecimal[][] v = new BigDecimal[6][n];
    String[] spread = new String[n];
    Long[] ticks = new Long[n];
    Integer[] rev = new Integer[n];
    for (int i = 0; i < n; i++) {
      Row r = batch.get(i);
      s[i] = r.symbol();
      t[i] = r.openTime();
      v[0][i] = r.open();
      v[1][i] = r.high();
      v[2][i] = r.low();
      v[3][i] = r.close();
      v[4][i] = r.volume();
      v[5][i] = r.vwap();
      ticks[i] = r.ticks();
      rev[i] = 0;
    }
    Tuple tuple = Tuple.tuple().addValue(s).addValue(t);
    for (BigDecimal[] col : v) {
      tuple.addValue(col);
    }
    return tuple.addValue(spread).addValue(ticks).addValue(rev);
  }

  private static void copy(PostgresServer pg, String db, List<Row> data) throws Exception {
    StringBuilder csv = new StringBuilder(data.size() * 120);
    for (Row r : data) {
      csv.append(r.symbol()).append(',').append(r.openTime()).append(',').append(r.open().toPlainString()).append(',')
          .append(r.high().toPlainString()).append(',').append(r.low().toPlainString()).append(',')
          .append(r.close().toPlainString()).append(',').append(r.volume().toPlainString()).append(',')
          .append(r.vwap().toPlainString()).append(",,").append(r.ticks()).append(",0\n");
    }
    try (Connection c = pg.connect(db)) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn("COPY bars_1m (symbol, open_time, open, high, low, close, volume, vwap, source_spread, tick_count,"
          + " revision) FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
    }
  }

  private static void truncate(PostgresServer pg, String db) throws Exception {
    try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
      s.execute("TRUNCATE bars_1m");
      s.execute("VACUUM ANALYZE bars_1m");
    }
  }
}
