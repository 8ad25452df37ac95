package io.rwaprime.api;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.http.HttpServerVerticle;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.common.storage.Database;
import io.rwaprime.testkit.FreePorts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The api role on a real HTTP server for integration tests: a given clock, configuration overrides (as
 * {@code RWA_*} variables), a shared database and key-value store.
 */
public final class ApiServer {

  /** One HTTP answer with its body parsed when it is JSON. */
  public record Reply(int status, MultiMap headers, JsonObject body, Buffer raw) {
    public String header(String name) {
      return headers.get(name);
    }

    public String problemType() {
      return body == null ? null : body.getString("type", "").replace("https://rwa-prime.io/problems/", "");
    }
  }

  private final Vertx vertx;
  private final WebClient client;
  private final int port;
  private final RwaConfig cfg;

  private ApiServer(Vertx vertx, int port, RwaConfig cfg) {
    this.vertx = vertx;
    // a new connection per request: requests spread over the HTTP instances like independent clients
    this.client = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions().setKeepAlive(false));
    this.port = port;
    this.cfg = cfg;
  }

  public static ApiServer start(Vertx vertx, Database db, KeyValueStore store, Clock clock, Map<String, String> env)
      throws Exception {
    return start(vertx, db, store, clock, env, 1);
  }

  /** With {@code instances} HTTP verticles sharing the port, as in production (requests spread over them). */
  public static ApiServer start(Vertx vertx, Database db, KeyValueStore store, Clock clock, Map<String, String> env,
                                int instances) throws Exception {
    Map<String, String> all = new HashMap<>(env);
    RwaConfig cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(), all, Map.of()))
        .await(20, TimeUnit.SECONDS);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RoleContext ctx = new RoleContext(vertx, cfg, registry, new HealthRegistry(vertx, Duration.ofSeconds(1)),
        new DeadLetters(vertx, registry), store, AssetCatalogue.load(), Optional.of(db));
    ApiRole role = new ApiRole(clock);
    role.deploy(ctx).await(60, TimeUnit.SECONDS);
    int port = FreePorts.find();
    vertx.deployVerticle(() -> new HttpServerVerticle(new RwaConfig.Http("127.0.0.1", port, instances, 65536, false),
        ctx.health(), registry, (vx, router) -> role.routes(router, ctx)), new DeploymentOptions().setInstances(instances))
        .await(30, TimeUnit.SECONDS);
    return new ApiServer(vertx, port, cfg);
  }

  /** A migrated database {@code name} of the test harness's PostgreSQL, through the production pool. */
  public static Database database(Vertx vertx, io.rwaprime.testkit.PostgresServer pg, String name) throws Exception {
    return Database.open(vertx, new RwaConfig.Database(Optional.of(java.net.URI.create("postgresql://" + pg.host() + ":"
        + pg.port() + "/" + name)), pg.user(), pg.password(), 8, java.nio.file.Path.of("unused"), 0, "unused"),
        AssetCatalogue.load()).await(1, TimeUnit.MINUTES);
  }

  /** The production Redis store on the test harness's Redis server. */
  public static io.rwaprime.common.cache.RedisKeyValueStore redis(Vertx vertx, io.rwaprime.testkit.RedisServer server)
      throws Exception {
    return io.rwaprime.common.cache.RedisKeyValueStore.connect(vertx, new RwaConfig.Redis(Optional.of(server.uri()), 8,
        Duration.ofMillis(50), Duration.ofMillis(500))).await(20, TimeUnit.SECONDS);
  }

  public RwaConfig config() {
    return cfg;
  }

  public Reply call(HttpMethod method, String path, String bearer, JsonObject body) {
    return call(method, path, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer),
        body == null ? null : body.toBuffer());
  }

  public Reply call(HttpMethod method, String path, Map<String, String> headers, Buffer body) {
    HttpRequest<Buffer> req = client.request(method, port, "127.0.0.1", path);
    headers.forEach(req::putHeader);
    if (body != null && !headers.containsKey("Content-Type")) {
      req.putHeader("Content-Type", "application/json");
    }
    var f = body == null ? req.send() : req.sendBuffer(body);
    try {
      return f.map(r -> {
      Buffer raw = r.body() == null ? Buffer.buffer() : r.body();
      String type = r.getHeader("Content-Type");
      JsonObject json = raw.length() > 0 && type != null && type.contains("json") && raw.getByte(0) == '{'
          ? raw.toJsonObject() : null;
      return new Reply(r.statusCode(), r.headers(), json, raw);
      }).await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(method + " " + path + " did not answer within 30 s", e);
    }
  }

  public Reply post(String path, String bearer, JsonObject body) {
    return call(HttpMethod.POST, path, bearer, body);
  }

  public Reply get(String path, String bearer) {
    return call(HttpMethod.GET, path, bearer, null);
  }

  public Vertx vertx() {
    return vertx;
  }
}
