package io.rwaprime.api.auth;

import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.cache.RateDecision;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Per-caller request budgets (token buckets in Redis, or in-process without Redis): per API key, per user, or
 * per client IP for anonymous callers, sized by tier ({@code api.rate-limits}; 0 = unlimited). Every limited
 * answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset} and
 * {@code RateLimit-Policy} (IETF draft-ietf-httpapi-ratelimit-headers); a refused request gets 429 with
 * {@code Retry-After}. When the store does not answer the request goes through (fail open) and the failure is
 * logged: an outage of Redis must not take the API down with it.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimitHandler.class);

  static final String AUTH_PATH = "/api/v1/auth/";

  private final KeyValueStore store;
  private final RwaConfig.RateLimits cfg;

  RateLimitHandler(KeyValueStore store, RwaConfig.RateLimits cfg) {
    this.store = store;
    this.cfg = cfg;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal p = ctx.get(Principal.KEY);
    String path = ctx.request().path();
    // push ingestion has its own keys; the anonymous auth endpoints have their own, stricter budgets (AuthRoutes)
    if (path.startsWith(AuthHandler.INGEST_PATH) || (p == null && path.startsWith(AUTH_PATH))) {
      ctx.next();
      return;
    }
    String bucket;
    int limit;
    if (p == null) {
      bucket = "rl:ip:" + clientIp(ctx);
      limit = cfg.anonymous();
    } else {
      bucket = (p.via() == Principal.Via.API_KEY ? "rl:key:" + p.tokenId() : "rl:user:" + p.userId());
      limit = p.admin() ? cfg.admin() : cfg.forTier(p.tier().wire());
    }
    if (limit == 0) {
      ctx.next();
      return;
    }
    apply(ctx, store, bucket, limit, cfg.window()).onSuccess(v -> ctx.next()).onFailure(ctx::fail);
  }

  /**
   * Takes a token from {@code bucket} and writes the headers; fails with 429 (and {@code Retry-After}) when
   * refused. Succeeds when the store does not answer.
   */
  static Future<Void> apply(RoutingContext ctx, KeyValueStore store, String bucket, int limit, Duration window) {
    return store.take(bucket, limit, window)
        .transform(ar -> {
          if (ar.failed()) {
            LOG.warn("rate limiter unavailable, request let through [bucket: {}]", bucket.replaceAll(":[^:]+$", ":…"),
                ar.cause());
            return Future.succeededFuture();
          }
          RateDecision d = ar.result();
          headers(ctx.response(), d, window);
          if (!d.allowed()) {
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, RateDecision.seconds(d.retryAfterMillis()))));
            return Future.failedFuture(new ServiceException(429, "rate-limited",
                "too many requests: " + limit + " per " + window.toSeconds() + " s; retry after the Retry-After delay"));
          }
          return Future.succeededFuture();
        });
  }

  private static void headers(HttpServerResponse r, RateDecision d, Duration window) {
    r.putHeader("RateLimit-Limit", Integer.toString(d.limit()))
        .putHeader("RateLimit-Remaining", Integer.toString(Math.max(0, d.remaining())))
        .putHeader("RateLimit-Reset", Long.toString(RateDecision.seconds(d.resetMillis())))
        .putHeader("RateLimit-Policy", d.limit() + ";w=" + window.toSeconds());
  }

  static String clientIp(RoutingContext ctx) {
    var addr = ctx.request().remoteAddress();
    return addr == null ? "unknown" : addr.hostAddress();
  }
}
