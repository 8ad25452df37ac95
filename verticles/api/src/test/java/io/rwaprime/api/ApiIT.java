package io.rwaprime.api;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.cache.LocalKeyValueStore;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.http.HttpServerVerticle;
import io.rwaprime.common.http.Problems;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.Codecs;
import io.rwaprime.testkit.FreePorts;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST read endpoints against a real, migrated PostgreSQL. */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ApiIT {

  private static final String ADMIN = "admin-token-for-tests-0123456789";
  private static Vertx vertx;
  private static WebClient client;
  private static Database database;
  private static int port;

  private record Reply(int status, String contentType, JsonObject body) {}

  @BeforeAll
  static void start(PostgresServer pg) throws Exception {
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    String db = pg.createDatabase("api");
    RwaConfig cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(),
        Map.of("RWA_API_ADMIN_TOKEN", ADMIN, "RWA_API_RATE_LIMITS_ANONYMOUS", "0",
            "RWA_API_AUTH_KEYS_DIR", java.nio.file.Files.createTempDirectory("rwa-keys").toString()), Map.of()))
        .await(20, TimeUnit.SECONDS);
    RwaConfig.Database dbCfg = new RwaConfig.Database(Optional.of(URI.create("postgresql://" + pg.host() + ":" + pg.port()
        + "/" + db)), pg.user(), pg.password(), 4, Path.of("unused"), 0, "unused");
    database = Database.open(vertx, dbCfg, AssetCatalogue.load()).await(1, TimeUnit.MINUTES);
    try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
      s.execute("""
          INSERT INTO bars_1m (symbol, open_time, open, high, low, close, volume, vwap, tick_count, revision, updated_at)
          SELECT 'PAXG', now() - (i || ' minutes')::interval - (extract(second from now()) || ' seconds')::interval,
                 4000 + i, 4005 + i, 3995 + i, 4001 + i, 10, 4000.5 + i, 12, 0, now()
          FROM generate_series(1, 30) AS i""");
      s.execute("INSERT INTO macro_points (series, time, value, source) VALUES"
          + " ('DTB3', '2026-11-03T00:00:00Z', 4.21, 'fred'), ('DTB3', '2026-11-04T00:00:00Z', 4.19, 'fred')");
      s.execute("INSERT INTO sentiment_scores (symbol, time, sentiment_score, article_count, source) VALUES"
          + " ('BUIDL', date_trunc('day', now()), 0.420, 3, 'news')");
      s.execute("INSERT INTO asset_features (symbol, as_of, features) VALUES"
          + " ('PAXG', now(), '{\"realized_vol_7d\": 0.14, \"sma20\": 4010.5}')");
      s.execute("INSERT INTO dead_letters (event_id, source, stage, reason_code, detail, payload) VALUES"
          + " ('e1', 'push:acme', 'cleansing', 'price.non-positive', 'price must be > 0', '{\"price\":-1}'),"
          + " ('e2', 'simulator', 'cleansing', 'json.malformed', 'bad json', '{')");
    }
    RoleContext ctx = new RoleContext(vertx, cfg, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        new HealthRegistry(vertx, Duration.ofSeconds(1)), new DeadLetters(vertx, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
        new LocalKeyValueStore(vertx), AssetCatalogue.load(), Optional.of(database));
    port = FreePorts.find();
    ApiRole role = new ApiRole();
    role.deploy(ctx).await(30, TimeUnit.SECONDS);
    vertx.deployVerticle(() -> new HttpServerVerticle(new RwaConfig.Http("127.0.0.1", port, 1, 65536, true, java.util.List.of("https://app.example.com")),
            ctx.health(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), (vx, router) -> role.routes(router, ctx)),
        new DeploymentOptions()).await();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    // undeploy first: the verticles flush into the pool while it is still open
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).await(30, TimeUnit.SECONDS);
    }
    if (database != null) {
      database.close().await(30, TimeUnit.SECONDS);
    }
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private static Reply get(String path, String bearer) throws Exception {
    // WebClient buffers the body itself: no window in which a response can end before its reader is set
    HttpRequest<Buffer> req = client.get(port, "127.0.0.1", path);
    if (bearer != null) {
      req.putHeader("Authorization", "Bearer " + bearer);
    }
    return req.send().map(resp -> new Reply(resp.statusCode(), resp.getHeader("Content-Type"),
        resp.body() == null || resp.body().length() == 0 ? null : resp.body().toJsonObject()))
        .await(10, TimeUnit.SECONDS);
  }

  @Test
  void listsTheCatalogue() throws Exception {
    Reply r = get("/api/v1/assets", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().getInteger("total")).isEqualTo(AssetCatalogue.load().assets().size());
  }

  @Test
  void filtersSortsSearchesAndPagesTheCatalogue() throws Exception {
    Reply commodities = get("/api/v1/assets?asset_class=commodity", null);
    assertThat(commodities.body().getJsonArray("data")).isNotEmpty()
        .allSatisfy(a -> assertThat(((JsonObject) a).getString("asset_class")).isEqualTo("commodity"));
    assertThat(get("/api/v1/assets?q=2024", null).status()).as("a numeric search text is still text").isEqualTo(200);
    assertThat(get("/api/v1/assets?issuer=1&chain=2", null).status()).isEqualTo(200);
    Reply search = get("/api/v1/assets?q=paxg", null);
    assertThat(search.body().getJsonArray("data").getJsonObject(0).getString("symbol")).isEqualTo("PAXG");
    Reply byYield = get("/api/v1/assets?sort_by=yield&order=desc&min_yield=0.01", null);
    JsonArray y = byYield.body().getJsonArray("data");
    assertThat(y).as(String.valueOf(byYield.body())).isNotEmpty();
    for (int i = 1; i < y.size(); i++) {
      assertThat(new java.math.BigDecimal(y.getJsonObject(i - 1).getString("yield_apy")))
          .isGreaterThanOrEqualTo(new java.math.BigDecimal(y.getJsonObject(i).getString("yield_apy")));
      assertThat(new java.math.BigDecimal(y.getJsonObject(i).getString("yield_apy"))).isGreaterThanOrEqualTo(new java.math.BigDecimal("0.01"));
    }
    int total = AssetCatalogue.load().assets().size();
    Reply page2 = get("/api/v1/assets?limit=5&page=2", null);
    assertThat(page2.body().getJsonArray("data")).hasSize(5);
    assertThat(page2.body().getLong("total")).isEqualTo(total);
    assertThat(page2.body().getLong("pages")).isEqualTo((total + 4) / 5);
    assertThat(page2.body().getJsonArray("data").getJsonObject(0).getString("symbol"))
        .isGreaterThan(get("/api/v1/assets?limit=5&page=1", null).body().getJsonArray("data").getJsonObject(4).getString("symbol"));
    Reply beyond = get("/api/v1/assets?limit=5&page=99", null);
    assertThat(beyond.body().getJsonArray("data")).isEmpty();
    assertThat(beyond.body().getLong("total")).isEqualTo(total);
  }

  @Test
  void securityHeadersOnEveryAnswer() throws Exception {
    for (String path : new String[] {"/", "/api/v1/assets", "/api/v1/nope"}) {
      var r = client.get(port, "127.0.0.1", path).send().await(10, TimeUnit.SECONDS);
      assertThat(r.getHeader("Content-Security-Policy")).as(path).contains("frame-ancestors 'none'").contains("default-src 'self'")
          .doesNotContain("unsafe-inline");
      assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
      assertThat(r.getHeader("X-Request-Id")).isNotBlank();
      assertThat(r.getHeader("Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();
    }
    var behindTls = client.get(port, "127.0.0.1", "/api/v1/assets").putHeader("X-Forwarded-Proto", "https").send()
        .await(10, TimeUnit.SECONDS);
    assertThat(behindTls.getHeader("Strict-Transport-Security")).startsWith("max-age=");
  }

  @Test
  void corsAllowsOnlyTheConfiguredOrigins() throws Exception {
    var ok = client.request(io.vertx.core.http.HttpMethod.OPTIONS, port, "127.0.0.1", "/api/v1/assets")
        .putHeader("Origin", "https://app.example.com").putHeader("Access-Control-Request-Method", "GET")
        .putHeader("Access-Control-Request-Headers", "authorization").send().await(10, TimeUnit.SECONDS);
    assertThat(ok.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    var evil = client.get(port, "127.0.0.1", "/api/v1/assets").putHeader("Origin", "https://evil.example")
        .send().await(10, TimeUnit.SECONDS);
    assertThat(evil.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(evil.statusCode()).isEqualTo(403);
  }

  @Test
  void ohlcvReturnsBarsOldestFirstWithinLimit() throws Exception {
    Reply r = get("/api/v1/assets/PAXG/ohlcv?interval=1m&limit=10", null);
    assertThat(r.status()).isEqualTo(200);
    JsonArray data = r.body().getJsonArray("data");
    assertThat(data).hasSize(10);
    String first = data.getJsonObject(0).getString("open_time");
    String last = data.getJsonObject(9).getString("open_time");
    assertThat(first.compareTo(last)).isNegative();
    assertThat(data.getJsonObject(9).getString("close")).isEqualTo("4002");
    assertThat(data.getJsonObject(9).getLong("tick_count")).isEqualTo(12);
  }

  @Test
  void ohlcvOfAnotherIntervalIsEmptyNotAnError() throws Exception {
    Reply r = get("/api/v1/assets/PAXG/ohlcv?interval=1d", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().getJsonArray("data")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/v1/assets/PAXG/ohlcv?interval=2m",
      "/api/v1/assets/PAXG/ohlcv?limit=0",
      "/api/v1/assets/PAXG/ohlcv?limit=abc",
      "/api/v1/assets/PAXG/ohlcv?from=yesterday",
      "/api/v1/assets/PAXG/ohlcv?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
      "/api/v1/assets/paxg/ohlcv",
      "/api/v1/assets/PAXG/sentiment?days=0",
      "/api/v1/macro/DTB3?limit=-1",
      "/api/v1/macro/DT%20B3",
      "/api/v1/assets?sort_by=password_hash",
      "/api/v1/assets?order=sideways",
      "/api/v1/assets?page=0",
      "/api/v1/assets?limit=1000",
      "/api/v1/assets?asset_class=stocks",
      "/api/v1/assets?min_yield=abc",
      "/api/v1/assets?max_risk=101"})
  void badParametersAreProblem400(String path) throws Exception {
    Reply r = get(path, null);
    assertThat(r.status()).as(path).isEqualTo(400);
    assertThat(r.contentType()).isEqualTo(Problems.MEDIA_TYPE);
    assertThat(r.body().getString("detail")).isNotBlank();
  }

  @Test
  void unknownAssetIs404() throws Exception {
    Reply r = get("/api/v1/assets/NOPE/ohlcv", null);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body().getString("type")).endsWith("/asset-not-found");
    assertThat(get("/api/v1/assets/NOPE/features", null).status()).isEqualTo(404);
  }

  @Test
  void featuresSentimentAndMacro() throws Exception {
    Reply f = get("/api/v1/assets/PAXG/features", null);
    assertThat(f.status()).isEqualTo(200);
    assertThat(f.body().getDouble("realized_vol_7d")).isEqualTo(0.14);
    assertThat(get("/api/v1/assets/BUIDL/features", null).body().getString("type")).endsWith("/features-not-ready");

    Reply s = get("/api/v1/assets/BUIDL/sentiment?days=7", null);
    assertThat(s.status()).isEqualTo(200);
    assertThat(s.body().getJsonArray("data").getJsonObject(0).getString("score")).isEqualTo("0.42");

    Reply m = get("/api/v1/macro/DTB3", null);
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.body().getJsonArray("data")).hasSize(2);
    assertThat(m.body().getJsonArray("data").getJsonObject(1).getString("value")).isEqualTo("4.19");
    assertThat(get("/api/v1/macro/NOSUCH", null).status()).isEqualTo(404);
  }

  @Test
  void deadLetterBrowserNeedsTheAdminToken() throws Exception {
    Reply anonymous = get("/api/v1/admin/dead-letter", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).isEqualTo(Problems.MEDIA_TYPE);
    assertThat(get("/api/v1/admin/dead-letter", "wrong-token").status()).isEqualTo(401);

    Reply all = get("/api/v1/admin/dead-letter", ADMIN);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.body().getJsonArray("data")).hasSize(2);
    assertThat(all.body().getJsonObject("counts_by_reason").getLong("json.malformed")).isEqualTo(1);

    Reply filtered = get("/api/v1/admin/dead-letter?reason=price.non-positive", ADMIN);
    assertThat(filtered.body().getJsonArray("data")).hasSize(1);
    assertThat(filtered.body().getJsonArray("data").getJsonObject(0).getString("source")).isEqualTo("push:acme");

    Reply page = get("/api/v1/admin/dead-letter?limit=1", ADMIN);
    long next = page.body().getLong("next_before_id");
    Reply second = get("/api/v1/admin/dead-letter?limit=1&before_id=" + next, ADMIN);
    assertThat(second.body().getJsonArray("data").getJsonObject(0).getLong("id")).isLessThan(next);
    assertThat(get("/api/v1/admin/dead-letter?reason=DROP%20TABLE", ADMIN).status()).isEqualTo(400);
  }
}
