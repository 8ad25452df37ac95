package io.rwaprime.app;

import io.rwaprime.alerts.channels.push.VapidKeys;
import io.rwaprime.alerts.channels.webhook.WebhookSignature;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.testkit.FreePorts;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outside alert channels through the whole path — API, rule, tick, outbox, delivery — against local servers
 * that speak each provider's wire format: the Telegram Bot API, a webhook receiver that checks the signature, FCM
 * (OAuth token endpoint + HTTP v1 send) and a Web Push service. A token FCM reports as unregistered is pruned and
 * not tried again.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AlertChannelsIT {

  private static AlertsMesh mesh;
  private static Vertx fakes;
  private static MeshLauncher launcher;
  private static String base;
  private static int fakePort;
  private static final List<JsonObject> telegram = new CopyOnWriteArrayList<>();
  private static final List<JsonObject> hooks = new CopyOnWriteArrayList<>();
  private static final List<String> fcmTokens = new CopyOnWriteArrayList<>();
  private static final List<String> pushes = new CopyOnWriteArrayList<>();
  private static final AtomicLong oauthCalls = new AtomicLong();

  @BeforeAll
  static void start(PostgresServer pg) throws Exception {
    fakes = Vertx.vertx();
    fakePort = FreePorts.find();
    HttpServer server = fakes.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      String path = req.path();
      if (path.startsWith("/bot") && path.endsWith("/sendMessage")) {
        telegram.add(body.toJsonObject().put("_path", path));
        req.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("ok", true).put("result", new JsonObject().put("message_id", telegram.size())).encode());
      } else if (path.equals("/hook")) {
        hooks.add(new JsonObject().put("body", body.toString()).put("event", req.getHeader("X-RWA-Event-Id"))
            .put("ts", req.getHeader("X-RWA-Timestamp")).put("sig", req.getHeader("X-RWA-Signature")));
        req.response().setStatusCode(204).end();
      } else if (path.equals("/token")) {
        oauthCalls.incrementAndGet();
        req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("access_token", "ya29.test").put("token_type", "Bearer").put("expires_in", 3600).encode());
      } else if (path.endsWith("/messages:send")) {
        String token = body.toJsonObject().getJsonObject("message").getString("token");
        fcmTokens.add(token);
        if (token.equals("dead-token")) {
          req.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(new JsonObject()
              .put("error", new JsonObject().put("code", 404).put("status", "NOT_FOUND").put("message", "Requested entity was not found.")
                  .put("details", new JsonArray().add(new JsonObject()
                      .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError").put("errorCode", "UNREGISTERED"))))
              .encode());
        } else {
          req.response().putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("name", "projects/rwa-test/messages/" + fcmTokens.size()).encode());
        }
      } else if (path.startsWith("/push/")) {
        pushes.add(req.getHeader("Content-Encoding") + " " + req.getHeader("Authorization").split(" ")[0] + " " + body.length());
        req.response().setStatusCode(201).end();
      } else {
        req.response().setStatusCode(404).end();
      }
    }));
    server.listen(fakePort, "127.0.0.1").await(10, TimeUnit.SECONDS);

    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair kp = rsa.generateKeyPair();
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
        .encodeToString(kp.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    Path account = Files.createTempFile("fcm", ".json");
    Files.writeString(account, new JsonObject().put("type", "service_account").put("project_id", "rwa-test")
        .put("private_key_id", "k1").put("private_key", pem).put("client_email", "alerts@rwa-test.iam.gserviceaccount.com")
        .put("token_uri", "http://127.0.0.1:" + fakePort + "/token").encode());
    VapidKeys vapid = VapidKeys.generate();

    String db = pg.createDatabase("channels");
    int port = FreePorts.find();
    base = "http://127.0.0.1:" + port;
    Map<String, String> env = new HashMap<>();
    env.put("RWA_DATABASE_URL", "postgresql://" + pg.host() + ":" + pg.port() + "/" + db);
    env.put("RWA_DATABASE_USER", pg.user());
    env.put("RWA_DATABASE_PASSWORD", pg.password());
    env.put("RWA_HTTP_PORT", Integer.toString(port));
    env.put("RWA_HTTP_HOST", "127.0.0.1");
    env.put("RWA_SIMULATOR_ENABLED", "false");
    env.put("RWA_API_AUTH_KEYS_DIR", Files.createTempDirectory("rwa-keys").toString());
    env.put("RWA_ALERTS_TELEGRAM_BOT_TOKEN", "4242:test-token");
    env.put("RWA_ALERTS_TELEGRAM_BASE_URL", "http://127.0.0.1:" + fakePort);
    env.put("RWA_ALERTS_WEBHOOKS_ALLOW_HTTP", "true");
    env.put("RWA_ALERTS_WEBHOOKS_ALLOW_PRIVATE", "true");
    env.put("RWA_ALERTS_FCM_SERVICE_ACCOUNT_FILE", account.toString());
    env.put("RWA_ALERTS_FCM_BASE_URL", "http://127.0.0.1:" + fakePort);
    env.put("RWA_ALERTS_WEBPUSH_VAPID_PUBLIC_KEY", vapid.publicKey());
    env.put("RWA_ALERTS_WEBPUSH_VAPID_PRIVATE_KEY", vapid.privateKey());
    env.put("RWA_ALERTS_WEBPUSH_PUSH_SERVICE_HOSTS", "127.0.0.1");
    env.put("RWA_ALERTS_WEBPUSH_ALLOW_PLAIN_HTTP", "true");
    Vertx loader = Vertx.vertx();
    RwaConfig cfg;
    try {
      cfg = ConfigLoader.load(loader, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of())).await(20, TimeUnit.SECONDS);
    } finally {
      loader.close().await();
    }
    launcher = new MeshLauncher(cfg, List.of(Roles.get("api"), Roles.get("alerts")));
    launcher.startServing().await(2, TimeUnit.MINUTES);
    mesh = new AlertsMesh(launcher, base);
  }

  @AfterAll
  static void stop() throws Exception {
    if (launcher != null) {
      launcher.shutdown().await(1, TimeUnit.MINUTES);
    }
    if (fakes != null) {
      fakes.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static JsonObject call(String method, String path, String token, JsonObject body, int expected) throws Exception {
    String r = mesh.call(method, path, token, body, expected).body();
    return r.isEmpty() ? new JsonObject() : new JsonObject(r);
  }

  private static void tick(String eventId, String symbol, String price) {
    mesh.tick(eventId, symbol, price, Instant.now(), "test");
  }

  private static void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
    AlertsMesh.await(what, 20, condition);
  }

  private static String b64url(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** A browser-like Web Push subscription: an uncompressed P-256 public key and a 16-byte auth secret. */
  private static JsonObject subscription() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    ECPublicKey pub = (ECPublicKey) ec.generateKeyPair().getPublic();
    byte[] point = new byte[65];
    point[0] = 4;
    byte[] x = pub.getW().getAffineX().toByteArray();
    byte[] y = pub.getW().getAffineY().toByteArray();
    System.arraycopy(x, Math.max(0, x.length - 32), point, 1 + Math.max(0, 32 - x.length), Math.min(32, x.length));
    System.arraycopy(y, Math.max(0, y.length - 32), point, 33 + Math.max(0, 32 - y.length), Math.min(32, y.length));
    byte[] auth = new byte[16];
    new java.security.SecureRandom().nextBytes(auth);
    return new JsonObject().put("endpoint", "http://127.0.0.1:" + fakePort + "/push/" + UUID.randomUUID())
        .put("keys", new JsonObject().put("p256dh", b64url(point)).put("auth", b64url(auth)));
  }

  @Test
  void aFiringReachesTelegramTheWebhookAndEveryPushDestinationOnceAndADeadTokenIsPruned() throws Exception {
    String email = "channels-" + UUID.randomUUID() + "@alerts.example.org";
    String token = call("POST", "/api/v1/auth/register", null,
        new JsonObject().put("email", email).put("password", "channel test passphrase"), 201).getString("access_token");

    // a rule naming a channel without a destination is refused with what to do
    JsonObject rule = new JsonObject().put("symbol", "PAXG").put("condition", "price_above").put("threshold", "5000")
        .put("cooldown_seconds", 0).put("channels", new JsonArray().add("telegram").add("webhook").add("push"));
    assertThat(call("POST", "/api/v1/alerts", token, rule, 422).getString("detail")).contains("register a telegram destination");

    call("POST", "/api/v1/notification-destinations", token, new JsonObject().put("kind", "telegram")
        .put("destination", new JsonObject().put("chat_id", 42)).put("label", "phone"), 201);
    String secret = call("POST", "/api/v1/notification-destinations", token, new JsonObject().put("kind", "webhook")
        .put("destination", new JsonObject().put("url", "http://127.0.0.1:" + fakePort + "/hook")), 201).getString("secret");
    assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
    call("POST", "/api/v1/notification-destinations", token, new JsonObject().put("kind", "fcm")
        .put("destination", new JsonObject().put("token", "good-token")), 201);
    call("POST", "/api/v1/notification-destinations", token, new JsonObject().put("kind", "fcm")
        .put("destination", new JsonObject().put("token", "dead-token")), 201);
    call("POST", "/api/v1/notification-destinations", token, new JsonObject().put("kind", "webpush")
        .put("destination", subscription()), 201);
    // bad destinations
    assertThat(call("POST", "/api/v1/notification-destinations", token, new JsonObject().put("kind", "apns")
        .put("destination", new JsonObject().put("token", "abc")), 422).getString("detail")).contains("not configured");
    assertThat(call("POST", "/api/v1/notification-destinations", token, new JsonObject().put("kind", "webpush")
        .put("destination", new JsonObject().put("endpoint", "https://evil.example/push")
            .put("keys", new JsonObject().put("p256dh", "x").put("auth", "y"))), 400).getString("detail")).isNotBlank();
    assertThat(call("POST", "/api/v1/notification-destinations", token, new JsonObject().put("kind", "pigeon")
        .put("destination", new JsonObject()), 400).getString("detail")).contains("kind must be one of");
    JsonObject listed = call("GET", "/api/v1/notification-destinations", token, null, 200);
    assertThat(listed.getJsonArray("data")).hasSize(5);
    assertThat(listed.encode()).doesNotContain(secret).doesNotContain("good-token");
    assertThat(listed.getString("vapid_public_key")).isNotBlank();
    assertThat(listed.getJsonObject("channels").getBoolean("push")).isTrue();
    assertThat(listed.getJsonObject("channels").getBoolean("email")).as("no SMTP server in this mesh").isFalse();

    String id = mesh.applied(null, () -> call("POST", "/api/v1/alerts", token, rule, 201)).getString("alert_id");
    tick("c-1", "PAXG", "4990");
    tick("c-2", "PAXG", "5010");
    await("every channel", () -> telegram.size() >= 1 && hooks.size() >= 1 && pushes.size() >= 1
        && fcmTokens.containsAll(List.of("good-token", "dead-token")));
    Thread.sleep(1500);
    assertThat(telegram).hasSize(1);
    assertThat(telegram.get(0).getString("_path")).isEqualTo("/bot4242:test-token/sendMessage");
    assertThat(String.valueOf(telegram.get(0).getValue("chat_id"))).isEqualTo("42");
    assertThat(telegram.get(0).getString("text")).contains("PAXG is above 5000");
    assertThat(hooks).hasSize(1);
    JsonObject hook = hooks.get(0);
    assertThat(hook.getString("event")).isEqualTo(id + ":c-2");
    assertThat(WebhookSignature.verify(secret, hook.getString("ts"), hook.getString("sig"),
        io.vertx.core.buffer.Buffer.buffer(hook.getString("body")), Instant.now())).isTrue();
    assertThat(pushes).hasSize(1);
    assertThat(pushes.get(0)).startsWith("aes128gcm vapid");
    assertThat(fcmTokens).containsExactlyInAnyOrder("good-token", "dead-token");
    assertThat(oauthCalls.get()).isEqualTo(1);

    JsonObject[] log = new JsonObject[1];
    try {
      await("the delivery log", () -> {
        Thread.sleep(400); // the API's rate limit is 100 requests a minute
        log[0] = call("GET", "/api/v1/alerts/" + id + "/history", token, null, 200).getJsonArray("data")
            .getJsonObject(0).getJsonObject("deliveries");
        return log[0].size() == 4 && log[0].stream()
            .allMatch(e -> "delivered".equals(((JsonObject) e.getValue()).getString("status")));
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + log[0], e);
    }
    JsonArray dests = call("GET", "/api/v1/notification-destinations", token, null, 200).getJsonArray("data");
    List<JsonObject> disabled = dests.stream().map(JsonObject.class::cast).filter(d -> d.getString("disabled_at") != null)
        .toList();
    assertThat(disabled).hasSize(1);
    assertThat(disabled.get(0).getString("kind")).isEqualTo("fcm");
    assertThat(disabled.get(0).getString("disabled_reason")).containsIgnoringCase("unregistered");

    // the next firing goes to the live destinations only
    tick("c-3", "PAXG", "4900");
    tick("c-4", "PAXG", "5100");
    await("the second firing", () -> telegram.size() >= 2 && fcmTokens.size() >= 3);
    Thread.sleep(1500);
    assertThat(fcmTokens).containsExactlyInAnyOrder("good-token", "dead-token", "good-token");
    assertThat(hooks).hasSize(2);
    assertThat(pushes).hasSize(2);
  }
}
