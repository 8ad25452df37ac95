package io.rwaprime.alerts.channels.webhook;

import io.rwaprime.alerts.channels.HttpExchange;
import io.rwaprime.alerts.channels.Notification;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.alerts.channels.RetryLater;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static io.rwaprime.alerts.channels.webhook.SafeTargetsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link WebhookSender} against a local receiver (http, and https for the pinned TLS case). */
class WebhookSenderTest {

  /** What the receiver got: path, headers, body. */
  record Received(String path, MultiMap headers, Buffer body) {
  }

  private static final String SECRET = "whsec_7f3a9c";
  private static final HttpExchange.Limits LIMITS =
      new HttpExchange.Limits(Duration.ofSeconds(2), Duration.ofSeconds(2), 1024, 4);
  private static final Notification N = new Notification("rule-9:1718000000:up", "PAXG alert",
      "PAXG crossed above 2400", "https://app.example/alerts/history",
      new JsonObject().put("ruleId", 9).put("price", 2401.5));

  private static Vertx vertx;
  private static HttpServer server;
  private static HttpServer tls;
  private static SelfSignedCertificate hookCert;
  private static final Queue<Received> received = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger lookups = new AtomicInteger();
  private static WebhookSender open;
  private static WebhookSender safe;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(WebhookSenderTest::receive).listen(0, "127.0.0.1").await();
    hookCert = SelfSignedCertificate.create("hook.example");
    tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(hookCert.keyCertOptions()))
        .requestHandler(WebhookSenderTest::receive).listen(0, "127.0.0.1").await();
    SafeTargets.Resolver names = host -> {
      lookups.incrementAndGet();
      return SafeTargetsTest.table(Map.of("hook.example", List.of("127.0.0.1"), "127.0.0.1", List.of("127.0.0.1")))
          .resolve(host);
    };
    HttpClientOptions trust = new HttpClientOptions().setTrustOptions(hookCert.trustOptions());
    open = new WebhookSender(vertx, new WebhookSettings(true, true, LIMITS), names, trust, Clock.systemUTC());
    safe = new WebhookSender(vertx, new WebhookSettings(true, false, LIMITS));
  }

  @AfterAll
  static void stop() {
    open.close().await();
    safe.close().await();
    hookCert.delete();
    vertx.close().await();
  }

  @BeforeEach
  void clear() {
    received.clear();
    lookups.set(0);
  }

  private static void receive(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      received.add(new Received(req.path(), MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body));
      var res = req.response();
      switch (req.path()) {
        case "/hook", "/target" -> res.setStatusCode(204).end();
        case "/redirect" -> res.setStatusCode(302)
            .putHeader("Location", "http://127.0.0.1:" + server.actualPort() + "/target").end();
        case "/gone" -> res.setStatusCode(410).end("this webhook was removed");
        case "/unavailable" -> res.setStatusCode(503).end();
        case "/slow-down" -> res.setStatusCode(429).putHeader("Retry-After", "7").end();
        case "/bad" -> res.setStatusCode(400).end();
        case "/timeout" -> res.setStatusCode(408).end();
        case "/hang" -> { }
        default -> res.setStatusCode(404).end();
      }
    });
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  private static JsonObject to(String url) {
    return new JsonObject().put("url", url).put("secret", SECRET);
  }

  @Test
  void aSignedDeliveryVerifiesAtTheReceiver() throws Exception {
    assertThat(failure(open.send(N, to(url("/hook"))))).isNull();

    assertThat(received).hasSize(1);
    Received r = received.peek();
    assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(r.headers().get("X-RWA-Event-Id")).isEqualTo("rule-9:1718000000:up");
    assertThat(new JsonObject(r.body())).isEqualTo(new JsonObject()
        .put("id", "rule-9:1718000000:up").put("title", "PAXG alert").put("body", "PAXG crossed above 2400")
        .put("url", "https://app.example/alerts/history")
        .put("event", new JsonObject().put("ruleId", 9).put("price", 2401.5)));
    // the receiver's side, written from the documented scheme (not with the sender's code)
    String timestamp = r.headers().get("X-RWA-Timestamp");
    assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), within(300L));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((timestamp + "." + r.body().toString(StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8));
    assertThat(r.headers().get("X-RWA-Signature")).isEqualTo("v1=" + HexFormat.of().formatHex(expected));
    // and the helper receivers may use
    Instant now = Instant.now();
    String signature = r.headers().get("X-RWA-Signature");
    assertThat(WebhookSignature.verify(SECRET, timestamp, signature, r.body(), now)).isTrue();
    assertThat(WebhookSignature.verify("other", timestamp, signature, r.body(), now)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, timestamp, signature, Buffer.buffer("{}"), now)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, timestamp, signature, r.body(), now.plusSeconds(301))).isFalse();
    assertThat(WebhookSignature.verify(SECRET, String.valueOf(Long.parseLong(timestamp) + 60), signature, r.body(),
        now)).isFalse();
  }

  @Test
  void theConnectionGoesToTheVettedAddressWithTheOriginalHost() {
    String pinned = "http://hook.example:" + server.actualPort() + "/hook";
    assertThat(failure(open.send(N, to(pinned)))).isNull();
    assertThat(lookups).hasValue(1);
    assertThat(received).singleElement()
        .satisfies(r -> assertThat(r.headers().get("Host")).isEqualTo("hook.example:" + server.actualPort()));
  }

  @Test
  void httpsToThePinnedAddressStillChecksTheCertificateAgainstTheHostName() {
    String pinned = "https://hook.example:" + tls.actualPort() + "/hook";
    assertThat(failure(open.send(N, to(pinned)))).isNull();
    assertThat(received).singleElement()
        .satisfies(r -> assertThat(r.headers().get("Host")).isEqualTo("hook.example:" + tls.actualPort()));

    received.clear();
    Throwable mismatch = failure(open.send(N, to("https://127.0.0.1:" + tls.actualPort() + "/hook")));
    assertThat(mismatch).isNotNull().isNotInstanceOf(PermanentFailure.class)
        .hasMessageContaining("SSLHandshakeException");
    assertThat(received).isEmpty();
  }

  @Test
  void aRedirectIsNotFollowed() throws InterruptedException {
    Throwable err = failure(open.send(N, to(url("/redirect"))));
    assertThat(err).isNotNull().isNotInstanceOfAny(PermanentFailure.class, RetryLater.class);
    assertThat(err.getMessage()).contains("HTTP 302").contains("redirects are not followed");
    Thread.sleep(200);
    assertThat(received).extracting(Received::path).containsExactly("/redirect");
  }

  @Test
  void goneIsPermanent() {
    assertThat(failure(open.send(N, to(url("/gone"))))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("HTTP 410");
    assertThat(failure(open.send(N, to(url("/bad"))))).isInstanceOf(PermanentFailure.class);
  }

  @Test
  void unavailableAndRequestTimeoutAreRetryable() {
    for (String path : List.of("/unavailable", "/timeout")) {
      Throwable err = failure(open.send(N, to(url(path))));
      assertThat(err).isNotNull().isNotInstanceOfAny(PermanentFailure.class, RetryLater.class,
          IllegalStateException.class);
    }
  }

  @Test
  void tooManyRequestsWaitsForRetryAfter() {
    Throwable err = failure(open.send(N, to(url("/slow-down"))));
    assertThat(err).isInstanceOf(RetryLater.class);
    assertThat(((RetryLater) err).after()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aReceiverThatNeverAnswersHitsTheDeadline() {
    long start = System.nanoTime();
    Throwable err = failure(open.send(N, to(url("/hang"))));
    assertThat(err).isNotNull().isNotInstanceOfAny(PermanentFailure.class, IllegalStateException.class)
        .hasMessageContaining("no reply");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aClosedPortIsRetryable() {
    Throwable err = failure(open.send(N, to("http://127.0.0.1:1/hook")));
    assertThat(err).isNotNull().isNotInstanceOfAny(PermanentFailure.class, RetryLater.class,
        IllegalStateException.class);
  }

  @Test
  void aDestinationWithoutUrlOrSecretIsPermanent() {
    assertThat(failure(open.send(N, new JsonObject().put("secret", SECRET)))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("no url");
    assertThat(failure(open.send(N, new JsonObject().put("url", url("/hook"))))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("no secret");
    assertThat(received).isEmpty();
  }

  @Test
  void withoutAllowPrivateTheLocalReceiverIsNeverCalled() {
    for (String url : List.of(url("/hook"), "http://localhost:" + server.actualPort() + "/hook",
        "http://[::ffff:127.0.0.1]:" + server.actualPort() + "/hook")) {
      assertThat(failure(safe.send(N, to(url)))).as(url).isInstanceOf(PermanentFailure.class)
          .hasMessageContaining("webhook URL refused");
    }
    assertThat(failure(safe.check(url("/hook")))).isInstanceOf(PermanentFailure.class);
    assertThat(received).isEmpty();
  }
}
