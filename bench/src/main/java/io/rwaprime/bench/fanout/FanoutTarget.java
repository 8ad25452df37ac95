package io.rwaprime.bench.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.auth.Jwt;
import io.rwaprime.common.auth.SigningKeys;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.cache.LocalKeyValueStore;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.http.HttpServerVerticle;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.fanout.FanoutRole;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The fanout role as a process of the mesh runs it — {@link FanoutRole} deployed with the default configuration
 * (50 ms batch window, 1,024-key queues), mounted on the process's {@link HttpServerVerticle} with two instances —
 * without a database: stream clients present an access token signed with a fresh key pair (API keys, the only
 * credential that needs PostgreSQL, are not used).
 */
final class FanoutTarget implements LoadTarget {

  private static final String[] COUNTERS = {"messages", "frames", "conflated", "dropped", "skipped"};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private String token = "-";

  @Override
  public void start(Vertx vertx, int port) throws Exception {
    Path keys = Files.createTempDirectory("rwa-fanout-keys");
    SigningKeys.rotate(keys, Clock.systemUTC());
    RwaConfig cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(), Map.of(
        "RWA_HTTP_HOST", "127.0.0.1", "RWA_HTTP_PORT", String.valueOf(port), "RWA_HTTP_INSTANCES", "2",
        "RWA_API_AUTH_KEYS_DIR", keys.toString()), Map.of())).await(30, TimeUnit.SECONDS);
    HealthRegistry health = new HealthRegistry(vertx, Duration.ofSeconds(1));
    RoleContext ctx = new RoleContext(vertx, cfg, registry, health, new DeadLetters(vertx, registry),
        new LocalKeyValueStore(vertx), AssetCatalogue.load(), Optional.empty());
    FanoutRole role = new FanoutRole();
    role.deploy(ctx).await(30, TimeUnit.SECONDS);
    vertx.deployVerticle(() -> new HttpServerVerticle(cfg.http(), health, registry, (vx, r) -> role.routes(r, ctx)),
        new DeploymentOptions().setInstances(cfg.http().instances())).await(30, TimeUnit.SECONDS);

    Jwt signer = new Jwt(SigningKeys.load(keys, false), cfg.api().auth().issuer(), cfg.api().auth().audience());
    long now = System.currentTimeMillis() / 1000;
    token = signer.sign(Jwt.TYP_ACCESS, new JsonObject().put("sub", UUID.randomUUID().toString()).put("iat", now)
        .put("exp", now + 3_600).put("jti", UUID.randomUUID().toString()));
  }

  @Override
  public String token() {
    return token;
  }

  @Override
  public Map<String, Long> counters() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String name : COUNTERS) {
      Counter c = registry.find("rwa.fanout." + name).counter();
      out.put(name, c == null ? 0 : (long) c.count());
    }
    registry.find("rwa.fanout.clients").gauges().forEach(g -> out.merge("clients", (long) g.value(), Long::sum));
    return out;
  }
}
