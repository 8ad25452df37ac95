package io.rwaprime.api.auth;

import io.rwaprime.common.auth.Jwt;
import io.rwaprime.common.auth.SigningKeys;
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
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's auth flow end to end over HTTP against a real PostgreSQL and Redis, and the attacks the issue names:
 * forged and confused JWTs, refresh-token reuse, TOTP replay and races, a brute force of 2FA codes, rate limits.
 */
@ExtendWith({PostgresExtension.class, RedisExtension.class})
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AuthIT {

  private static final String PASSWORD = "correct horse battery";
  private static Vertx vertx;
  private static Database db;
  private static RedisKeyValueStore redis;
  private static PostgresServer pg;
  private static String dbName;
  private static Path keysDir;
  private static final TestClock CLOCK = new TestClock(Instant.parse("2026-12-01T12:00:10Z"));
  private static ApiServer api;
  private static Jwt forger;

  @BeforeAll
  static void start(PostgresServer postgres, RedisServer redisServer) throws Exception {
    pg = postgres;
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    dbName = pg.createDatabase("auth");
    db = ApiServer.database(vertx, pg, dbName);
    redis = ApiServer.redis(vertx, redisServer);
    keysDir = Files.createTempDirectory("rwa-keys");
    api = ApiServer.start(vertx, db, redis, CLOCK, Map.of(
        "RWA_API_AUTH_KEYS_DIR", keysDir.toString(),
        "RWA_API_RATE_LIMITS_LOGIN_PER_ACCOUNT", "10000",
        "RWA_API_RATE_LIMITS_LOGIN_PER_IP", "10000",
        "RWA_API_RATE_LIMITS_ANONYMOUS", "0",
        "RWA_API_RATE_LIMITS_EXPLORER", "0"), 3);
    forger = new Jwt(SigningKeys.load(keysDir, false), "rwa-prime", "rwa-prime-api");
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

  // ------------------------------------------------------------------------------------------ helpers

  private static String email() {
    return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  private static JsonObject register(String email) {
    Reply r = api.post("/api/v1/auth/register", null, new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
    return r.body();
  }

  private static Reply login(String email, String password) {
    return api.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", password));
  }

  static byte[] base32(String s) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : s.replace("=", "").toUpperCase().toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  private static String code(byte[] secret, long step) {
    return Totp.standard().code(secret, step);
  }

  private static long step() {
    return Math.floorDiv(CLOCK.instant().getEpochSecond(), 30);
  }

  /** Registers a user and turns 2FA on with the code of the previous step; returns {access, secret, recovery}. */
  private static JsonObject userWith2fa(String email) {
    String access = register(email).getString("access_token");
    Reply setup = api.post("/api/v1/auth/2fa/setup", access, null);
    assertThat(setup.status()).as(String.valueOf(setup.body())).isEqualTo(200);
    assertThat(setup.body().getString("otpauth_uri")).startsWith("otpauth://totp/");
    assertThat(setup.body().getString("qr_code")).startsWith("data:image/png;base64,");
    byte[] secret = base32(setup.body().getString("secret"));
    Reply enable = api.post("/api/v1/auth/2fa/enable", access, new JsonObject().put("code", code(secret, step() - 1)));
    assertThat(enable.status()).as(String.valueOf(enable.body())).isEqualTo(200);
    assertThat(enable.body().getJsonArray("recovery_codes")).hasSize(10);
    return new JsonObject().put("access", access).put("secret", secret)
        .put("recovery", enable.body().getJsonArray("recovery_codes"));
  }

  private static String challenge(String email) {
    Reply r = login(email, PASSWORD);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().getBoolean("two_factor_required")).isTrue();
    assertThat(r.body().containsKey("access_token")).isFalse();
    return r.body().getString("challenge_token");
  }

  private static Reply verify(String challenge, String code) {
    return api.post("/api/v1/auth/verify-2fa", null, new JsonObject().put("challenge_token", challenge).put("code", code));
  }

  private static JsonObject claims(UUID sub) {
    long now = CLOCK.instant().getEpochSecond();
    return new JsonObject().put("sub", sub.toString()).put("tier", "explorer").put("adm", false)
        .put("iat", now).put("exp", now + 600).put("jti", UUID.randomUUID().toString());
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static UUID userId(String access) {
    return UUID.fromString(api.get("/api/v1/me", access).body().getString("user_id"));
  }

  // ------------------------------------------------------------------------------------------ the flow

  @Test
  @DisplayName("register, /me, login, refresh, logout")
  void seedFlowWithoutTwoFactor() {
    String email = email();
    JsonObject reg = register(email);
    assertThat(reg.getString("token_type")).isEqualTo("Bearer");
    assertThat(reg.getLong("expires_in")).isEqualTo(900);
    assertThat(reg.getLong("refresh_expires_in")).isEqualTo(7 * 24 * 3600);
    Reply me = api.get("/api/v1/me", reg.getString("access_token"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().getString("email")).isEqualTo(email);
    assertThat(me.body().getString("tier")).isEqualTo("explorer");

    Reply again = api.post("/api/v1/auth/register", null, new JsonObject().put("email", email.toUpperCase()).put("password", PASSWORD));
    assertThat(again.status()).isEqualTo(409);

    Reply wrong = login(email, "not the password");
    Reply unknown = login(email(), PASSWORD);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.body().getString("detail")).isEqualTo(unknown.body().getString("detail"));

    Reply ok = login(email, PASSWORD);
    assertThat(ok.status()).isEqualTo(200);
    String access = ok.body().getString("access_token");
    for (int i = 0; i < 6; i++) {
      // every instance verifies (and remembers) the token before the logout
      assertThat(api.get("/api/v1/me", access).status()).isEqualTo(200);
    }
    String refresh = ok.body().getString("refresh_token");
    Reply rotated = api.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", refresh));
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.body().getString("refresh_token")).isNotEqualTo(refresh);

    Reply logout = api.post("/api/v1/auth/logout", access, new JsonObject().put("refresh_token", rotated.body().getString("refresh_token")));
    assertThat(logout.status()).isEqualTo(204);
    // three HTTP instances share the port, each remembering verified tokens: the logout reaches all of them
    for (int i = 0; i < 9; i++) {
      assertThat(api.get("/api/v1/me", access).status()).as("access token after logout, request %d", i).isEqualTo(401);
    }
    assertThat(api.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", rotated.body().getString("refresh_token")))
        .status()).as("refresh token after logout").isEqualTo(401);
  }

  @Test
  @DisplayName("a spent refresh token presented again revokes the whole family (RFC 9700 §4.14.2)")
  void refreshReuseRevokesTheFamily() {
    JsonObject reg = register(email());
    String first = reg.getString("refresh_token");
    Reply second = api.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", first));
    assertThat(second.status()).isEqualTo(200);
    Reply reuse = api.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", first));
    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.problemType()).isEqualTo("refresh-token-reused");
    Reply successor = api.post("/api/v1/auth/refresh", null,
        new JsonObject().put("refresh_token", second.body().getString("refresh_token")));
    assertThat(successor.status()).as("the legitimate successor is revoked with its family").isEqualTo(401);
  }

  @Test
  void concurrentRefreshesOfOneTokenYieldOneSuccess() throws Exception {
    String refresh = register(email()).getString("refresh_token");
    List<Reply> replies = parallel(8, () -> api.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", refresh)));
    assertThat(replies.stream().filter(r -> r.status() == 200)).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void jwksPublishesTheSigningKey() {
    Reply r = api.get("/.well-known/jwks.json", null);
    assertThat(r.status()).isEqualTo(200);
    JsonObject key = r.body().getJsonArray("keys").getJsonObject(0);
    assertThat(key.getString("kty")).isEqualTo("RSA");
    assertThat(key.getString("alg")).isEqualTo("RS256");
    assertThat(key.containsKey("d")).as("no private part").isFalse();
    String token = register(email()).getString("access_token");
    String kid = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8))
        .getString("kid");
    assertThat(kid).isEqualTo(key.getString("kid"));
  }

  // ------------------------------------------------------------------------------------------ token attacks

  @Test
  @DisplayName("forged, confused and expired tokens are refused with 401")
  void tokenAttacks() throws Exception {
    JsonObject reg = register(email());
    String good = reg.getString("access_token");
    UUID sub = userId(good);
    String[] parts = good.split("\\.");
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));

    // alg none, with and without a trailing dot
    String none = b64(header.copy().put("alg", "none").encode()) + "." + parts[1];
    assertRefused(none + ".");
    assertRefused(none);
    // an empty signature
    assertRefused(parts[0] + "." + parts[1] + ".");
    // HS256 "signed" with the public key (the classic algorithm confusion)
    String jwks = api.get("/.well-known/jwks.json", null).raw().toString();
    String hsInput = b64(header.copy().put("alg", "HS256").encode()) + "." + parts[1];
    for (byte[] secret : List.of(jwks.getBytes(StandardCharsets.UTF_8),
        Base64.getEncoder().encode(SigningKeys.load(keysDir, false).current().publicKey().getEncoded()))) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      assertRefused(hsInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(hsInput.getBytes(StandardCharsets.US_ASCII))));
    }
    // kid injection and key-location headers: even with a valid signature over the altered header
    for (JsonObject h : List.of(header.copy().put("kid", "../../../../dev/null"), header.copy().put("kid", "' OR 1=1 --"),
        header.copy().remove("kid") == null ? header : withoutKid(header),
        header.copy().put("jku", "http://127.0.0.1:1/jwks.json"), header.copy().put("x5u", "http://127.0.0.1:1/cert.pem"),
        header.copy().put("jwk", new JsonObject().put("kty", "RSA").put("n", "AQAB").put("e", "AQAB")),
        header.copy().put("crit", new io.vertx.core.json.JsonArray().add("exp")))) {
      assertRefused(signRaw(h, payload));
    }
    // a tampered tier claim keeps the old signature
    assertRefused(parts[0] + "." + b64(payload.copy().put("tier", "enterprise").put("adm", true).encode()) + "." + parts[2]);
    // wrong audience, wrong issuer (signed with the real key)
    assertRefused(new Jwt(SigningKeys.load(keysDir, false), "rwa-prime", "someone-else").sign(Jwt.TYP_ACCESS, claims(sub)));
    assertRefused(new Jwt(SigningKeys.load(keysDir, false), "evil-issuer", "rwa-prime-api").sign(Jwt.TYP_ACCESS, claims(sub)));
    // the refresh token and a 2FA challenge token are not access tokens
    assertRefused(reg.getString("refresh_token"));
    assertRefused(forger.sign(Jwt.TYP_2FA_CHALLENGE, claims(sub)));
    assertRefused(forger.sign("JWT", claims(sub)));
    // expired by one second
    long now = CLOCK.instant().getEpochSecond();
    assertRefused(forger.sign(Jwt.TYP_ACCESS, claims(sub).put("exp", now - 1)));
    assertRefused(forger.sign(Jwt.TYP_ACCESS, claims(sub).put("exp", now)));
    assertThat(api.get("/api/v1/me", forger.sign(Jwt.TYP_ACCESS, claims(sub).put("exp", now + 1))).status())
        .as("the same token one second before expiry").isEqualTo(200);
    // a real token after its 15 minutes
    CLOCK.advance(Duration.ofMinutes(15).plusSeconds(1));
    try {
      assertRefused(good);
    } finally {
      CLOCK.advance(Duration.ofMinutes(-15).minusSeconds(1));
    }
    assertThat(api.get("/api/v1/me", good).status()).isEqualTo(200);
  }

  private static JsonObject withoutKid(JsonObject header) {
    JsonObject h = header.copy();
    h.remove("kid");
    return h;
  }

  private static String signRaw(JsonObject header, JsonObject payload) throws Exception {
    String input = b64(header.encode()) + "." + b64(payload.encode());
    java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
    s.initSign(SigningKeys.load(keysDir, false).current().privateKey());
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
  }

  private static void assertRefused(String token) {
    Reply r = api.get("/api/v1/me", token);
    assertThat(r.status()).as("token %s", token.length() > 60 ? token.substring(0, 60) + "…" : token).isEqualTo(401);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
  }

  // ------------------------------------------------------------------------------------------ TOTP

  @Test
  @DisplayName("2FA login: a code works once; a replayed code is refused; recovery codes are single use")
  void twoFactorLoginAndReplay() {
    String email = email();
    JsonObject u = userWith2fa(email);
    byte[] secret = u.getBinary("secret");
    assertThat(login(email, PASSWORD).body().containsKey("access_token")).isFalse();

    String c1 = challenge(email);
    assertThat(verify(c1, code(secret, step() - 1)).status()).as("the step used to enable 2FA").isEqualTo(401);
    Reply ok = verify(c1, code(secret, step()));
    assertThat(ok.status()).as(String.valueOf(ok.body())).isEqualTo(200);
    assertThat(ok.body().getString("access_token")).isNotBlank();
    Reply replay = verify(challenge(email), code(secret, step()));
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.problemType()).isEqualTo("code-already-used");
    assertThat(verify(challenge(email), code(secret, step() + 1)).status()).as("+1 step of skew").isEqualTo(200);
    assertThat(verify(challenge(email), code(secret, step() + 2)).status()).as("+2 steps").isEqualTo(401);

    String recovery = u.getJsonArray("recovery").getString(0);
    Reply viaRecovery = api.post("/api/v1/auth/verify-2fa", null,
        new JsonObject().put("challenge_token", challenge(email)).put("recovery_code", recovery.toUpperCase()));
    assertThat(viaRecovery.status()).isEqualTo(200);
    Reply recoveryAgain = api.post("/api/v1/auth/verify-2fa", null,
        new JsonObject().put("challenge_token", challenge(email)).put("recovery_code", recovery));
    assertThat(recoveryAgain.status()).isEqualTo(401);

    // an access token is not a challenge token
    assertThat(verify(ok.body().getString("access_token"), code(secret, step() + 1)).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("the same fresh code sent by 10 concurrent requests logs in exactly once")
  void concurrentDoubleUseOfOneCode() throws Exception {
    String email = email();
    byte[] secret = userWith2fa(email).getBinary("secret");
    List<String> challenges = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      challenges.add(challenge(email));
    }
    String code = code(secret, step());
    AtomicInteger i = new AtomicInteger();
    List<Reply> replies = parallel(10, () -> verify(challenges.get(i.getAndIncrement()), code));
    assertThat(replies.stream().filter(r -> r.status() == 200)).hasSize(1);
    assertThat(replies.stream().filter(r -> r.status() != 200).map(Reply::status)).allMatch(s -> s == 401);
  }

  @Test
  @DisplayName("1,000 guesses across 20 parallel sessions: at most 10 codes are checked, then even the right code is refused")
  void bruteForceOfTwoFactorCodesLocksTheAccount() throws Exception {
    String email = email();
    byte[] secret = userWith2fa(email).getBinary("secret");
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sessions.add(challenge(email));
    }
    String right = code(secret, step());
    AtomicInteger n = new AtomicInteger();
    List<Reply> replies = parallel(20, () -> {
      int k = n.getAndIncrement();
      // wrong codes, never the right one (a guess that happened to hit would end the test's meaning)
      String guess = String.format("%06d", (Integer.parseInt(right) + 1 + k) % 1_000_000);
      return verify(sessions.get(k % 20), guess);
    }, 1000);
    long checked = replies.stream().filter(r -> r.status() == 401).count();
    long locked = replies.stream().filter(r -> r.status() == 429 && "two-factor-locked".equals(r.problemType())).count();
    assertThat(checked).as("codes compared before the lock").isLessThanOrEqualTo(10);
    assertThat(checked + locked).isEqualTo(1000);
    Reply rightWhileLocked = verify(sessions.get(0), right);
    assertThat(rightWhileLocked.status()).isEqualTo(429);
    assertThat(rightWhileLocked.problemType()).isEqualTo("two-factor-locked");

    CLOCK.advance(Duration.ofMinutes(16));
    try {
      // the lock is stored with the database's clock: end it there, as 15 minutes passing would
      try (Connection c = pg.connect(dbName); Statement s = c.createStatement()) {
        s.execute("UPDATE users SET totp_locked_until = now() - interval '1 second' WHERE lower(email) = lower('" + email + "')");
      }
      Reply after = verify(challenge(email), code(secret, step()));
      assertThat(after.status()).as("after the lockout").isEqualTo(200);
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      CLOCK.advance(Duration.ofMinutes(-16));
    }
  }

  @Test
  void twoFactorSetupEnableDisableNeedCodes() {
    String email = email();
    JsonObject u = userWith2fa(email);
    String access = u.getString("access");
    byte[] secret = u.getBinary("secret");
    assertThat(api.post("/api/v1/auth/2fa/setup", access, null).status()).as("setup while enabled").isEqualTo(409);
    assertThat(api.post("/api/v1/auth/2fa/disable", access, new JsonObject().put("code", "000000")).status()).isEqualTo(401);
    Reply off = api.post("/api/v1/auth/2fa/disable", access, new JsonObject().put("code", code(secret, step())));
    assertThat(off.status()).isEqualTo(204);
    assertThat(login(email, PASSWORD).body().getString("access_token")).isNotBlank();
    assertThat(api.post("/api/v1/auth/2fa/enable", access, new JsonObject().put("code", "123456")).problemType())
        .isEqualTo("no-pending-setup");
  }

  @Test
  @DisplayName("RFC 6238 Appendix B test vectors (SHA-1, 8 digits)")
  void rfc6238Vectors() {
    Totp totp = new Totp(8, 30, 1, "HmacSHA1");
    byte[] seed = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    Map<Long, String> vectors = Map.of(59L, "94287082", 1111111109L, "07081804", 1111111111L, "14050471",
        1234567890L, "89005924", 2000000000L, "69279037", 20000000000L, "65353130");
    vectors.forEach((t, expected) -> {
      assertThat(totp.code(seed, totp.step(Instant.ofEpochSecond(t)))).as("T=%d", t).isEqualTo(expected);
      assertThat(totp.match(seed, expected, Instant.ofEpochSecond(t))).hasValue(totp.step(Instant.ofEpochSecond(t)));
    });
    Totp sha256 = new Totp(8, 30, 1, "HmacSHA256");
    byte[] seed32 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    assertThat(sha256.code(seed32, sha256.step(Instant.ofEpochSecond(59)))).isEqualTo("46119246");
  }

  // ------------------------------------------------------------------------------------------ bad input

  @Test
  void malformedAndUnknownInputIsProblem400() {
    assertThat(api.call(HttpMethod.POST, "/api/v1/auth/login", Map.of("Content-Type", "application/json"),
        io.vertx.core.buffer.Buffer.buffer("{\"email\": ")).status()).isEqualTo(400);
    Reply unknownField = api.post("/api/v1/auth/login", null,
        new JsonObject().put("email", "a@b.co").put("password", PASSWORD).put("is_admin", true));
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.problemType()).isEqualTo("unknown-field");
    assertThat(api.post("/api/v1/auth/register", null, new JsonObject().put("email", "not-an-email").put("password", PASSWORD))
        .problemType()).isEqualTo("invalid-email");
    assertThat(api.post("/api/v1/auth/register", null, new JsonObject().put("email", email()).put("password", "short"))
        .problemType()).isEqualTo("weak-password");
    assertThat(api.post("/api/v1/auth/register", null, new JsonObject().put("email", email()).put("password", 12345678901L))
        .status()).isEqualTo(400);
    assertThat(api.call(HttpMethod.POST, "/api/v1/auth/login", Map.of("Content-Type", "text/plain"),
        io.vertx.core.buffer.Buffer.buffer("x")).status()).isEqualTo(415);
    assertThat(api.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", "garbage")).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/me", null).status()).isEqualTo(401);
    assertThat(api.call(HttpMethod.GET, "/api/v1/me", Map.of("Authorization", "Basic dXNlcjpwYXNz"), null).status()).isEqualTo(401);
    byte[] big = new byte[70_000];
    java.util.Arrays.fill(big, (byte) 'a');
    assertThat(api.call(HttpMethod.POST, "/api/v1/auth/login", Map.of("Content-Type", "application/json"),
        io.vertx.core.buffer.Buffer.buffer(big)).status()).isEqualTo(413);
  }

  @Test
  void passwordsAreStoredAsArgon2id() throws Exception {
    String email = email();
    register(email);
    try (Connection c = pg.connect(dbName); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT password_hash FROM users WHERE email = '" + email + "'")) {
      rs.next();
      assertThat(rs.getString(1)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
    }
  }

  // ------------------------------------------------------------------------------------------ plumbing

  private static List<Reply> parallel(int threads, Callable<Reply> call) throws Exception {
    return parallel(threads, call, threads);
  }

  private static List<Reply> parallel(int threads, Callable<Reply> call, int total) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Reply>> futures = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        futures.add(pool.submit(call));
      }
      List<Reply> out = new ArrayList<>();
      for (var f : futures) {
        out.add(f.get(2, TimeUnit.MINUTES));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

}
