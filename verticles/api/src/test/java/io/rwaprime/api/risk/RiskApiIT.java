package io.rwaprime.api.risk;

import io.rwaprime.api.ApiServer;
import io.rwaprime.api.ApiServer.Reply;
import io.rwaprime.api.TestClock;
import io.rwaprime.common.cache.LocalKeyValueStore;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Codecs;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
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
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk endpoints on a real PostgreSQL: stored scores by symbol and history, and portfolio risk asked of a
 * stand-in for the risk role on the bus (answering like it, or not at all).
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RiskApiIT {

  private static final String PASSWORD = "correct horse battery";
  private static Vertx vertx;
  private static Database db;
  private static ApiServer api;
  private static LocalKeyValueStore store;

  @BeforeAll
  static void start(PostgresServer pg) throws Exception {
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    String name = pg.createDatabase("riskapi");
    db = ApiServer.database(vertx, pg, name);
    try (Connection c = pg.connect(name); Statement s = c.createStatement()) {
      for (int h = 3; h >= 1; h--) {
        s.execute("INSERT INTO risk_scores (asset_id, composite_score, market_risk, credit_risk, regulatory_risk, "
            + "technical_risk, drivers, details, model_version, calculated_at) SELECT asset_id, " + (30 + h) + ", 40, 20, 30, 25, "
            + "'[{\"factor\":\"volatility\",\"category\":\"market\",\"raw_value\":\"0.15\",\"normalized\":0.1875,"
            + "\"weight\":0.075,\"contribution\":1.39,\"imputed\":false}]', '{\"asset_class\":\"commodity\"}', 'composite-1.0', "
            + "now() - interval '" + h + " hours' FROM assets WHERE symbol = 'PAXG'");
      }
    }
    store = new LocalKeyValueStore(vertx);
    store.put("price:latest:PAXG", new JsonObject().put("price", "4000").encode(), Duration.ofHours(1))
        .await(5, TimeUnit.SECONDS);
    api = ApiServer.start(vertx, db, store, new TestClock(Instant.now()), Map.of(
        "RWA_API_AUTH_KEYS_DIR", Files.createTempDirectory("rwa-keys").toString(),
        "RWA_API_RATE_LIMITS_ANONYMOUS", "0", "RWA_API_RATE_LIMITS_EXPLORER", "0"));
  }

  @AfterAll
  static void stop() throws Exception {
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).await(30, TimeUnit.SECONDS);
    }
    db.close().await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private static String register() {
    String email = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Reply r = api.post("/api/v1/auth/register", null, new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(r.status()).isEqualTo(201);
    return r.body().getString("access_token");
  }

  @Test
  void latestScoreWithDriversAnd404s() {
    Reply r = api.get("/api/v1/risk/PAXG", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().getInteger("composite_score")).isEqualTo(31);
    assertThat(r.body().getJsonObject("sub_scores").getInteger("market")).isEqualTo(40);
    assertThat(r.body().getJsonArray("drivers").getJsonObject(0).getString("factor")).isEqualTo("volatility");
    assertThat(r.body().getJsonObject("details").getString("asset_class")).isEqualTo("commodity");
    Reply none = api.get("/api/v1/risk/BUIDL", null);
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(none.problemType()).isEqualTo("risk-not-available");
    assertThat(api.get("/api/v1/risk/NOPE", null).problemType()).isEqualTo("asset-not-found");
    assertThat(api.get("/api/v1/risk/bad!", null).status()).isEqualTo(400);
  }

  @Test
  void historyIsTheLatestWithinTheWindowOldestFirst() {
    Reply r = api.get("/api/v1/risk/PAXG/history?limit=2", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().getJsonArray("data")).hasSize(2);
    assertThat(r.body().getJsonArray("data").getJsonObject(0).getInteger("composite_score")).isEqualTo(32);
    assertThat(r.body().getJsonArray("data").getJsonObject(1).getInteger("composite_score")).isEqualTo(31);
    String from = Instant.now().minus(Duration.ofMinutes(150)).toString();
    assertThat(api.get("/api/v1/risk/PAXG/history?from=" + from, null).body().getInteger("count")).isEqualTo(2);
    assertThat(api.get("/api/v1/risk/PAXG/history?limit=0", null).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/risk/PAXG/history?from=yesterday", null).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("portfolio risk: own holdings only, valued like /portfolio; 401, 422 and 503 as problems")
  void portfolioRisk() throws Exception {
    assertThat(api.get("/api/v1/portfolio/risk", null).status()).isEqualTo(401);
    String a = register();
    assertThat(api.get("/api/v1/portfolio/risk", a).problemType()).isEqualTo("portfolio-empty");
    api.post("/api/v1/portfolio/holdings", a, new JsonObject().put("symbol", "PAXG").put("quantity", "2"));
    api.post("/api/v1/portfolio/holdings", a, new JsonObject().put("symbol", "BUIDL").put("quantity", "1000"));
    String b = register();
    api.post("/api/v1/portfolio/holdings", b, new JsonObject().put("symbol", "OUSG").put("quantity", "5"));
    Reply nobody = api.get("/api/v1/portfolio/risk", a);
    assertThat(nobody.status()).isEqualTo(503);
    assertThat(nobody.problemType()).isEqualTo("risk-unavailable");

    AtomicReference<JsonObject> asked = new AtomicReference<>();
    MessageConsumer<JsonObject> risk = vertx.eventBus().consumer(Addresses.RISK_PORTFOLIO, msg -> {
      asked.set(msg.body());
      if (msg.body().getJsonObject("holdings").containsKey("OUSG")) {
        msg.fail(422, "insufficient-history");
        return;
      }
      msg.reply(new JsonObject().put("total_value", 9000.0).put("var", new JsonObject()
          .put("95", new JsonObject().put("1", new JsonObject().put("amount", 123.4).put("fraction", 0.0137)))));
    });
    risk.completion().await(5, TimeUnit.SECONDS);
    Reply ok = api.get("/api/v1/portfolio/risk", a);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().getJsonObject("var").getJsonObject("95").getJsonObject("1").getDouble("amount"))
        .isEqualTo(123.4);
    assertThat(asked.get().getJsonObject("holdings").getMap())
        .containsExactlyInAnyOrderEntriesOf(Map.of("PAXG", 8000.0, "BUIDL", 1000.0));
    Reply refused = api.get("/api/v1/portfolio/risk", b);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.problemType()).isEqualTo("insufficient-history");
    risk.unregister().await(5, TimeUnit.SECONDS);
  }
}
