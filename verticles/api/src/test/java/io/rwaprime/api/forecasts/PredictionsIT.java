package io.rwaprime.api.forecasts;

import io.rwaprime.api.ApiServer;
import io.rwaprime.api.ApiServer.Reply;
import io.rwaprime.api.TestClock;
import io.rwaprime.common.cache.LocalKeyValueStore;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.Codecs;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prediction endpoints on a real PostgreSQL: rows as the forecasting role writes them (BUIDL), a cache entry
 * only (PAXG), nothing (FIDU); the 30-day tier gate (anonymous 401, explorer 403, professional 200).
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PredictionsIT {

  private static final String PASSWORD = "correct horse battery";
  private static Vertx vertx;
  private static Database db;
  private static ApiServer api;
  private static PostgresServer pg;
  private static String dbName;

  @BeforeAll
  static void start(PostgresServer server) throws Exception {
    pg = server;
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    dbName = pg.createDatabase("predictionsapi");
    db = ApiServer.database(vertx, pg, dbName);
    try (Connection c = pg.connect(dbName); Statement s = c.createStatement()) {
      for (int h : new int[] {7, 30}) {
        s.execute("INSERT INTO predictions (asset_id, model_version, forecast_horizon, predicted_price, lower_80, "
            + "upper_80, lower_95, upper_95, generated_at, details) SELECT asset_id, 'ensemble-v1.1d.20260101T000000Z', "
            + h + ", 1.001, 0.999, 1.003, 0.998, 1.004, now() - interval '1 hour', '" + details(h).encode()
            + "' FROM assets WHERE symbol = 'BUIDL'");
      }
    }
    LocalKeyValueStore store = new LocalKeyValueStore(vertx);
    store.put("forecast:PAXG:7", new JsonObject().put("symbol", "PAXG").put("horizon_days", 7)
        .put("model_version", "ensemble-v1.1h.cached").put("bars", new JsonObject().put("interval", "1h")).encode(),
        Duration.ofHours(1)).await(5, TimeUnit.SECONDS);
    api = ApiServer.start(vertx, db, store, new TestClock(Instant.now()), Map.of(
        "RWA_API_AUTH_KEYS_DIR", Files.createTempDirectory("rwa-keys").toString(),
        "RWA_API_RATE_LIMITS_ANONYMOUS", "0", "RWA_API_RATE_LIMITS_EXPLORER", "0"));
  }

  private static JsonObject details(int h) {
    JsonArray steps = new JsonArray();
    for (int i = 1; i <= h; i++) {
      steps.add(new JsonObject().put("step", i).put("mean", "1.001"));
    }
    JsonObject metrics = new JsonObject().put("origins", 20).put("steps", h).put("mae", 0.001).put("rmse", 0.0012)
        .put("mape", 0.1).put("smape", 0.1).put("mase", 0.9).put("coverage_80", 0.8).put("coverage_95", 0.95)
        .put("winkler_80", 0.004).put("winkler_95", 0.006);
    return new JsonObject().put("symbol", "BUIDL").put("horizon_days", h).put("model", "ensemble")
        .put("bars", new JsonObject().put("interval", "1d").put("count", 200))
        .put("point", new JsonObject().put("mean", "1.001")).put("steps", steps)
        .put("backtest", metrics).put("notes", new JsonArray());
  }

  @AfterAll
  static void stop() throws Exception {
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).await(30, TimeUnit.SECONDS);
    }
    db.close().await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private static String user(String tier) throws Exception {
    String email = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Reply r = api.post("/api/v1/auth/register", null, new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(r.status()).isEqualTo(201);
    if (!"explorer".equals(tier)) {
      try (Connection c = pg.connect(dbName); Statement s = c.createStatement()) {
        s.execute("UPDATE users SET tier = '" + tier + "' WHERE email = '" + email + "'");
      }
      r = api.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", PASSWORD));
      assertThat(r.status()).isEqualTo(200);
    }
    return r.body().getString("access_token");
  }

  @Test
  @DisplayName("the 7-day forecast is open to anonymous callers and comes from the table when not cached")
  void sevenDaysFromTheTable() {
    Reply r = api.get("/api/v1/predictions/BUIDL", null);
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    assertThat(r.body().getInteger("horizon_days")).isEqualTo(7);
    assertThat(r.body().getString("model_version")).isEqualTo("ensemble-v1.1d.20260101T000000Z");
    assertThat(r.body().getJsonObject("bars").getString("interval")).isEqualTo("1d");
    assertThat(r.body().getJsonArray("steps")).hasSize(7);
    assertThat(r.body().getString("generated_at")).isNotBlank();
    assertThat(r.body().containsKey("backtest")).isFalse();
  }

  @Test
  void readsTheCacheFirst() {
    Reply r = api.get("/api/v1/predictions/PAXG?horizon=7", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().getString("model_version")).isEqualTo("ensemble-v1.1h.cached");
  }

  @Test
  void notFoundWithoutForecastOrAsset() {
    Reply none = api.get("/api/v1/predictions/FIDU", null);
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.problemType()).isEqualTo("prediction-not-available");
    assertThat(api.get("/api/v1/predictions/NOPE", null).problemType()).isEqualTo("asset-not-found");
    assertThat(api.get("/api/v1/predictions/FIDU/backtest", null).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("30 days: anonymous 401, explorer 403 naming the tier, professional 200")
  void thirtyDaysNeedProfessional() throws Exception {
    assertThat(api.get("/api/v1/predictions/BUIDL?horizon=30", null).status()).isEqualTo(401);
    Reply explorer = api.get("/api/v1/predictions/BUIDL?horizon=30", user("explorer"));
    assertThat(explorer.status()).isEqualTo(403);
    assertThat(explorer.problemType()).isEqualTo("forbidden");
    assertThat(explorer.body().getString("detail")).contains("professional");
    Reply pro = api.get("/api/v1/predictions/BUIDL?horizon=30", user("professional"));
    assertThat(pro.status()).isEqualTo(200);
    assertThat(pro.body().getInteger("horizon_days")).isEqualTo(30);
    assertThat(pro.body().getJsonArray("steps")).hasSize(30);
  }

  @Test
  void badHorizonIs400() {
    assertThat(api.get("/api/v1/predictions/BUIDL?horizon=14", null).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/predictions/BUIDL?horizon=week", null).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("the published backtest lists each model version's accuracy per horizon")
  void backtestPerModelVersion() {
    Reply r = api.get("/api/v1/predictions/BUIDL/backtest", null);
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    JsonArray data = r.body().getJsonArray("data");
    assertThat(data).hasSize(1);
    JsonObject v = data.getJsonObject(0);
    assertThat(v.getString("model_version")).isEqualTo("ensemble-v1.1d.20260101T000000Z");
    assertThat(v.getString("bars")).isEqualTo("1d");
    for (String h : new String[] {"7", "30"}) {
      JsonObject m = v.getJsonObject("horizons").getJsonObject(h);
      assertThat(m.getDouble("mase")).isEqualTo(0.9);
      assertThat(m.getDouble("coverage_95")).isEqualTo(0.95);
      assertThat(m.getDouble("winkler_80")).isEqualTo(0.004);
    }
  }
}
