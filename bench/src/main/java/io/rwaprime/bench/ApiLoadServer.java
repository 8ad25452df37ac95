package io.rwaprime.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.api.ApiRole;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.cache.RedisKeyValueStore;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.http.HttpServerVerticle;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.Codecs;
import io.rwaprime.testkit.PostgresServer;
import io.rwaprime.testkit.RedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The api role as it runs in production — real PostgreSQL and Redis from the test harness, JWT authentication,
 * token-bucket rate limiting in Redis (Lua) on every request, OpenAPI validation — for an external load generator
 * (`bench/api-load.sh` drives it with wrk). Prints {@code PORT=…} and {@code TOKEN=…} (an access token of a
 * professional user whose budget is set high enough never to refuse, so that every request pays for the limiter
 * without being turned away), then measures login throughput with the configured Argon2id parameters and serves
 * until killed.
 */
public final class ApiLoadServer {

  private ApiLoadServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18080;
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    // professional: every request takes a token from Redis; enterprise: unlimited, no limiter round trip
    String tier = args.length > 2 ? args[2] : "professional";
    PostgresServer pg = PostgresServer.instance();
    RedisServer redisServer = RedisServer.instance();
    Vertx vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    String dbName = pg.createDatabase("apiload");
    RwaConfig cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(), Map.of(
        "RWA_API_AUTH_KEYS_DIR", Files.createTempDirectory("rwa-keys").toString(),
        "RWA_API_RATE_LIMITS_PROFESSIONAL", "10000000",
        "RWA_API_RATE_LIMITS_LOGIN_PER_ACCOUNT", "10000",
        "RWA_API_RATE_LIMITS_LOGIN_PER_IP", "100000"), Map.of())).await(20, TimeUnit.SECONDS);
    Database db = Database.open(vertx, new RwaConfig.Database(Optional.of(URI.create("postgresql://" + pg.host() + ":"
        + pg.port() + "/" + dbName)), pg.user(), pg.password(), 8, Path.of("unused"), 0, "unused"), AssetCatalogue.load())
        .await(1, TimeUnit.MINUTES);
    RedisKeyValueStore redis = RedisKeyValueStore.connect(vertx, new RwaConfig.Redis(Optional.of(redisServer.uri()), 8,
        Duration.ofMillis(50), Duration.ofMillis(500))).await(20, TimeUnit.SECONDS);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RoleContext ctx = new RoleContext(vertx, cfg, registry, new HealthRegistry(vertx, Duration.ofSeconds(1)),
        new DeadLetters(vertx, registry), redis, AssetCatalogue.load(), Optional.of(db));
    ApiRole role = new ApiRole();
    role.deploy(ctx).await(1, TimeUnit.MINUTES);
    vertx.deployVerticle(() -> new HttpServerVerticle(new RwaConfig.Http("127.0.0.1", port, instances, 65536, false),
        ctx.health(), registry, (vx, router) -> role.routes(router, ctx)), new DeploymentOptions().setInstances(instances))
        .await(30, TimeUnit.SECONDS);

    WebClient client = WebClient.create(vertx);
    JsonObject creds = new JsonObject().put("email", "load@example.com").put("password", "correct horse battery");
    client.post(port, "127.0.0.1", "/api/v1/auth/register").sendJsonObject(creds).await(30, TimeUnit.SECONDS);
    try (Connection c = pg.connect(dbName); Statement s = c.createStatement()) {
      s.execute("UPDATE users SET tier = '" + tier.replaceAll("[^a-z]", "") + "' WHERE email = 'load@example.com'");
    }
    String token = client.post(port, "127.0.0.1", "/api/v1/auth/login").sendJsonObject(creds).await(30, TimeUnit.SECONDS)
        .bodyAsJsonObject().getString("access_token");

    // login throughput: sequential and with 4 in flight, each one Argon2id verify + RS256 sign + 2 DB writes
    for (int inFlight : new int[] {1, 4}) {
      int n = 40;
      long t0 = System.nanoTime();
      java.util.List<io.vertx.core.Future<?>> batch = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        batch.add(client.post(port, "127.0.0.1", "/api/v1/auth/login").sendJsonObject(creds));
        if (batch.size() == inFlight) {
          io.vertx.core.Future.all(batch).await(1, TimeUnit.MINUTES);
          batch.clear();
        }
      }
      io.vertx.core.Future.all(batch).await(1, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("LOGIN in_flight=%d logins=%d seconds=%.2f logins_per_s=%.1f ms_per_login=%.1f%n",
          inFlight, n, seconds, n / seconds, seconds * 1000 / n);
    }
    System.out.println("PORT=" + port);
    System.out.println("TOKEN=" + token);
    System.out.flush();
    Thread.currentThread().join();
  }
}
