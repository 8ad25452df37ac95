package io.rwaprime.api.reports;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.rwaprime.api.ApiServer;
import io.rwaprime.api.ApiServer.Reply;
import io.rwaprime.api.TestClock;
import io.rwaprime.common.cache.RedisKeyValueStore;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.Codecs;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.rwaprime.testkit.RedisExtension;
import io.rwaprime.testkit.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PDF reports on real PostgreSQL and Redis: what an asset report and a portfolio report show (read back with
 * OpenPDF's text extractor), who may fetch them, and that a portfolio report only ever shows the caller's holdings.
 */
@ExtendWith({PostgresExtension.class, RedisExtension.class})
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReportsIT {

  private static final String PASSWORD = "correct horse battery";
  private static Vertx vertx;
  private static Database db;
  private static RedisKeyValueStore redis;
  private static PostgresServer pg;
  private static String dbName;
  private static ApiServer api;
  private static final AtomicInteger SAMPLES = new AtomicInteger();

  @BeforeAll
  static void start(PostgresServer postgres, RedisServer rs) throws Exception {
    pg = postgres;
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    dbName = pg.createDatabase("reports");
    db = ApiServer.database(vertx, pg, dbName);
    redis = ApiServer.redis(vertx, rs);
    seed();
    api = ApiServer.start(vertx, db, redis, new TestClock(Instant.now()), Map.of(
        "RWA_API_AUTH_KEYS_DIR", Files.createTempDirectory("rwa-keys").toString(),
        "RWA_API_RATE_LIMITS_ANONYMOUS", "0", "RWA_API_RATE_LIMITS_EXPLORER", "0",
        "RWA_API_RATE_LIMITS_PROFESSIONAL", "0"));
  }

  /** PAXG: 60 daily bars, a trade in the cache, a risk score, 7- and 30-day forecasts. XAUT: hourly bars only. */
  private static void seed() throws Exception {
    try (Connection c = pg.connect(dbName); Statement s = c.createStatement()) {
      s.execute("INSERT INTO bars_1d (symbol, open_time, open, high, low, close) SELECT 'PAXG', "
          + "date_trunc('day', now()) - make_interval(days => d), 4000 + d, 4010 + d, 3990 + d, 4000 + d "
          + "FROM generate_series(1, 60) d");
      s.execute("INSERT INTO bars_1d (symbol, open_time, open, high, low, close) VALUES "
          + "('PAXG', now() - interval '200 days', 1, 1, 1, 1)");
      s.execute("INSERT INTO bars_1h (symbol, open_time, open, high, low, close) SELECT 'XAUT', "
          + "date_trunc('hour', now()) - make_interval(hours => h), 3900, 3902, 3900, 3901.5 FROM generate_series(1, 48) h");
      s.execute("INSERT INTO risk_scores (asset_id, composite_score, market_risk, credit_risk, regulatory_risk, "
          + "technical_risk, drivers, model_version, calculated_at) SELECT asset_id, 37, 41, 22, 33, 28, "
          + "'[{\"factor\":\"realized_volatility\",\"category\":\"market\",\"contribution\":4.25},"
          + "{\"factor\":\"custodian_concentration\",\"category\":\"credit\",\"contribution\":2.5}]', 'composite-1.0', "
          + "now() - interval '1 hour' FROM assets WHERE symbol = 'PAXG'");
      s.execute("INSERT INTO risk_scores (asset_id, composite_score, calculated_at) SELECT asset_id, 12, "
          + "now() - interval '1 hour' FROM assets WHERE symbol = 'BUIDL'");
      s.execute("INSERT INTO predictions (asset_id, model_version, forecast_horizon, predicted_price, lower_80, upper_80, "
          + "lower_95, upper_95) SELECT asset_id, 'ensemble-1', h, 4150 + h, 4050 + h, 4250 + h, 3990 + h, 4310 + h "
          + "FROM assets, (VALUES (7), (30)) v(h) WHERE symbol = 'PAXG'");
    }
    redis.put("price:latest:PAXG", new JsonObject().put("price", "4123.45").put("event_time", Instant.now().toString())
        .encode(), Duration.ofHours(1)).await(5, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).await(30, TimeUnit.SECONDS);
    }
    redis.close().await(10, TimeUnit.SECONDS);
    db.close().await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private record User(String id, String access) {}

  private static User user(String tier) throws Exception {
    String email = "r" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Reply r = api.post("/api/v1/auth/register", null, new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(r.status()).isEqualTo(201);
    String id = r.body().getJsonObject("user").getString("user_id");
    if (!"explorer".equals(tier)) {
      try (Connection c = pg.connect(dbName); Statement s = c.createStatement()) {
        s.execute("UPDATE users SET tier = '" + tier + "' WHERE user_id = '" + id + "'");
      }
      r = api.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", PASSWORD));
      assertThat(r.status()).isEqualTo(200);
    }
    return new User(id, r.body().getString("access_token"));
  }

  private static void hold(User u, String symbol, String qty, String avg) {
    JsonObject body = new JsonObject().put("symbol", symbol).put("quantity", qty);
    if (avg != null) {
      body.put("avg_purchase_price", avg);
    }
    assertThat(api.post("/api/v1/portfolio/holdings", u.access(), body).status()).isEqualTo(201);
  }

  /**
   * Asserts a PDF answer and returns the text of all its pages. The PDF is kept under
   * {@code target/report-samples/} (numbered, named by its Content-Disposition) for a human to look at.
   */
  private static String pdf(Reply r) throws Exception {
    assertThat(r.status()).as(r.raw().toString()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(new String(r.raw().getBytes(0, 5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    Path samples = Files.createDirectories(Path.of("target", "report-samples"));
    Files.write(samples.resolve(SAMPLES.incrementAndGet() + "-" + r.header("Content-Disposition").replaceAll(".*filename=\"([^\"]+)\".*", "$1")),
        r.raw().getBytes());
    PdfReader reader = new PdfReader(r.raw().getBytes());
    try {
      PdfTextExtractor extractor = new PdfTextExtractor(reader);
      StringBuilder text = new StringBuilder();
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        text.append(extractor.getTextFromPage(page)).append('\n');
      }
      return text.toString();
    } finally {
      reader.close();
    }
  }

  @Test
  @DisplayName("the asset report shows the facts, the latest trade, the risk score with drivers and the forecast bands")
  void assetReportShowsFactsPriceRiskAndForecast() throws Exception {
    Reply r = api.get("/api/v1/reports/assets/PAXG.pdf", user("explorer").access());
    String text = pdf(r);
    assertThat(r.header("Content-Disposition")).isEqualTo("inline; filename=\"PAXG.pdf\"");
    assertThat(text).contains("PAX Gold (PAXG)", "Commodity", "Paxos Trust Company", "ethereum",
        "0x45804880de22913dafe09f4980848ece6ecbaf78", "4123.45", "last trade", "daily")
        .contains("37 / 100", "41 / 100", "realized volatility", "4.25")
        .contains("4157", "4057 – 4257", "3997 – 4317", "4180", "ensemble-1")
        .contains("60 bars", "Disclaimer", "Generated");
  }

  @Test
  @DisplayName("without daily bars the chart uses hourly bars; without a score or forecast the report says so")
  void assetReportFallsBackToHourlyBars() throws Exception {
    String text = pdf(api.get("/api/v1/reports/assets/XAUT.pdf", user("explorer").access()));
    assertThat(text).contains("Tether Gold", "hourly", "48 bars", "3901.5", "last hourly bar close",
        "No risk score has been computed", "No forecast is available");
    String buidl = pdf(api.get("/api/v1/reports/assets/BUIDL.pdf", user("explorer").access()));
    assertThat(buidl).contains("BlackRock", "NAV", "1 USD", "12 / 100", "No price history in the last 90 days");
  }

  @Test
  void refusesAnonymousCallersAndUnknownAssets() throws Exception {
    assertThat(api.get("/api/v1/reports/assets/PAXG.pdf", null).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/reports/portfolio.pdf", null).status()).isEqualTo(401);
    String access = user("explorer").access();
    Reply unknown = api.get("/api/v1/reports/assets/NOPE.pdf", access);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.problemType()).isEqualTo("asset-not-found");
    assertThat(api.get("/api/v1/reports/assets/PAXG.txt", access).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/reports/assets/paxg.pdf", access).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a portfolio report values the caller's holdings, totals them and never shows another user's")
  void portfolioReportShowsOnlyTheCallersHoldings() throws Exception {
    User a = user("explorer");
    User b = user("explorer");
    hold(a, "PAXG", "2.5", "3000");
    hold(a, "BUIDL", "100", null);
    hold(b, "XAUT", "1", "3500");

    Reply mine = api.get("/api/v1/reports/portfolio.pdf", a.access());
    String text = pdf(mine);
    assertThat(mine.header("Cache-Control")).isEqualTo("no-store");
    assertThat(mine.header("Content-Disposition")).startsWith("inline; filename=\"portfolio-").endsWith(".pdf\"");
    assertThat(text).contains("PAXG", "PAX Gold", "BUIDL", "4123.45", "1 (NAV)", "10,308.62", "100.00")
        .contains("10,408.62", "7,500.00", "2,908.62", "Tokenized treasury", "Commodity", "37", "12")
        .doesNotContain("XAUT");

    String theirs = pdf(api.get("/api/v1/reports/portfolio.pdf", b.access()));
    assertThat(theirs).contains("XAUT", "Tether Gold").doesNotContain("PAXG", "BUIDL", "10,308.62");
    assertThat(pdf(api.get("/api/v1/reports/portfolio.pdf", user("explorer").access()))).contains("You hold no assets yet");
  }

  @Test
  @DisplayName("an API key needs the portfolio scope for the portfolio report and market_data for an asset report")
  void apiKeysAreScoped() throws Exception {
    User pro = user("professional");
    hold(pro, "PAXG", "1", null);
    Reply created = api.post("/api/v1/keys", pro.access(), new JsonObject().put("name", "reports")
        .put("scopes", new JsonArray().add("market_data")));
    assertThat(created.status()).isEqualTo(201);
    Map<String, String> marketOnly = Map.of("X-API-Key", created.body().getString("key"));
    assertThat(api.call(HttpMethod.GET, "/api/v1/reports/portfolio.pdf", marketOnly, null).status()).isEqualTo(403);
    assertThat(pdf(api.call(HttpMethod.GET, "/api/v1/reports/assets/PAXG.pdf", marketOnly, null))).contains("PAX Gold");

    Reply portfolioKey = api.post("/api/v1/keys", pro.access(), new JsonObject().put("name", "portfolio")
        .put("scopes", new JsonArray().add("portfolio")));
    Map<String, String> portfolioOnly = Map.of("X-API-Key", portfolioKey.body().getString("key"));
    assertThat(api.call(HttpMethod.GET, "/api/v1/reports/assets/PAXG.pdf", portfolioOnly, null).status()).isEqualTo(403);
    assertThat(pdf(api.call(HttpMethod.GET, "/api/v1/reports/portfolio.pdf", portfolioOnly, null))).contains("PAXG");
  }
}
