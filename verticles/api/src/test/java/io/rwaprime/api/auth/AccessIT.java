package io.rwaprime.api.auth;

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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization and budgets: the BOLA matrix over every user-owned resource, tier gates, API keys (shown once,
 * hashed, scoped, revocable), per-tier rate limits in Redis with their headers, login budgets.
 */
@ExtendWith({PostgresExtension.class, RedisExtension.class})
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AccessIT {

  private static final String PASSWORD = "correct horse battery";
  private static Vertx vertx;
  private static Database db;
  private static RedisKeyValueStore redis;
  private static RedisServer redisServer;
  private static PostgresServer pg;
  private static String dbName;
  private static ApiServer api;
  private static final TestClock CLOCK = new TestClock(Instant.now());

  @BeforeAll
  static void start(PostgresServer postgres, RedisServer rs) throws Exception {
    pg = postgres;
    redisServer = rs;
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    dbName = pg.createDatabase("access");
    db = ApiServer.database(vertx, pg, dbName);
    redis = ApiServer.redis(vertx, rs);
    api = ApiServer.start(vertx, db, redis, CLOCK, Map.of(
        "RWA_API_AUTH_KEYS_DIR", Files.createTempDirectory("rwa-keys").toString(),
        "RWA_API_RATE_LIMITS_ANONYMOUS", "3",
        "RWA_API_RATE_LIMITS_EXPLORER", "20",
        "RWA_API_RATE_LIMITS_PROFESSIONAL", "40",
        "RWA_API_RATE_LIMITS_LOGIN_PER_ACCOUNT", "4",
        "RWA_API_RATE_LIMITS_LOGIN_PER_IP", "10000",
        "RWA_API_ADMIN_TOKEN", "break-glass-token-0123456789"));
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

  private record User(String id, String email, String access) {}

  private static User user(String tier) throws Exception {
    String email = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Reply r = api.post("/api/v1/auth/register", null, new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(r.status()).isEqualTo(201);
    String id = r.body().getJsonObject("user").getString("user_id");
    if (!"explorer".equals(tier)) {
      try (Connection c = pg.connect(dbName); Statement s = c.createStatement()) {
        s.execute("UPDATE users SET tier = '" + tier + "'" + ("admin".equals(tier) ? ", role = 'admin'" : "")
            + " WHERE user_id = '" + id + "'");
      }
      r = api.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", PASSWORD));
      assertThat(r.status()).isEqualTo(200);
    }
    return new User(id, email, r.body().getString("access_token"));
  }

  private static Reply call(HttpMethod m, String path, String bearer, JsonObject body) {
    return api.call(m, path, bearer, body);
  }

  @Test
  @DisplayName("BOLA matrix: B can neither see nor change nor delete A's holdings, watchlist or API keys")
  void objectLevelAuthorization() throws Exception {
    User a = user("professional");
    User b = user("professional");
    Reply holding = call(HttpMethod.POST, "/api/v1/portfolio/holdings", a.access(),
        new JsonObject().put("symbol", "PAXG").put("quantity", "2.5").put("avg_purchase_price", "3000"));
    assertThat(holding.status()).as(String.valueOf(holding.body())).isEqualTo(201);
    String holdingId = holding.body().getString("holding_id");
    assertThat(call(HttpMethod.POST, "/api/v1/watchlist", a.access(), new JsonObject().put("symbol", "BUIDL")).status()).isEqualTo(201);
    Reply key = call(HttpMethod.POST, "/api/v1/keys", a.access(), new JsonObject().put("name", "a's key")
        .put("scopes", new JsonArray().add("market_data").add("portfolio")));
    assertThat(key.status()).isEqualTo(201);
    String keyId = key.body().getString("key_id");

    // B's reads show nothing of A's
    assertThat(call(HttpMethod.GET, "/api/v1/portfolio", b.access(), null).body().getJsonArray("holdings")).isEmpty();
    assertThat(call(HttpMethod.GET, "/api/v1/watchlist", b.access(), null).body().getJsonArray("data")).isEmpty();
    assertThat(call(HttpMethod.GET, "/api/v1/keys", b.access(), null).body().getJsonArray("data")).isEmpty();
    // B's writes on A's objects answer 404 like unknown ids, and change nothing
    assertThat(call(HttpMethod.PATCH, "/api/v1/portfolio/holdings/" + holdingId, b.access(),
        new JsonObject().put("quantity", "0")).status()).isEqualTo(404);
    assertThat(call(HttpMethod.DELETE, "/api/v1/portfolio/holdings/" + holdingId, b.access(), null).status()).isEqualTo(404);
    assertThat(call(HttpMethod.DELETE, "/api/v1/watchlist/BUIDL", b.access(), null).status()).isEqualTo(404);
    assertThat(call(HttpMethod.DELETE, "/api/v1/keys/" + keyId, b.access(), null).status()).isEqualTo(404);
    // A still has all of it, unchanged
    JsonObject mine = call(HttpMethod.GET, "/api/v1/portfolio", a.access(), null).body();
    assertThat(mine.getJsonArray("holdings")).hasSize(1);
    assertThat(mine.getJsonArray("holdings").getJsonObject(0).getString("quantity")).isEqualTo("2.5");
    assertThat(call(HttpMethod.GET, "/api/v1/watchlist", a.access(), null).body().getJsonArray("data")).hasSize(1);
    assertThat(call(HttpMethod.GET, "/api/v1/keys", a.access(), null).body().getJsonArray("data").getJsonObject(0)
        .getBoolean("revoked")).isFalse();
    // and A can change and delete its own
    assertThat(call(HttpMethod.PATCH, "/api/v1/portfolio/holdings/" + holdingId, a.access(),
        new JsonObject().put("quantity", "3")).status()).isEqualTo(204);
    assertThat(call(HttpMethod.DELETE, "/api/v1/portfolio/holdings/" + holdingId, a.access(), null).status()).isEqualTo(204);
    // anonymous callers get 401 on every user resource (with a fresh anonymous budget: other tests spend it)
    for (String path : List.of("/api/v1/portfolio", "/api/v1/watchlist", "/api/v1/keys", "/api/v1/me")) {
      redisCommand("DEL", "rl:ip:127.0.0.1");
      assertThat(call(HttpMethod.GET, path, null, null).status()).as(path).isEqualTo(401);
    }
  }

  @Test
  void portfolioValuationAndBadInput() throws Exception {
    User u = user("explorer");
    assertThat(call(HttpMethod.POST, "/api/v1/portfolio/holdings", u.access(),
        new JsonObject().put("symbol", "BUIDL").put("quantity", "1000").put("avg_purchase_price", "0.99")).status()).isEqualTo(201);
    JsonObject p = call(HttpMethod.GET, "/api/v1/portfolio", u.access(), null).body();
    JsonObject h = p.getJsonArray("holdings").getJsonObject(0);
    assertThat(h.getString("price_source")).isEqualTo("nav");
    assertThat(new java.math.BigDecimal(h.getString("pnl")))
        .isEqualByComparingTo(new java.math.BigDecimal(h.getString("value")).subtract(new java.math.BigDecimal("990")));
    assertThat(p.getJsonArray("allocation").getJsonObject(0).getString("weight")).isEqualTo("1.000000");
    assertThat(call(HttpMethod.POST, "/api/v1/portfolio/holdings", u.access(),
        new JsonObject().put("symbol", "BUIDL").put("quantity", "1")).status()).as("second manual holding").isEqualTo(409);
    for (JsonObject bad : List.of(new JsonObject().put("symbol", "PAXG").put("quantity", "-1"),
        new JsonObject().put("symbol", "PAXG").put("quantity", "abc"),
        new JsonObject().put("symbol", "PAXG").put("quantity", "1").put("avg_purchase_price", "1e15"),
        new JsonObject().put("symbol", "PAXG").put("quantity", "1").put("owner", "someone-else"),
        new JsonObject().put("symbol", "PAXG"))) {
      Reply r = call(HttpMethod.POST, "/api/v1/portfolio/holdings", u.access(), bad);
      assertThat(r.status()).as(bad.encode()).isEqualTo(400);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(call(HttpMethod.POST, "/api/v1/portfolio/holdings", u.access(),
        new JsonObject().put("symbol", "NOPE").put("quantity", "1")).status()).isEqualTo(404);
    assertThat(call(HttpMethod.PATCH, "/api/v1/portfolio/holdings/not-a-uuid", u.access(),
        new JsonObject().put("quantity", "1")).status()).isEqualTo(400);
    // wallet sync: no body is a 400; a chain no onchain role scans (none runs here) is a 422 naming it
    Reply sync = call(HttpMethod.POST, "/api/v1/portfolio/sync-wallet", u.access(), null);
    assertThat(sync.status()).isEqualTo(400);
    assertThat(sync.header("Content-Type")).isEqualTo("application/problem+json");
    Reply unscanned = call(HttpMethod.POST, "/api/v1/portfolio/sync-wallet", u.access(), new JsonObject()
        .put("address", "0x" + "ab".repeat(20)).put("chain", "ethereum"));
    assertThat(unscanned.status()).isEqualTo(422);
    assertThat(unscanned.body().encode()).contains("chain-not-scanned").contains("'ethereum'");
  }

  @Test
  @DisplayName("API keys: professional and up, shown once, stored hashed, scoped, revocable, Bearer or X-API-Key")
  void apiKeys() throws Exception {
    User explorer = user("explorer");
    assertThat(call(HttpMethod.POST, "/api/v1/keys", explorer.access(), new JsonObject().put("name", "k")
        .put("scopes", new JsonArray().add("market_data"))).status()).as("tier gate").isEqualTo(403);
    User pro = user("professional");
    Reply created = call(HttpMethod.POST, "/api/v1/keys", pro.access(), new JsonObject().put("name", "feed")
        .put("scopes", new JsonArray().add("market_data")));
    assertThat(created.status()).isEqualTo(201);
    String key = created.body().getString("key");
    assertThat(key).matches("rwa_[0-9a-f]{32}_[A-Za-z0-9_-]{43}");
    assertThat(call(HttpMethod.GET, "/api/v1/keys", pro.access(), null).raw().toString()).doesNotContain(key.substring(37));
    try (Connection c = pg.connect(dbName); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT count(*) FROM api_keys WHERE encode(secret_hash, 'escape') LIKE '%" + key.substring(37, 50) + "%'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("the secret is not stored in clear").isZero();
    }
    assertThat(api.call(HttpMethod.GET, "/api/v1/assets/PAXG", Map.of("X-API-Key", key), null).status()).isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/api/v1/assets/PAXG", key, null).status()).isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/api/v1/portfolio", key, null).status()).as("scope market_data only").isEqualTo(403);
    assertThat(call(HttpMethod.GET, "/api/v1/keys", key, null).status()).as("keys cannot manage keys").isEqualTo(403);
    // a key with its last character changed (to another one: a key ending in "A" stayed valid once in 64 runs)
    String tampered = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
    assertThat(call(HttpMethod.GET, "/api/v1/assets/PAXG", tampered, null).status()).isEqualTo(401);
    assertThat(call(HttpMethod.POST, "/api/v1/keys", pro.access(), new JsonObject().put("name", "x")
        .put("scopes", new JsonArray().add("root"))).status()).isEqualTo(400);
    assertThat(call(HttpMethod.DELETE, "/api/v1/keys/" + created.body().getString("key_id"), pro.access(), null).status()).isEqualTo(204);
    assertThat(call(HttpMethod.GET, "/api/v1/assets/PAXG", key, null).status()).as("revoked").isEqualTo(401);
  }

  @Test
  @DisplayName("per-tier budgets in Redis with RateLimit headers, 429 with Retry-After, keys with expiry")
  void rateLimits() throws Exception {
    User u = user("explorer");
    int allowed = 0;
    Reply last = null;
    for (int i = 0; i < 25; i++) {
      last = call(HttpMethod.GET, "/api/v1/assets/PAXG", u.access(), null);
      if (last.status() == 200) {
        allowed++;
        assertThat(last.header("RateLimit-Limit")).isEqualTo("20");
        assertThat(last.header("RateLimit-Policy")).isEqualTo("20;w=60");
      }
    }
    assertThat(allowed).isEqualTo(20);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
    assertThat(last.header("RateLimit-Remaining")).isEqualTo("0");
    // a professional has a bigger budget of its own
    User pro = user("professional");
    assertThat(call(HttpMethod.GET, "/api/v1/assets/PAXG", pro.access(), null).header("RateLimit-Limit")).isEqualTo("40");
    // the bucket lives in Redis, with an expiry
    long ttl = redisCommand("PTTL", "rl:user:" + u.id());
    assertThat(ttl).isBetween(1L, 60_000L);
    assertThat(redisCommand("EVAL", "local n = 0 for _, k in ipairs(redis.call('KEYS', 'rl:*')) do "
        + "if redis.call('PTTL', k) < 0 then n = n + 1 end end return n", "0")).as("keys without expiry").isZero();
    // anonymous callers per IP
    redisCommand("DEL", "rl:ip:127.0.0.1");
    int anon = 0;
    for (int i = 0; i < 5; i++) {
      if (call(HttpMethod.GET, "/api/v1/assets", null, null).status() == 200) {
        anon++;
      }
    }
    assertThat(anon).isEqualTo(3);
  }

  @Test
  void loginAttemptsHaveAStricterBudgetPerAccount() throws Exception {
    User u = user("explorer");
    int refused = 0;
    for (int i = 0; i < 6; i++) {
      Reply r = api.post("/api/v1/auth/login", null, new JsonObject().put("email", u.email()).put("password", "wrong password!"));
      if (r.status() == 429) {
        refused++;
        assertThat(r.header("Retry-After")).isNotBlank();
      } else {
        assertThat(r.status()).isEqualTo(401);
      }
    }
    assertThat(refused).isEqualTo(2);
    assertThat(api.post("/api/v1/auth/login", null, new JsonObject().put("email", u.email()).put("password", PASSWORD))
        .status()).as("even the right password while over budget").isEqualTo(429);
  }

  @Test
  void adminEndpointsNeedAnAdmin() throws Exception {
    User explorer = user("explorer");
    User admin = user("admin");
    assertThat(call(HttpMethod.GET, "/api/v1/admin/dead-letter", explorer.access(), null).status()).isEqualTo(403);
    assertThat(call(HttpMethod.GET, "/api/v1/admin/dead-letter", admin.access(), null).status()).isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/api/v1/admin/dead-letter", "break-glass-token-0123456789", null).status()).isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/api/v1/me", "break-glass-token-0123456789", null).status()).isEqualTo(403);
  }

  @Test
  @DisplayName("function-level: every admin endpoint refuses non-admins; admins manage users, assets and read the audit log")
  void adminManagesUsersAssetsAndAudit() throws Exception {
    User explorer = user("explorer");
    User admin = user("admin");
    User target = user("explorer");
    Map<HttpMethod, List<String>> adminPaths = Map.of(
        HttpMethod.GET, List.of("/api/v1/admin/users", "/api/v1/admin/audit", "/api/v1/admin/feeds", "/api/v1/admin/dead-letter"),
        HttpMethod.PATCH, List.of("/api/v1/admin/users/" + target.id(), "/api/v1/admin/assets/PAXG"),
        HttpMethod.POST, List.of("/api/v1/admin/assets"));
    adminPaths.forEach((m, paths) -> paths.forEach(p -> {
      assertThat(call(m, p, explorer.access(), new JsonObject().put("tier", "admin")).status()).as(m + " " + p).isEqualTo(403);
    }));
    // a user cannot promote itself by a tampered body either: the same 403 comes before any change
    assertThat(call(HttpMethod.GET, "/api/v1/me", explorer.access(), null).body().getString("tier")).isEqualTo("explorer");

    Reply list = call(HttpMethod.GET, "/api/v1/admin/users?q=" + target.email(), admin.access(), null);
    assertThat(list.body().getJsonArray("data")).hasSize(1);
    Reply refreshBefore = api.post("/api/v1/auth/login", null, new JsonObject().put("email", target.email()).put("password", PASSWORD));
    assertThat(call(HttpMethod.PATCH, "/api/v1/admin/users/" + target.id(), admin.access(),
        new JsonObject().put("tier", "professional")).status()).isEqualTo(204);
    assertThat(api.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token",
        refreshBefore.body().getString("refresh_token"))).status()).as("sessions end when the tier changes").isEqualTo(401);
    Reply relogin = api.post("/api/v1/auth/login", null, new JsonObject().put("email", target.email()).put("password", PASSWORD));
    assertThat(call(HttpMethod.GET, "/api/v1/me", relogin.body().getString("access_token"), null).body().getString("tier"))
        .isEqualTo("professional");
    assertThat(call(HttpMethod.PATCH, "/api/v1/admin/users/" + target.id(), admin.access(),
        new JsonObject().put("disabled", true)).status()).isEqualTo(204);
    assertThat(api.post("/api/v1/auth/login", null, new JsonObject().put("email", target.email()).put("password", PASSWORD))
        .status()).as("a disabled account cannot log in").isEqualTo(401);
    assertThat(call(HttpMethod.PATCH, "/api/v1/admin/users/" + target.id(), admin.access(),
        new JsonObject().put("tier", "god")).status()).isEqualTo(400);
    assertThat(call(HttpMethod.PATCH, "/api/v1/admin/users/" + UUID.randomUUID(), admin.access(),
        new JsonObject().put("tier", "explorer")).status()).isEqualTo(404);

    JsonArray audit = call(HttpMethod.GET, "/api/v1/admin/audit?action=admin.user_update&user_id=" + target.id(),
        admin.access(), null).body().getJsonArray("data");
    assertThat(audit).hasSize(2);
    assertThat(audit.getJsonObject(0).getString("actor_id")).isEqualTo(admin.id());

    String symbol = "T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    JsonObject asset = new JsonObject().put("symbol", symbol).put("name", "Test Treasury Fund").put("asset_class", "tokenized_treasury")
        .put("chain", "ethereum").put("contract_address", "0x" + "ab".repeat(20)).put("issuer", "Test Issuer")
        .put("nav", "1.0001").put("yield_apy", "0.0425").put("contracts", new JsonObject().put("polygon", "0x" + "cd".repeat(20)))
        .put("documents", new JsonArray().add(new JsonObject().put("title", "Prospectus").put("url", "https://example.com/p.pdf")));
    assertThat(call(HttpMethod.POST, "/api/v1/admin/assets", admin.access(), asset).status()).isEqualTo(201);
    assertThat(call(HttpMethod.POST, "/api/v1/admin/assets", admin.access(), asset).status()).isEqualTo(409);
    assertThat(call(HttpMethod.PATCH, "/api/v1/admin/assets/" + symbol, admin.access(), new JsonObject().put("nav", "1.0002")).status())
        .isEqualTo(204);
    JsonObject shown = call(HttpMethod.GET, "/api/v1/assets/" + symbol, admin.access(), null).body();
    assertThat(shown.getString("nav")).isEqualTo("1.0002");
    assertThat(shown.getString("issuer")).isEqualTo("Test Issuer");
    assertThat(call(HttpMethod.POST, "/api/v1/admin/assets", admin.access(), asset.copy().put("symbol", "X" + symbol)
        .put("asset_class", "tulips")).status()).isEqualTo(400);
    assertThat(call(HttpMethod.POST, "/api/v1/admin/assets", admin.access(), asset.copy().put("symbol", "Y" + symbol)
        .put("nav", "-1")).status()).isEqualTo(400);
    assertThat(call(HttpMethod.PATCH, "/api/v1/admin/assets/NOPE", admin.access(), new JsonObject().put("nav", "1")).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("GDPR: the export holds the user's data; erasure needs the password and removes it all")
  void exportAndErasure() throws Exception {
    User u = user("professional");
    call(HttpMethod.POST, "/api/v1/portfolio/holdings", u.access(), new JsonObject().put("symbol", "PAXG").put("quantity", "1"));
    call(HttpMethod.POST, "/api/v1/watchlist", u.access(), new JsonObject().put("symbol", "BUIDL"));
    call(HttpMethod.POST, "/api/v1/keys", u.access(), new JsonObject().put("name", "k").put("scopes", new JsonArray().add("market_data")));
    Reply export = call(HttpMethod.GET, "/api/v1/me/export", u.access(), null);
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Disposition")).contains("attachment");
    JsonObject doc = export.body();
    assertThat(doc.getJsonObject("account").getString("email")).isEqualTo(u.email());
    assertThat(doc.getJsonArray("holdings").getJsonObject(0).getString("symbol")).isEqualTo("PAXG");
    assertThat(doc.getJsonArray("watchlist")).hasSize(1);
    assertThat(doc.getJsonArray("api_keys")).hasSize(1);
    assertThat(doc.getJsonArray("security_log")).isNotEmpty();
    assertThat(export.raw().toString()).doesNotContain("password_hash").doesNotContain("secret_hash").doesNotContain("$argon2id");

    assertThat(call(HttpMethod.DELETE, "/api/v1/me", u.access(), new JsonObject().put("password", "wrong password!!")).status())
        .isEqualTo(401);
    assertThat(call(HttpMethod.DELETE, "/api/v1/me", u.access(), new JsonObject().put("password", PASSWORD)).status()).isEqualTo(204);
    assertThat(api.post("/api/v1/auth/login", null, new JsonObject().put("email", u.email()).put("password", PASSWORD)).status())
        .isEqualTo(401);
    try (Connection c = pg.connect(dbName); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT (SELECT count(*) FROM users WHERE user_id = '" + u.id() + "') + (SELECT count(*) FROM "
             + "portfolios WHERE user_id = '" + u.id() + "') + (SELECT count(*) FROM api_keys WHERE user_id = '" + u.id()
             + "') + (SELECT count(*) FROM watchlist_items WHERE user_id = '" + u.id() + "')")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  /** A raw RESP command to the test Redis (the test checks the server, not our client). */
  private static long redisCommand(String... args) throws Exception {
    try (Socket s = new Socket(redisServer.host(), redisServer.port());
         PrintWriter out = new PrintWriter(s.getOutputStream(), true);
         BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream()))) {
      StringBuilder cmd = new StringBuilder("*" + args.length + "\r\n");
      for (String a : args) {
        cmd.append('$').append(a.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
      }
      out.print(cmd);
      out.flush();
      String line = in.readLine();
      assertThat(line).startsWith(":");
      return Long.parseLong(line.substring(1));
    }
  }
}
