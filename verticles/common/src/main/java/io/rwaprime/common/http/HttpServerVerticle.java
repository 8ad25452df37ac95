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
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The process's one HTTP server: request ids, access log, security headers, body limits,
 * {@code /health/*}, {@code /metrics} (Prometheus) and the routes of the roles the process runs.
 * Deployed with several instances, each on its own event loop, sharing the port.
 */
public final class HttpServerVerticle extends VerticleBase {

  private static final String CSP = "default-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; "
      + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'";
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
    router.route().handler(HttpServerVerticle::securityHeaders);
    if (!cfg.corsOrigins().isEmpty()) {
      router.route("/api/*").handler(CorsHandler.create().addOrigins(cfg.corsOrigins())
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
          .allowedHeaders(Set.of("Authorization", "Content-Type", "X-API-Key", "X-Request-Id"))
          .exposedHeaders(Set.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy",
              "Retry-After", "X-Request-Id"))
          .maxAgeSeconds(600));
    }
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

  /**
   * Headers on every answer: no MIME sniffing, no referrer, a strict CSP (no inline script or style, no framing:
   * clickjacking), and HSTS when the request came over TLS (directly or through the mesh's TLS termination).
   */
  private static void securityHeaders(RoutingContext ctx) {
    var r = ctx.response();
    r.putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"))) {
      r.putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    ctx.next();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
