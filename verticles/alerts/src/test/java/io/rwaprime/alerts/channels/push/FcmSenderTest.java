package io.rwaprime.alerts.channels.push;

import io.rwaprime.alerts.channels.Notification;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.alerts.channels.RetryLater;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.rwaprime.alerts.channels.push.TestKeys.await;
import static io.rwaprime.alerts.channels.push.TestKeys.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * FcmSender against a loopback Google: an OAuth 2.0 token endpoint that checks the RS256 assertion with the public key
 * of the service account's key pair and the JWT bearer grant, and an FCM v1 endpoint that checks the bearer token and
 * the message, answering as FCM documents (google.rpc.Status with FcmError details).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FcmSenderTest {

  private static final Notification N = new Notification("rule-1:evt-9", "PAXG alert", "PAXG above 3000 (3012.5)",
      "https://app.example/alerts/history", new JsonObject().put("symbol", "PAXG"));
  private static KeyPair serviceKey;

  private final TestKeys.MutableClock clock = new TestKeys.MutableClock(Instant.now());
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<JsonObject> messages = new CopyOnWriteArrayList<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger oauthCalls = new AtomicInteger();
  private final AtomicInteger fcmCalls = new AtomicInteger();
  private volatile long expiresIn = 3599;
  private HttpServer server;
  private String base;
  private FcmSender sender;

  @BeforeEach
  void start(Vertx vertx) throws Throwable {
    if (serviceKey == null) {
      serviceKey = TestKeys.rsa();
    }
    server = await(vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1"));
    base = "http://127.0.0.1:" + server.actualPort();
    JsonObject serviceAccount = new JsonObject()
        .put("type", "service_account")
        .put("project_id", "demo-project")
        .put("private_key_id", "key-1")
        .put("private_key", TestKeys.pkcs8Pem(serviceKey.getPrivate()))
        .put("client_email", "alerts@demo-project.iam.gserviceaccount.com")
        .put("token_uri", base + "/token");
    sender = new FcmSender(vertx, FcmSettings.fromServiceAccount(serviceAccount, base), clock);
  }

  @AfterEach
  void stop() throws Throwable {
    sender.close();
    await(server.close());
    assertThat(problems).isEmpty();
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      if (req.path().equals("/token")) {
        oauth(req, body.toString(StandardCharsets.UTF_8));
      } else if (req.path().equals("/v1/projects/demo-project/messages:send")) {
        fcm(req, body.toJsonObject());
      } else {
        req.response().setStatusCode(404).end();
      }
    });
  }

  private void problem(HttpServerRequest req, String what) {
    problems.add(what);
    req.response().setStatusCode(418).end(what);
  }

  private void oauth(HttpServerRequest req, String form) {
    oauthCalls.incrementAndGet();
    if (!req.method().name().equals("POST")
        || !req.getHeader("content-type").startsWith("application/x-www-form-urlencoded")) {
      problem(req, "the token request is not a form POST");
      return;
    }
    Map<String, String> params = new HashMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(params.get("grant_type"))) {
      problem(req, "grant_type " + params.get("grant_type"));
      return;
    }
    TestKeys.Jwt jwt;
    try {
      jwt = TestKeys.verify(params.get("assertion"), "RS256", serviceKey.getPublic());
    } catch (AssertionError e) {
      problem(req, e.getMessage());
      return;
    }
    JsonObject c = jwt.claims();
    long now = clock.instant().getEpochSecond();
    if (!"alerts@demo-project.iam.gserviceaccount.com".equals(c.getString("iss"))
        || !"https://www.googleapis.com/auth/firebase.messaging".equals(c.getString("scope"))
        || !(base + "/token").equals(c.getString("aud"))
        || Math.abs(c.getLong("iat") - now) > 5
        || c.getLong("exp") <= c.getLong("iat") || c.getLong("exp") - c.getLong("iat") > 3600
        || !"key-1".equals(jwt.header().getString("kid"))) {
      problem(req, "bad assertion claims " + c + " " + jwt.header());
      return;
    }
    String token = "ya29.test-token-" + oauthCalls.get();
    validTokens.add(token);
    req.response().putHeader("content-type", "application/json")
        .end(new JsonObject().put("access_token", token).put("expires_in", expiresIn).put("token_type", "Bearer")
            .encode());
  }

  private void fcm(HttpServerRequest req, JsonObject body) {
    fcmCalls.incrementAndGet();
    String auth = req.getHeader("authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
      req.response().setStatusCode(401).putHeader("content-type", "application/json")
          .end(error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", null).encode());
      return;
    }
    JsonObject m = body.getJsonObject("message");
    if (m == null || !"PAXG alert".equals(m.getJsonObject("notification").getString("title"))
        || !"PAXG above 3000 (3012.5)".equals(m.getJsonObject("notification").getString("body"))
        || !new JsonObject().put("trigger_id", "rule-1:evt-9").put("url", "https://app.example/alerts/history")
        .equals(m.getJsonObject("data"))) {
      problem(req, "bad message " + body);
      return;
    }
    messages.add(m);
    String device = m.getString("token");
    switch (device) {
      case "dead-token" -> req.response().setStatusCode(404).putHeader("content-type", "application/json")
          .end(error(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED").encode());
      case "garbage" -> {
        JsonObject e = error(400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token",
            "INVALID_ARGUMENT");
        e.getJsonObject("error").getJsonArray("details").add(new JsonObject()
            .put("@type", "type.googleapis.com/google.rpc.BadRequest")
            .put("fieldViolations", new io.vertx.core.json.JsonArray().add(new JsonObject()
                .put("field", "message.token").put("description", "Invalid registration token"))));
        req.response().setStatusCode(400).putHeader("content-type", "application/json").end(e.encode());
      }
      case "too-big" -> req.response().setStatusCode(400).putHeader("content-type", "application/json")
          .end(error(400, "INVALID_ARGUMENT", "Message payload too large", "INVALID_ARGUMENT").encode());
      case "busy" -> req.response().setStatusCode(429).putHeader("retry-after", "30")
          .putHeader("content-type", "application/json")
          .end(error(429, "RESOURCE_EXHAUSTED", "Quota exceeded", "QUOTA_EXCEEDED").encode());
      case "down" -> req.response().setStatusCode(503).end();
      default -> req.response().putHeader("content-type", "application/json")
          .end(new JsonObject().put("name", "projects/demo-project/messages/0:" + fcmCalls.get()).encode());
    }
  }

  private static JsonObject error(int code, String status, String message, String errorCode) {
    io.vertx.core.json.JsonArray details = new io.vertx.core.json.JsonArray();
    if (errorCode != null) {
      details.add(new JsonObject().put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError")
          .put("errorCode", errorCode));
    }
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)
        .put("status", status).put("details", details));
  }

  private static JsonObject to(String token) {
    return new JsonObject().put("token", token);
  }

  @Test
  void sendsTheMessageWithOneAccessTokenForTwoSends() throws Throwable {
    assertThat(sender.channel()).isEqualTo("fcm");
    await(sender.send(N, to("device-a")));
    await(sender.send(N, to("device-b")));
    assertThat(oauthCalls.get()).isEqualTo(1);
    assertThat(fcmCalls.get()).isEqualTo(2);
    assertThat(messages).extracting(m -> m.getString("token")).containsExactly("device-a", "device-b");
  }

  @Test
  void concurrentSendsShareOneTokenExchange() throws Throwable {
    await(io.vertx.core.Future.all(List.of(sender.send(N, to("a")), sender.send(N, to("b")), sender.send(N, to("c")))));
    assertThat(oauthCalls.get()).isEqualTo(1);
  }

  @Test
  void fetchesANewAccessTokenShortlyBeforeExpiry() throws Throwable {
    await(sender.send(N, to("device-a")));
    clock.advance(Duration.ofMinutes(50));
    await(sender.send(N, to("device-a")));
    assertThat(oauthCalls.get()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(6)); // 56 min: within the last 5 min of a 3599 s token
    await(sender.send(N, to("device-a")));
    assertThat(oauthCalls.get()).isEqualTo(2);
  }

  @Test
  void a401RefreshesTheTokenOnceAndRetries() throws Throwable {
    await(sender.send(N, to("device-a")));
    validTokens.clear(); // the API no longer accepts the cached token
    await(sender.send(N, to("device-a")));
    assertThat(oauthCalls.get()).isEqualTo(2);
    assertThat(fcmCalls.get()).isEqualTo(3);
  }

  @Test
  void unregisteredAndInvalidTokensArePermanent() throws Exception {
    assertThat(failure(sender.send(N, to("dead-token")))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("UNREGISTERED");
    assertThat(failure(sender.send(N, to("garbage")))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("INVALID_ARGUMENT");
    assertThat(failure(sender.send(N, new JsonObject()))).isInstanceOf(PermanentFailure.class);
  }

  @Test
  void aBadRequestNotAboutTheTokenKeepsTheToken() throws Exception {
    Throwable e = failure(sender.send(N, to("too-big")));
    assertThat(e).isInstanceOf(PushRejected.class);
    assertThat(((PushRejected) e).status()).isEqualTo(400);
  }

  @Test
  void throttlingIsRetryLaterWithRetryAfterAndUnavailabilityIsRetryable() throws Exception {
    Throwable busy = failure(sender.send(N, to("busy")));
    assertThat(busy).isInstanceOf(RetryLater.class);
    assertThat(((RetryLater) busy).after()).isEqualTo(Duration.ofSeconds(30));
    Throwable down = failure(sender.send(N, to("down")));
    assertThat(down).isInstanceOf(PushRejected.class);
    assertThat(((PushRejected) down).status()).isEqualTo(503);
  }

  @Test
  void aRefusedAssertionIsRetryableNotPermanent(Vertx vertx) throws Throwable {
    KeyPair other = TestKeys.rsa();
    FcmSender wrongKey = new FcmSender(vertx, new FcmSettings("demo-project",
        "alerts@demo-project.iam.gserviceaccount.com", "key-1", TestKeys.pkcs8Pem(other.getPrivate()), base + "/token",
        base), clock);
    try {
      Throwable e = failure(wrongKey.send(N, to("device-a")));
      assertThat(e).isInstanceOf(PushRejected.class).isNotInstanceOf(PermanentFailure.class);
      assertThat(fcmCalls.get()).isZero();
    } finally {
      wrongKey.close();
      problems.clear(); // the server's complaint about the signature is the point of this test
    }
  }

  @Test
  void settingsHideTheKeyAndDefaultTheUrls() {
    FcmSettings s = new FcmSettings("p", "e@x", null, TestKeys.pkcs8Pem(serviceKey.getPrivate()), null, null);
    assertThat(s.baseUrl()).isEqualTo("https://fcm.googleapis.com");
    assertThat(s.tokenUri()).isEqualTo("https://oauth2.googleapis.com/token");
    assertThat(s.toString()).doesNotContain("PRIVATE KEY");
  }
}
