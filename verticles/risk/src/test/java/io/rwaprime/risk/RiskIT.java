package io.rwaprime.risk;

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
import io.rwaprime.events.Codecs;
import io.rwaprime.events.RiskDriver;
import io.rwaprime.events.RiskScore;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The risk role against a real, migrated PostgreSQL with 90 daily bars for three assets. */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RiskIT {

  private static Vertx vertx;
  private static Database database;
  private static PostgresServer pg;
  private static String db;
  private static final Map<String, RiskScore> PUBLISHED = new ConcurrentHashMap<>();
  private static final CountDownLatch ALL_SCORED = new CountDownLatch(1);

  @BeforeAll
  static void start(PostgresServer server) throws Exception {
    pg = server;
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    db = pg.createDatabase("risk");
    RwaConfig cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(),
        Map.of("RWA_RISK_INTERVAL", "PT1H", "RWA_RISK_MONTE_CARLO_PATHS", "2000"), Map.of()))
        .await(20, TimeUnit.SECONDS);
    database = Database.open(vertx, new RwaConfig.Database(Optional.of(URI.create("postgresql://" + pg.host() + ":"
        + pg.port() + "/" + db)), pg.user(), pg.password(), 4, Path.of("unused"), 0, "unused"), AssetCatalogue.load())
        .await(1, TimeUnit.MINUTES);
    try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
      // a deterministic wiggle: PAXG ~ 4000 swinging ±3 %, BUIDL ~ 1.00 ± 0.02 %, FIDU ~ 1.10 with a 20 % fall
      s.execute(bars("PAXG", "4000 * (1 + 0.03 * sin(i * 0.9) + 0.001 * i)", "50"));
      s.execute(bars("BUIDL", "1 + 0.0002 * sin(i * 1.7)", "2000000"));
      s.execute(bars("FIDU", "1.1 * (CASE WHEN i > 60 THEN 0.8 ELSE 1 END) * (1 + 0.004 * cos(i * 1.3))", "1000"));
    }
    AssetCatalogue assets = AssetCatalogue.load();
    vertx.eventBus().<RiskScore>consumer(Addresses.RISK, msg -> {
      PUBLISHED.put(msg.body().symbol(), msg.body());
      if (PUBLISHED.size() == assets.size()) {
        ALL_SCORED.countDown();
      }
    }).completion().await(10, TimeUnit.SECONDS);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RoleContext ctx = new RoleContext(vertx, cfg, metrics, new HealthRegistry(vertx, Duration.ofSeconds(1)),
        new DeadLetters(vertx, metrics), new LocalKeyValueStore(vertx), assets, Optional.of(database));
    new RiskRole().deploy(ctx).await(60, TimeUnit.SECONDS);
    assertThat(ALL_SCORED.await(60, TimeUnit.SECONDS)).as("a score for every asset of the catalogue").isTrue();
  }

  private static String bars(String symbol, String price, String volume) {
    return "INSERT INTO bars_1d (symbol, open_time, open, high, low, close, volume, tick_count) "
        + "SELECT '" + symbol + "', date_trunc('day', now()) - ((91 - i) || ' days')::interval, p, p * 1.01, p * 0.99, p, "
        + volume + ", 100 FROM (SELECT i, (" + price + ")::numeric AS p FROM generate_series(1, 90) AS i) x";
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
  @DisplayName("a stored risk_scores row has 16 drivers, sub-scores and the daily market report")
  void storesScoreWithDriversAndReport() throws Exception {
    try (Connection c = pg.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT r.composite_score, r.market_risk, r.credit_risk, r.drivers::text, "
             + "r.details::text, r.model_version FROM risk_scores r JOIN assets a USING (asset_id) "
             + "WHERE a.symbol = 'FIDU' ORDER BY calculated_at DESC LIMIT 1")) {
      assertThat(rs.next()).isTrue();
      JsonArray drivers = new JsonArray(rs.getString(4));
      JsonObject details = new JsonObject(rs.getString(5));
      assertThat(drivers).hasSize(16);
      double sum = 1;
      for (int i = 0; i < drivers.size(); i++) {
        sum += drivers.getJsonObject(i).getDouble("contribution");
      }
      assertThat(Math.round(sum)).as("drivers sum to the score").isEqualTo(rs.getInt(1));
      assertThat(drivers.getJsonObject(0).getDouble("contribution"))
          .isGreaterThanOrEqualTo(drivers.getJsonObject(15).getDouble("contribution"));
      assertThat(details.getJsonObject("bars").getString("interval")).isEqualTo("1d");
      assertThat(details.getJsonObject("bars").getInteger("count")).isEqualTo(90);
      JsonObject market = details.getJsonObject("market");
      assertThat(market.getDouble("max_drawdown")).isBetween(0.19, 0.25);
      assertThat(market.getJsonObject("var_historical").getJsonObject("95").getDouble("1")).isPositive();
      assertThat(market.getJsonObject("var_monte_carlo").getJsonObject("99").getDouble("10")).isPositive();
      assertThat(rs.getString(6)).isEqualTo(RiskRepository.MODEL_VERSION);
    }
  }

  @Test
  void publishesRiskScoresWithDriversOnTheBus() {
    RiskScore fidu = PUBLISHED.get("FIDU");
    RiskScore buidl = PUBLISHED.get("BUIDL");
    assertThat(fidu.drivers()).hasSize(16);
    assertThat(fidu.composite()).as("a falling unregulated credit pool is riskier than BUIDL")
        .isGreaterThan(buidl.composite());
    RiskDriver rating = buidl.drivers().stream().filter(d -> d.factor().equals("underlying_quality")).findFirst()
        .orElseThrow();
    assertThat(rating.rawValue()).as("AA+ is notch 1").isEqualTo(1.0);
    RiskDriver issuer = buidl.drivers().stream().filter(d -> d.factor().equals("issuer_rating")).findFirst()
        .orElseThrow();
    assertThat(issuer.normalized()).as("AA- is notch 3").isEqualTo(3 / 21.0);
    // an asset without bars still gets a score: market factors imputed
    assertThat(PUBLISHED.get("KAU").drivers().stream().filter(d -> d.factor().equals("volatility")).findFirst()
        .orElseThrow().rawValue()).isEqualTo(-1.0);
  }

  @Test
  @DisplayName("portfolio VaR over the bus: components sum to the total; bad and unanswerable requests fail")
  void portfolioRisk() throws Exception {
    JsonObject reply = vertx.eventBus().<JsonObject>request(Addresses.RISK_PORTFOLIO,
            new JsonObject().put("holdings", new JsonObject().put("PAXG", 6000.0).put("FIDU", 4000.0)))
        .await(30, TimeUnit.SECONDS).body();
    assertThat(reply.getString("interval")).isEqualTo("1d");
    double total = reply.getJsonObject("var").getJsonObject("99").getJsonObject("10").getDouble("amount");
    double sum = 0;
    for (Object h : reply.getJsonArray("holdings")) {
      sum += ((JsonObject) h).getJsonObject("component_var").getJsonObject("99").getDouble("10");
    }
    assertThat(sum).isCloseTo(total, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(reply.getJsonObject("covariance").getString("method")).isEqualTo("ledoit-wolf constant correlation");
    assertThatThrownBy(() -> vertx.eventBus().request(Addresses.RISK_PORTFOLIO,
            new JsonObject().put("holdings", new JsonObject().put("PAXG", -1))).await(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(400));
    assertThatThrownBy(() -> vertx.eventBus().request(Addresses.RISK_PORTFOLIO,
            new JsonObject().put("holdings", new JsonObject().put("KAU", 10))).await(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(ReplyException.class, e -> {
          assertThat(e.failureCode()).isEqualTo(422);
          assertThat(e.getMessage()).isEqualTo("insufficient-history");
        });
  }
}
