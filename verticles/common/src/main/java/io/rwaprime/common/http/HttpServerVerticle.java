package io.rwaprime.common.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.health.HealthRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiConsumer;

/**
 * The process's one HTTP server: request ids, access log, security headers, body limits,
 * {@code /health/*}, {@code /metrics} (Prometheus) and the routes of the roles the process runs.
 * Deployed with several instances, each on its own event loop, sharing the port.
 */
public final class HttpServerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServerVerticle.class);

  private final RwaConfig.Http cfg;
  private final HealthRegistry health;
  private final PrometheusMeterRegistry prometheus;
  private final BiConsumer<io.vertx.core.Vertx, Router> roleRoutes;
  private HttpServer server;

  /**
   * @param roleRoutes adds the routes of the process's roles to a fresh router (called once per instance)
   */
  public HttpServerVerticle(RwaConfig.Http cfg, HealthRegistry health, PrometheusMeterRegistry prometheus,
                            BiConsumer<io.vertx.core.Vertx, Router> roleRoutes) {
    this.cfg = cfg;
    this.health = health;
    this.prometheus = prometheus;
    this.roleRoutes = roleRoutes;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(new RequestIds());
    if (cfg.accessLog()) {
      router.route().handler(new AccessLog());
    }
    router.route().handler(ctx -> {
      ctx.response().putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer");
      ctx.next();
    });
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(cfg.maxBodyBytes()));
    HealthRoutes.mount(router, health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    roleRoutes.accept(vertx, router);
    router.route().last().handler(ctx -> ctx.fail(404));
    router.route().failureHandler(new FailureHandler());

    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(cfg.host())
        .setPort(cfg.port())
        .setCompressionSupported(true)
        .setMaxFormAttributeSize(cfg.maxBodyBytes()))
        .requestHandler(router);
    return server.listen().onSuccess(s -> LOG.debug("HTTP server instance listening [port: {}]", s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
