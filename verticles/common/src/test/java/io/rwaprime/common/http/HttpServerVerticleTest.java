package io.rwaprime.common.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpServerVerticleTest {

  private static Vertx vertx;
  private static WebClient client;
  private static int port;
  private static final AtomicBoolean cacheUp = new AtomicBoolean(true);

  private record Reply(int status, String contentType, String requestId, Buffer body) {
    JsonObject json() {
      return body.toJsonObject();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HealthRegistry health = new HealthRegistry(vertx, Duration.ofMillis(300));
    health.register("database", () -> Future.succeededFuture(new JsonObject().put("embedded", true)));
    health.register("redis", () -> cacheUp.get() ? Future.succeededFuture(new JsonObject())
        : Future.failedFuture("connection refused"));
    health.register("slow", () -> Future.succeededFuture(new JsonObject()));
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    prometheus.counter("rwa.test.counter").increment(3);
    vertx.deployVerticle(() -> new HttpServerVerticle(new RwaConfig.Http("127.0.0.1", port, 1, 2048, true), health,
        prometheus, (vx, router) -> {
          router.get("/api/v1/boom").handler(ctx -> {
            throw new IllegalStateException("secret internal detail");
          });
          router.get("/api/v1/teapot").handler(ctx -> ctx.fail(new ServiceException(409, "conflict-here", "it conflicts")));
          router.post("/api/v1/echo").handler(ctx -> ctx.response().end(ctx.body().buffer()));
        }), new io.vertx.core.DeploymentOptions()).await();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static Reply call(HttpMethod method, String path, Buffer body, String requestId) {
    HttpRequest<Buffer> req = client.request(method, port, "127.0.0.1", path);
    if (requestId != null) {
      req.putHeader(RequestIds.HEADER, requestId);
    }
    return (body == null ? req.send() : req.sendBuffer(body))
        .map(resp -> new Reply(resp.statusCode(), resp.getHeader("Content-Type"), resp.getHeader(RequestIds.HEADER),
            resp.body() == null ? Buffer.buffer() : resp.body()))
        .await();
  }

  @Test
  void liveAnswersUp() {
    Reply r = call(HttpMethod.GET, "/health/live", null, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo("UP");
    assertThat(r.requestId()).isNotBlank();
  }

  @Test
  void readyIs503NamingTheDependencyThatIsDown() {
    cacheUp.set(false);
    try {
      Reply r = call(HttpMethod.GET, "/health/ready", null, null);
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.contentType()).isEqualTo(Problems.MEDIA_TYPE);
      JsonObject p = r.json();
      assertThat(p.getString("detail")).contains("redis").contains("connection refused").doesNotContain("database");
      assertThat(p.getJsonArray("down").getList()).containsExactly("redis");
      assertThat(p.getJsonObject("checks").getJsonObject("database").getString("status")).isEqualTo("UP");
    } finally {
      cacheUp.set(true);
    }
    Reply ok = call(HttpMethod.GET, "/health/ready", null, null);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().getJsonObject("checks").fieldNames()).containsExactlyInAnyOrder("database", "redis", "slow");
  }

  @Test
  void unknownPathIsProblem404WithRequestId() {
    Reply r = call(HttpMethod.GET, "/api/v1/nothing-here", null, "req-123");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.contentType()).isEqualTo(Problems.MEDIA_TYPE);
    assertThat(r.requestId()).isEqualTo("req-123");
    assertThat(r.json().getString("request_id")).isEqualTo("req-123");
    assertThat(r.json().getString("type")).isEqualTo(Problems.TYPE_BASE + "not-found");
  }

  @Test
  void unsafeRequestIdIsReplaced() {
    Reply r = call(HttpMethod.GET, "/health/live", null, "<script>");
    assertThat(r.requestId()).isNotEqualTo("<script>").matches("[0-9a-f-]{36}");
  }

  @Test
  void internalFailureNeverLeaksItsMessage() {
    Reply r = call(HttpMethod.GET, "/api/v1/boom", null, null);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.contentType()).isEqualTo(Problems.MEDIA_TYPE);
    assertThat(r.body().toString()).doesNotContain("secret").doesNotContain("IllegalStateException");
  }

  @Test
  void serviceExceptionKeepsItsStatusAndCode() {
    Reply r = call(HttpMethod.GET, "/api/v1/teapot", null, null);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().getString("type")).endsWith("/conflict-here");
    assertThat(r.json().getString("detail")).isEqualTo("it conflicts");
  }

  @Test
  void oversizedBodyIs413Problem() {
    Reply small = call(HttpMethod.POST, "/api/v1/echo", Buffer.buffer("hello"), null);
    assertThat(small.status()).isEqualTo(200);
    Reply big = call(HttpMethod.POST, "/api/v1/echo", Buffer.buffer(new byte[4096]), null);
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.contentType()).isEqualTo(Problems.MEDIA_TYPE);
  }

  @Test
  void metricsArePrometheusText() {
    Reply r = call(HttpMethod.GET, "/metrics", null, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().toString()).contains("rwa_test_counter_total 3.0");
  }
}
