package io.rwaprime.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.cache.LocalKeyValueStore;
import io.rwaprime.common.cache.RedisKeyValueStore;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.http.HttpServerVerticle;
import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.Codecs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts one process of the mesh: metrics, Vert.x (clustered or not), codecs, cache, database, the
 * roles' verticles and the HTTP server; then waits for SIGTERM and stops in order within the
 * configured timeout: sources first, then the verticles (which flush what they hold), then pools and
 * the embedded database, then the cluster membership.
 */
final class MeshLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(MeshLauncher.class);

  private final RwaConfig cfg;
  private final List<String> roleNames;
  private final List<Role> roles;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Vertx vertx;
  private RoleContext context;
  private KeyValueStore cache;
  private Database database;
  private volatile Router router;

  MeshLauncher(RwaConfig cfg, List<Role> roles) {
    this.cfg = cfg;
    this.roles = List.copyOf(roles);
    this.roleNames = this.roles.stream().map(Role::name).toList();
  }

  /** Starts everything, blocks until the process is told to stop; returns the exit status. */
  int runUntilStopped() {
    RwaConfig effective = cfg.http().port() == 0 ? cfg.withHttpPort(freePort()) : cfg;
    long t0 = System.nanoTime();
    try {
      start(effective, true).await(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      LOG.error("start-up failed [roles: {}, reason: {}]", roleNames, rootMessage(e), e);
      try {
        shutdown().await(effective.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception stopFailure) {
        LOG.warn("stop after failed start-up did not finish [reason: {}]", rootMessage(stopFailure));
      }
      return 1;
    }
    LOG.info("rwa-prime ready [roles: {}, http: http://{}:{}, cluster: {}, database: {}, cache: {}, started in: {} ms]",
        String.join(",", roleNames), displayHost(effective.http().host()), effective.http().port(),
        effective.cluster().enabled(), database == null ? "none" : database.describe().encode(), cache.kind(),
        (System.nanoTime() - t0) / 1_000_000);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping [timeout: {}]", effective.shutdownTimeout());
      try {
        shutdown().await(effective.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("graceful stop did not finish in time [reason: {}]", rootMessage(e));
      }
      stopped.countDown();
    }, "rwa-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Starts the roles without an HTTP server, for one-shot commands (backfill, replay) that drive the
   * pipeline themselves and then call {@link #shutdown()}.
   */
  Future<Void> startHeadless() {
    return start(cfg, false);
  }

  /** Starts every role and the HTTP server without waiting for a stop signal (tests). */
  Future<Void> startServing() {
    return start(cfg, true);
  }

  /** The router of one HTTP server instance (after {@link #startServing()}); every instance has the same routes. */
  Router router() {
    return router;
  }

  /** The running Vert.x instance (after start). */
  Vertx vertx() {
    return vertx;
  }

  private Future<Void> start(RwaConfig effective, boolean serveHttp) {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    prometheus.config().commonTags("roles", String.join(",", roleNames));
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .addLabels(Label.EB_ADDRESS, Label.EB_SIDE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE,
            Label.POOL_TYPE, Label.POOL_NAME);
    VertxOptions options = new VertxOptions().setMetricsOptions(metrics);
    var builder = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(prometheus));
    Future<Vertx> started;
    HazelcastClusterManager clusterManager = null;
    if (effective.cluster().enabled()) {
      clusterManager = Clustering.clusterManager(effective.cluster());
      String host = effective.cluster().host().equals("0.0.0.0") ? null : effective.cluster().host();
      options.getEventBusOptions().setPort(effective.cluster().eventBusPort());
      if (host != null) {
        options.getEventBusOptions().setHost(host).setClusterPublicHost(host);
      }
      started = builder.with(options).withClusterManager(clusterManager).buildClustered();
    } else {
      started = Future.succeededFuture(builder.build());
    }
    HazelcastClusterManager members = clusterManager;
    AssetCatalogue catalogue = AssetCatalogue.load();
    return started.compose(v -> {
      vertx = v;
      Codecs.registerAll(vertx);
      HealthRegistry health = new HealthRegistry(vertx, Duration.ofSeconds(2));
      if (members != null) {
        health.register("cluster", () -> members.isActive()
            ? Future.succeededFuture(new JsonObject().put("members", members.getNodes().size()).put("node", members.getNodeId()))
            : Future.failedFuture("not a member of the cluster"));
      }
      return openCache(effective).compose(kv -> {
        cache = kv;
        if (effective.redis().url().isPresent()) {
          health.register("redis", () -> kv.ping().map(x -> new JsonObject()));
        }
        boolean needsDb = roles.stream().anyMatch(Role::needsDatabase);
        return needsDb ? Database.open(vertx, effective.database(), catalogue).map(Optional::of)
            : Future.succeededFuture(Optional.<Database>empty());
      }).compose(db -> {
        database = db.orElse(null);
        db.ifPresent(d -> health.register("database", d::check));
        context = new RoleContext(vertx, effective, prometheus, health, new DeadLetters(vertx, prometheus), cache,
            catalogue, db);
        Future<Void> chain = Future.succeededFuture();
        for (Role role : roles) {
          chain = chain.compose(x -> role.deploy(context).<Void>mapEmpty()
              .onSuccess(y -> LOG.info("role deployed [role: {}, instances: {}]", role.name(),
                  context.instances(role.name()))));
        }
        return chain;
      }).compose(x -> !serveHttp ? Future.<Void>succeededFuture() : vertx.deployVerticle(
          () -> new HttpServerVerticle(effective.http(), context.health(), prometheus, (vx, r) -> {
            for (Role role : roles) {
              role.routes(r, context);
            }
            router = r;
          }),
          new DeploymentOptions().setInstances(effective.http().instances()))
          .mapEmpty());
    });
  }

  private Future<KeyValueStore> openCache(RwaConfig effective) {
    if (effective.redis().url().isEmpty()) {
      return Future.succeededFuture(new LocalKeyValueStore(vertx));
    }
    return RedisKeyValueStore.connect(vertx, effective.redis()).map(store -> (KeyValueStore) store);
  }

  /** Ordered stop; every step runs even when an earlier one failed. */
  Future<Void> shutdown() {
    if (vertx == null) {
      return Future.succeededFuture();
    }
    Future<Void> chain = Future.succeededFuture();
    if (context != null) {
      List<Role> reversed = new ArrayList<>(roles);
      Collections.reverse(reversed);
      for (Role role : reversed) {
        chain = chain.transform(x -> role.quiesce(context).<Void>mapEmpty().otherwiseEmpty());
      }
    }
    // undeploying lets each verticle flush what it holds while the database is still open
    chain = chain.transform(x -> {
      List<Future<Void>> undeploys = new ArrayList<>();
      for (String id : vertx.deploymentIDs()) {
        undeploys.add(vertx.undeploy(id).otherwiseEmpty());
      }
      return Future.join(undeploys).<Void>mapEmpty().otherwiseEmpty();
    });
    chain = chain.transform(x -> database == null ? Future.<Void>succeededFuture() : database.close().otherwiseEmpty());
    chain = chain.transform(x -> cache == null ? Future.<Void>succeededFuture() : cache.close().otherwiseEmpty());
    return chain.transform(x -> vertx.close()).onComplete(ar -> LOG.info("stopped"));
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port for --http-port 0", e);
    }
  }

  private static String displayHost(String host) {
    return host.equals("0.0.0.0") ? "localhost" : host;
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
