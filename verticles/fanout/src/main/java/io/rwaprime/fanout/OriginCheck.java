package io.rwaprime.fanout;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * Refuses, with 403 before any upgrade, a socket opened from a foreign browser origin (cross-site WebSocket
 * hijacking: a page of another site would otherwise open the socket with the user's ambient credentials). Allowed:
 * the server's own origin and the configured list. A request without {@code Origin} is no browser's cross-site
 * request (browsers always send it on WebSocket and cross-site fetches) and passes: enterprise clients still
 * authenticate.
 */
final class OriginCheck implements Handler<RoutingContext> {

  private final Set<String> allowed;
  private final FanoutMetrics metrics;

  OriginCheck(Set<String> allowed, FanoutMetrics metrics) {
    this.allowed = Set.copyOf(allowed);
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null || allowed.contains(origin) || sameOrigin(ctx, origin)) {
      ctx.next();
      return;
    }
    metrics.refused.increment();
    ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain").end("origin not allowed");
  }

  private static boolean sameOrigin(RoutingContext ctx, String origin) {
    String host = ctx.request().getHeader("Host");
    if (host == null) {
      return false;
    }
    String scheme = ctx.request().isSSL()
        || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto")) ? "https" : "http";
    return origin.equalsIgnoreCase(scheme + "://" + host);
  }
}
