package io.rwaprime.forecasting;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.cache.LocalKeyValueStore;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.Forecast;
import io.rwaprime.events.ForecastStep;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The forecasting role against a real, migrated PostgreSQL: 200 daily bars of a trend with a cycle (PAXG) and of
 * a slow sine (BUIDL), 10 daily bars of FIDU (too little: skipped), 120 hourly bars of OUSG (the hourly
 * fallback), nothing for the other assets.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ForecastingIT {

  private static Vertx vertx;
  private static Database database;
  private static PostgresServer pg;
  private static String db;
  private static LocalKeyValueStore cache;
  private static final Map<String, Forecast> FIRST = new ConcurrentHashMap<>();
  private static final BlockingQueue<Forecast> LATER = new LinkedBlockingQueue<>();
  private static final CountDownLatch ROUND = new CountDownLatch(6);

  @BeforeAll
  static void start(PostgresServer server) throws Exception {
    pg = server;
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    db = pg.createDatabase("forecasting");
    RwaConfig cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(),
        Map.of("RWA_FORECASTING_FIRST_RUN", "PT0.1S", "RWA_FORECASTING_INTERVAL", "PT1H"), Map.of()))
        .await(20, TimeUnit.SECONDS);
    database = Database.open(vertx, new RwaConfig.Database(Optional.of(URI.create("postgresql://" + pg.host() + ":"
        + pg.port() + "/" + db)), pg.user(), pg.password(), 4, Path.of("unused"), 0, "unused"), AssetCatalogue.load())
        .await(1, TimeUnit.MINUTES);
    try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
      s.execute(bars("PAXG", 200, "2000 + 2 * i + 20 * sin(i / 5.0)"));
      s.execute(bars("BUIDL", 200, "1 + 0.001 * sin(i * 0.7)"));
      s.execute(bars("FIDU", 10, "1.1"));
      s.execute("INSERT INTO bars_1h (symbol, open_time, open, high, low, close, volume, tick_count) "
          + "SELECT 'OUSG', date_trunc('hour', now()) - ((121 - i) || ' hours')::interval, p, p, p, p, 10, 5 "
          + "FROM (SELECT i, (110 + 0.01 * i + 0.05 * sin(i / 3.0))::numeric AS p FROM generate_series(1, 120) AS i) x");
    }
    vertx.eventBus().<Forecast>consumer(Addresses.FORECASTS, msg -> {
      Forecast f = msg.body();
      if (FIRST.putIfAbsent(f.symbol() + ":" + f.horizonDays(), f) == null) {
        ROUND.countDown();
      } else {
        LATER.add(f);
      }
    }).completion().await(10, TimeUnit.SECONDS);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    cache = new LocalKeyValueStore(vertx);
    RoleContext ctx = new RoleContext(vertx, cfg, metrics, new HealthRegistry(vertx, Duration.ofSeconds(1)),
        new DeadLetters(vertx, metrics), cache, AssetCatalogue.load(), Optional.of(database));
    new ForecastingRole().deploy(ctx).await(60, TimeUnit.SECONDS);
    assertThat(ROUND.await(150, TimeUnit.SECONDS)).as("7 and 30 days for PAXG and BUIDL, 1 and 7 for OUSG").isTrue();
  }

  /** {@code n} daily bars at UTC midnights ending yesterday, close = {@code price} of i = 1..n. */
  private static String bars(String symbol, int n, String price) {
    return "INSERT INTO bars_1d (symbol, open_time, open, high, low, close, volume, tick_count) "
        + "SELECT '" + symbol + "', (date_trunc('day', now() AT TIME ZONE 'UTC') - ((" + (n + 1)
        + " - i) || ' days')::interval) AT TIME ZONE 'UTC', p, p * 1.01, p * 0.99, p, 100, 10 "
        + "FROM (SELECT i, (" + price + ")::numeric AS p FROM generate_series(1, " + n + ") AS i) x";
  }

  @AfterAll
  static void stop() throws Exception {
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).await(30, TimeUnit.SECONDS);
    }
    if (database != null) {
      database.close().await(30, TimeUnit.SECONDS);
    }
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("predictions rows for 7 and 30 days with nested bands, the path, weights and backtest in details")
  void storesPredictionsWithNestedBands() throws Exception {
    try (Connection c = pg.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT p.forecast_horizon, p.predicted_price, p.lower_80, p.upper_80, "
             + "p.lower_95, p.upper_95, p.model_version, p.details::text FROM predictions p JOIN assets a "
             + "USING (asset_id) WHERE a.symbol = 'PAXG' ORDER BY p.generated_at, p.forecast_horizon LIMIT 2")) {
      for (int h : new int[] {7, 30}) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(h);
        BigDecimal point = rs.getBigDecimal(2);
        assertThat(rs.getBigDecimal(5)).isLessThanOrEqualTo(rs.getBigDecimal(3));
        assertThat(rs.getBigDecimal(3)).isLessThanOrEqualTo(point);
        assertThat(point).isLessThanOrEqualTo(rs.getBigDecimal(4));
        assertThat(rs.getBigDecimal(4)).isLessThanOrEqualTo(rs.getBigDecimal(6));
        double trend = 2000 + 2 * (200 + h);
        assertThat(point.doubleValue()).as("follows the trend").isBetween(trend - 80, trend + 80);
        assertThat(rs.getString(7)).startsWith("ensemble-v1.1d.");
        JsonObject details = new JsonObject(rs.getString(8));
        assertThat(details.getJsonObject("bars").getString("interval")).isEqualTo("1d");
        assertThat(details.getJsonObject("bars").getInteger("count")).isEqualTo(200);
        assertThat(details.getJsonArray("steps")).hasSize(h);
        assertThat(details.getJsonObject("weights").getMap()).containsKeys("auto-arima", "naive", "drift");
        JsonObject bt = details.getJsonObject("backtest");
        assertThat(bt.getInteger("origins")).isEqualTo(20);
        assertThat(bt.getInteger("steps")).isEqualTo(h);
        for (String k : new String[] {"mae", "rmse", "mape", "smape", "mase", "coverage_80", "coverage_95",
            "winkler_80", "winkler_95"}) {
          assertThat(bt.getDouble(k)).as(k).isNotNull();
        }
      }
    }
  }

  @Test
  @DisplayName("a Forecast per horizon is published on rwa.forecasts and cached as forecast:<SYMBOL>:<days>")
  void publishesAndCaches() throws Exception {
    Forecast f = FIRST.get("BUIDL:30");
    assertThat(f.model()).isEqualTo("ensemble");
    assertThat(f.steps()).hasSize(30);
    assertThat(FIRST.get("BUIDL:7").steps()).hasSize(7);
    JsonObject cached = new JsonObject(cache.get("forecast:BUIDL:30").await(5, TimeUnit.SECONDS).orElseThrow());
    assertThat(cached.getString("model_version")).isEqualTo(f.modelVersion());
    assertThat(cached.getJsonObject("bars").getString("interval")).isEqualTo("1d");
    assertThat(cached.getJsonArray("steps")).hasSize(30);
  }

  @Test
  @DisplayName("without enough daily bars, hourly bars give the 1- and 7-day forecasts, and say so")
  void fallsBackToHourlyBars() throws Exception {
    assertThat(FIRST.get("OUSG:1").steps()).hasSize(24);
    Forecast week = FIRST.get("OUSG:7");
    assertThat(week.steps()).hasSize(168);
    assertThat(week.modelVersion()).startsWith("ensemble-v1.1h.");
    assertThat(java.time.Duration.between(week.baseTime(), week.steps().get(0).time())).isEqualTo(Duration.ofHours(1));
    JsonObject cached = new JsonObject(cache.get("forecast:OUSG:7").await(5, TimeUnit.SECONDS).orElseThrow());
    assertThat(cached.getJsonObject("bars").getString("interval")).isEqualTo("1h");
    assertThat(cached.getJsonObject("bars").getInteger("count")).isEqualTo(120);
    assertThat(cache.get("forecast:OUSG:30").await(5, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  @DisplayName("an asset with too little history is skipped without failing the round")
  void skipsAssetWithTooLittleData() throws Exception {
    assertThat(FIRST.keySet()).noneMatch(k -> k.startsWith("FIDU:"));
    assertThat(cache.get("forecast:FIDU:7").await(5, TimeUnit.SECONDS)).isEmpty();
    try (Connection c = pg.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM predictions p JOIN assets a USING (asset_id) "
             + "WHERE a.symbol = 'FIDU'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  @DisplayName("on request, fits one asset now and replies with its forecasts; 422 and 404 otherwise")
  void forecastsOnDemand() throws Exception {
    JsonObject reply = vertx.eventBus().<JsonObject>request(Addresses.FORECASTS_REQUEST,
        new JsonObject().put("symbol", "PAXG")).await(60, TimeUnit.SECONDS).body();
    assertThat(reply.getString("bars")).isEqualTo("1d");
    assertThat(reply.getJsonArray("forecasts")).hasSize(2);
    assertThat(reply.getJsonArray("forecasts").getJsonObject(1).getInteger("horizon_days")).isEqualTo(30);
    assertThatThrownBy(() -> vertx.eventBus().request(Addresses.FORECASTS_REQUEST,
        new JsonObject().put("symbol", "FIDU")).await(60, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(422));
    assertThatThrownBy(() -> vertx.eventBus().request(Addresses.FORECASTS_REQUEST,
        new JsonObject().put("symbol", "NOPE")).await(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(404));
  }

  @Test
  @DisplayName("a realized close far off the forecast path refits the asset at once")
  void retrainsWhenLiveErrorDegrades() throws Exception {
    ForecastStep first = FIRST.get("BUIDL:7").steps().get(0);
    BigDecimal off = new BigDecimal("5");
    vertx.eventBus().publish(Addresses.bars(BarInterval.D1), new Bar("BUIDL", BarInterval.D1, first.time(), off, off,
        off, off, BigDecimal.ONE, off, 1, 0, null));
    Forecast next = null;
    for (Forecast f = LATER.poll(90, TimeUnit.SECONDS); f != null; f = LATER.poll(90, TimeUnit.SECONDS)) {
      if (f.symbol().equals("BUIDL")) {
        next = f;
        break;
      }
    }
    assertThat(next).as("a new BUIDL forecast").isNotNull();
    assertThat(next.modelVersion()).isNotEqualTo(FIRST.get("BUIDL:7").modelVersion());
  }
}
