package io.rwaprime.alerts.channels.push;

import io.rwaprime.alerts.channels.Notification;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.alerts.channels.RetryLater;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.rwaprime.alerts.channels.push.TestKeys.await;
import static io.rwaprime.alerts.channels.push.TestKeys.b64u;
import static io.rwaprime.alerts.channels.push.TestKeys.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * WebPushSender against a loopback push service that checks the VAPID authorization (RFC 8292) and the headers, and
 * decrypts the message as the subscribed browser would (RFC 8291, with {@link Rfc8291Receiver}) with the subscriber's
 * private key and auth secret.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebPushSenderTest {

  private static final Notification N = new Notification("rule-3:evt-5", "BUIDL alert", "BUIDL risk score above 70",
      "https://app.example/alerts/history", new JsonObject().put("symbol", "BUIDL").put("observed", 71.5));

  private final TestKeys.MutableClock clock = new TestKeys.MutableClock(Instant.now());
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final List<HttpServerRequest> requests = new CopyOnWriteArrayList<>();
  private final VapidKeys vapid = VapidKeys.generate();
  private KeyPair subscriber;
  private byte[] auth;
  private HttpServer server;
  private String origin;
  private WebPushSender sender;

  @BeforeEach
  void start(Vertx vertx) throws Throwable {
    subscriber = TestKeys.p256();
    auth = new byte[16];
    new SecureRandom().nextBytes(auth);
    server = await(vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1"));
    origin = "http://127.0.0.1:" + server.actualPort();
    sender = new WebPushSender(vertx, new WebPushSettings(vapid, "mailto:ops@rwa-prime.example", Duration.ofHours(6),
        List.of("127.0.0.1"), true), clock);
  }

  @AfterEach
  void stop() throws Throwable {
    sender.close();
    await(server.close());
    assertThat(problems).isEmpty();
  }

  private JsonObject subscription(String path) {
    return new JsonObject().put("endpoint", origin + path).put("keys", new JsonObject()
        .put("p256dh", b64u(TestKeys.uncompressed((ECPublicKey) subscriber.getPublic())))
        .put("auth", b64u(auth)));
  }

  private void problem(HttpServerRequest req, String what) {
    problems.add(what);
    req.response().setStatusCode(418).end(what);
  }

  private void handle(HttpServerRequest req) {
    requests.add(req);
    req.body().onSuccess(body -> push(req, body));
  }

  private void push(HttpServerRequest req, Buffer body) {
    String authz = req.getHeader("authorization");
    if (authz == null || !authz.matches("vapid t=[A-Za-z0-9_\\-.]+, k=[A-Za-z0-9_\\-]+")) {
      problem(req, "bad Authorization: " + authz);
      return;
    }
    String jwt = authz.substring("vapid t=".length(), authz.indexOf(", k="));
    String k = authz.substring(authz.indexOf(", k=") + 4);
    TestKeys.Jwt t;
    try {
      if (!k.equals(vapid.publicKey())) {
        throw new AssertionError("k is not the application server key");
      }
      t = TestKeys.verify(jwt, "ES256", TestKeys.ecPublic(b64u(k)));
    } catch (Exception | AssertionError e) {
      problem(req, "VAPID: " + e.getMessage());
      return;
    }
    long now = clock.instant().getEpochSecond();
    JsonObject c = t.claims();
    if (!origin.equals(c.getString("aud")) || c.getLong("exp") <= now || c.getLong("exp") > now + 24 * 3600
        || !"mailto:ops@rwa-prime.example".equals(c.getString("sub"))) {
      problem(req, "bad VAPID claims " + c);
      return;
    }
    if (!"21600".equals(req.getHeader("ttl")) || !"high".equals(req.getHeader("urgency"))
        || !"aes128gcm".equals(req.getHeader("content-encoding"))
        || req.getHeader("topic") == null || !req.getHeader("topic").matches("[A-Za-z0-9_\\-]{1,32}")) {
      problem(req, "bad headers " + req.headers());
      return;
    }
    if (body.length() > 4096) {
      problem(req, "body over 4096 bytes: " + body.length());
      return;
    }
    try {
      byte[] plain = Rfc8291Receiver.decrypt(body.getBytes(), subscriber.getPrivate(),
          TestKeys.uncompressed((ECPublicKey) subscriber.getPublic()), auth);
      received.add(new JsonObject(new String(plain, StandardCharsets.UTF_8)));
    } catch (Exception | AssertionError e) {
      problem(req, "cannot decrypt: " + e);
      return;
    }
    switch (req.path()) {
      case "/push/gone" -> req.response().setStatusCode(410).end();
      case "/push/missing" -> req.response().setStatusCode(404).end();
      case "/push/busy" -> req.response().setStatusCode(429).putHeader("retry-after", "120").end();
      case "/push/down" -> req.response().setStatusCode(502).end("bad gateway");
      default -> req.response().setStatusCode(201).putHeader("location", origin + "/m/1").end();
    }
  }

  @Test
  void theSubscriberDecryptsTheNotification() throws Throwable {
    assertThat(sender.channel()).isEqualTo("webpush");
    await(sender.send(N, subscription("/push/sub-1")));
    assertThat(received).containsExactly(new JsonObject()
        .put("trigger_id", "rule-3:evt-5").put("title", "BUIDL alert").put("body", "BUIDL risk score above 70")
        .put("url", "https://app.example/alerts/history")
        .put("data", new JsonObject().put("symbol", "BUIDL").put("observed", 71.5)));
  }

  @Test
  void eachMessageHasAFreshKeyAndSaltButTheTopicOfItsTrigger() throws Throwable {
    await(sender.send(N, subscription("/push/sub-1")));
    await(sender.send(N, subscription("/push/sub-1")));
    assertThat(received).hasSize(2);
    assertThat(requests.get(0).getHeader("topic")).isEqualTo(requests.get(1).getHeader("topic"))
        .isEqualTo(WebPushSender.topic("rule-3:evt-5")).isNotEqualTo(WebPushSender.topic("rule-3:evt-6"));
  }

  @Test
  void aLongMessageIsShortenedToFitOneRecord() throws Throwable {
    Notification big = new Notification("rule-3:evt-6", "BUIDL alert", "x".repeat(5000), null,
        new JsonObject().put("blob", "y".repeat(3000)));
    await(sender.send(big, subscription("/push/sub-1")));
    JsonObject got = received.getFirst();
    assertThat(got.containsKey("data")).isFalse();
    assertThat(got.getString("body")).startsWith("xxxx").endsWith("…");
  }

  @Test
  void aGoneSubscriptionIsPermanentAndThrottlingWaits() throws Exception {
    assertThat(failure(sender.send(N, subscription("/push/gone")))).isInstanceOf(PermanentFailure.class);
    assertThat(failure(sender.send(N, subscription("/push/missing")))).isInstanceOf(PermanentFailure.class);
    Throwable busy = failure(sender.send(N, subscription("/push/busy")));
    assertThat(busy).isInstanceOf(RetryLater.class);
    assertThat(((RetryLater) busy).after()).isEqualTo(Duration.ofSeconds(120));
    Throwable down = failure(sender.send(N, subscription("/push/down")));
    assertThat(down).isInstanceOf(PushRejected.class);
    assertThat(((PushRejected) down).status()).isEqualTo(502);
  }

  @Test
  void malformedOrForeignSubscriptionsArePermanentWithoutARequest() throws Exception {
    JsonObject shortAuth = subscription("/push/x");
    shortAuth.getJsonObject("keys").put("auth", b64u(new byte[8]));
    JsonObject offCurve = subscription("/push/x");
    byte[] point = TestKeys.uncompressed((ECPublicKey) subscriber.getPublic());
    point[64] ^= 1;
    offCurve.getJsonObject("keys").put("p256dh", b64u(point));
    JsonObject otherHost = subscription("/push/x").put("endpoint", "http://169.254.169.254/latest/meta-data");
    for (JsonObject bad : List.of(shortAuth, offCurve, otherHost, new JsonObject(),
        new JsonObject().put("endpoint", origin + "/push/x"))) {
      assertThat(failure(sender.send(N, bad))).as(bad.encode()).isInstanceOf(PermanentFailure.class);
    }
    assertThat(requests).isEmpty();
  }

  @Test
  void productionSettingsAcceptOnlyHttpsEndpointsOfKnownPushServices() {
    WebPushSettings s = WebPushSettings.of(vapid, "mailto:ops@rwa-prime.example");
    assertThat(s.checkEndpoint("https://fcm.googleapis.com/fcm/send/abc").getHost()).isEqualTo("fcm.googleapis.com");
    assertThat(s.checkEndpoint("https://updates.push.services.mozilla.com/wpush/v2/x")).isNotNull();
    assertThat(s.checkEndpoint("https://web.push.apple.com/QGx")).isNotNull();
    assertThat(s.checkEndpoint("https://wns2-par02p.notify.windows.com/w/?token=x")).isNotNull();
    assertThatThrownBy(() -> s.checkEndpoint("http://fcm.googleapis.com/fcm/send/abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.checkEndpoint("https://evil.example/fcm.googleapis.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.checkEndpoint("https://fcm.googleapis.com.evil.example/x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.checkEndpoint("https://user@fcm.googleapis.com/x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(WebPushSender.origin(java.net.URI.create("https://fcm.googleapis.com:443/fcm/send/a")))
        .isEqualTo("https://fcm.googleapis.com");
  }
}
