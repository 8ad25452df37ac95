package io.rwaprime.alerts.channels.push;

import io.rwaprime.alerts.channels.Notification;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.alerts.channels.RetryLater;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.rwaprime.alerts.channels.push.TestKeys.await;
import static io.rwaprime.alerts.channels.push.TestKeys.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ApnsSender against a loopback APNs: a Vert.x HTTP/2 server over TLS (self-signed certificate, ALPN h2) that checks
 * the protocol, the ES256 provider token with the public half of the test's signing key, the headers and the payload,
 * and answers as the provider API documents ({@code {"reason": …}}).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApnsSenderTest {

  private static final String DEVICE = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
  private static final String UNREGISTERED = "00000000000000000000000000000000000000000000000000000000000410";
  private static final String BAD = "00000000000000000000000000000000000000000000000000000000000400";
  private static final String BUSY = "00000000000000000000000000000000000000000000000000000000000429";
  private static final String DOWN = "00000000000000000000000000000000000000000000000000000000000503";
  private static final Notification N = new Notification("rule-7:evt-42", "OUSG alert", "OUSG below 105 (104.2)",
      "https://app.example/alerts/history", new JsonObject());

  private static SelfSignedCertificate cert;
  private static KeyPair signingKey;

  private final TestKeys.MutableClock clock = new TestKeys.MutableClock(Instant.now());
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<String> jwts = new CopyOnWriteArrayList<>();
  private final List<String> apnsIds = new CopyOnWriteArrayList<>();
  private final Set<String> expiredJwts = ConcurrentHashMap.newKeySet();
  private HttpServer server;
  private ApnsSender sender;

  @BeforeAll
  static void keys() throws Exception {
    cert = SelfSignedCertificate.create("localhost");
    signingKey = TestKeys.p256();
  }

  @AfterAll
  static void dropCert() {
    cert.delete();
  }

  @BeforeEach
  void start(Vertx vertx) throws Throwable {
    server = await(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true)
            .setKeyCertOptions(cert.keyCertOptions()))
        .requestHandler(this::handle)
        .listen(0, "localhost"));
    sender = new ApnsSender(vertx, settings(server.actualPort()), clock);
  }

  private static ApnsSettings settings(int port) {
    return new ApnsSettings("TEAM123456", "KEY1234567", TestKeys.pkcs8Pem(signingKey.getPrivate()),
        "io.rwaprime.app", "localhost", port, cert.trustOptions());
  }

  @AfterEach
  void stop() throws Throwable {
    await(sender.close());
    await(server.close());
    assertThat(problems).isEmpty();
  }

  private void problem(HttpServerRequest req, String what) {
    problems.add(what);
    req.response().setStatusCode(418).end(new JsonObject().put("reason", what).encode());
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      if (req.version() != HttpVersion.HTTP_2 || !req.isSSL()) {
        problem(req, "not HTTP/2 over TLS: " + req.version());
        return;
      }
      if (!req.method().name().equals("POST") || !req.path().startsWith("/3/device/")) {
        problem(req, "not POST /3/device/: " + req.method() + " " + req.path());
        return;
      }
      String auth = req.getHeader("authorization");
      if (auth == null || !auth.startsWith("bearer ")) {
        problem(req, "no bearer provider token");
        return;
      }
      String jwt = auth.substring(7);
      TestKeys.Jwt t;
      try {
        t = TestKeys.verify(jwt, "ES256", signingKey.getPublic());
      } catch (AssertionError e) {
        problem(req, e.getMessage());
        return;
      }
      if (!"KEY1234567".equals(t.header().getString("kid")) || !"TEAM123456".equals(t.claims().getString("iss"))
          || t.claims().getLong("iat") == null
          || clock.instant().getEpochSecond() - t.claims().getLong("iat") >= 3600) {
        problem(req, "bad provider token " + t);
        return;
      }
      jwts.add(jwt);
      if (expiredJwts.contains(jwt)) {
        req.response().setStatusCode(403).end(new JsonObject().put("reason", "ExpiredProviderToken").encode());
        return;
      }
      String apnsId = req.getHeader("apns-id");
      try {
        UUID.fromString(apnsId);
      } catch (RuntimeException e) {
        problem(req, "apns-id not a UUID: " + apnsId);
        return;
      }
      apnsIds.add(apnsId);
      JsonObject payload = body.toJsonObject();
      JsonObject expected = new JsonObject()
          .put("aps", new JsonObject()
              .put("alert", new JsonObject().put("title", "OUSG alert").put("body", "OUSG below 105 (104.2)"))
              .put("sound", "default"))
          .put("trigger_id", "rule-7:evt-42")
          .put("url", "https://app.example/alerts/history");
      if (!"io.rwaprime.app".equals(req.getHeader("apns-topic")) || !"alert".equals(req.getHeader("apns-push-type"))
          || !expected.equals(payload)) {
        problem(req, "bad headers or payload: " + req.headers() + " " + payload);
        return;
      }
      String device = req.path().substring("/3/device/".length());
      switch (device) {
        case UNREGISTERED -> req.response().setStatusCode(410)
            .end(new JsonObject().put("reason", "Unregistered").put("timestamp", 1_700_000_000_000L).encode());
        case BAD -> req.response().setStatusCode(400).end(new JsonObject().put("reason", "BadDeviceToken").encode());
        case BUSY -> req.response().setStatusCode(429).end(new JsonObject().put("reason", "TooManyRequests").encode());
        case DOWN -> req.response().setStatusCode(503).putHeader("retry-after", "120")
            .end(new JsonObject().put("reason", "ServiceUnavailable").encode());
        default -> req.response().putHeader("apns-id", apnsId).end();
      }
    });
  }

  private static JsonObject to(String token) {
    return new JsonObject().put("token", token);
  }

  @Test
  void deliversOverHttp2WithAProviderTokenReusedAcrossSends() throws Throwable {
    assertThat(sender.channel()).isEqualTo("apns");
    await(sender.send(N, to(DEVICE)));
    await(sender.send(N, to(DEVICE)));
    assertThat(jwts).hasSize(2);
    assertThat(jwts.get(1)).isEqualTo(jwts.get(0));
    // the same trigger gets the same apns-id: a repeat is recognisable
    assertThat(apnsIds).hasSize(2);
    assertThat(apnsIds.get(1)).isEqualTo(apnsIds.get(0));
    assertThat(apnsIds.get(0)).isEqualTo(ApnsSender.apnsId("rule-7:evt-42"))
        .isNotEqualTo(ApnsSender.apnsId("rule-7:evt-43"));
  }

  @Test
  void signsANewProviderTokenAfterFiftyMinutes() throws Throwable {
    await(sender.send(N, to(DEVICE)));
    clock.advance(Duration.ofMinutes(49));
    await(sender.send(N, to(DEVICE)));
    clock.advance(Duration.ofMinutes(2));
    await(sender.send(N, to(DEVICE)));
    assertThat(jwts).hasSize(3);
    assertThat(jwts.get(1)).isEqualTo(jwts.get(0));
    assertThat(jwts.get(2)).isNotEqualTo(jwts.get(0));
  }

  @Test
  void anExpiredProviderTokenIsReplacedAndTheSendRetriedOnce() throws Throwable {
    await(sender.send(N, to(DEVICE)));
    expiredJwts.add(jwts.get(0));
    clock.advance(Duration.ofSeconds(1));
    await(sender.send(N, to(DEVICE)));
    assertThat(jwts).hasSize(3);
    assertThat(jwts.get(1)).isEqualTo(jwts.get(0));
    assertThat(jwts.get(2)).isNotEqualTo(jwts.get(0));
  }

  @Test
  void deadTokensArePermanentAndThrottlingIsRetryable() throws Exception {
    assertThat(failure(sender.send(N, to(UNREGISTERED)))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("Unregistered");
    assertThat(failure(sender.send(N, to(BAD)))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("BadDeviceToken");
    Throwable busy = failure(sender.send(N, to(BUSY)));
    assertThat(busy).isInstanceOf(PushRejected.class);
    assertThat(((PushRejected) busy).reason()).isEqualTo("TooManyRequests");
    Throwable down = failure(sender.send(N, to(DOWN)));
    assertThat(down).isInstanceOf(RetryLater.class);
    assertThat(((RetryLater) down).after()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void aTokenThatIsNotHexIsPermanentWithoutARequest() throws Exception {
    assertThat(failure(sender.send(N, to("../../etc")))).isInstanceOf(PermanentFailure.class);
    assertThat(failure(sender.send(N, new JsonObject()))).isInstanceOf(PermanentFailure.class);
    assertThat(jwts).isEmpty();
  }

  @Test
  void refusesAServerItDoesNotTrust(Vertx vertx) throws Throwable {
    ApnsSender untrusting = new ApnsSender(vertx, new ApnsSettings("TEAM123456", "KEY1234567",
        TestKeys.pkcs8Pem(signingKey.getPrivate()), "io.rwaprime.app", "localhost", server.actualPort(), null), clock);
    try {
      assertThat(failure(untrusting.send(N, to(DEVICE)))).isNotInstanceOf(PermanentFailure.class);
      assertThat(jwts).isEmpty();
    } finally {
      await(untrusting.close());
    }
  }
}
