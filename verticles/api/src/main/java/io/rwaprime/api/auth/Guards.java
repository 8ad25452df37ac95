package io.rwaprime.api.auth;

import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Function-level authorization, put in front of a route's handler: {@code router.get(p).handler(Guards.tier(PROFESSIONAL)).handler(h)}.
 * 401 when nobody is authenticated, 403 when the caller lacks the tier, the admin flag or the API-key scope.
 * Object-level checks (whose portfolio) are in the repositories: every query of user data is scoped by the
 * principal's id.
 */
public final class Guards {

  private Guards() {}

  /** Any authenticated caller (access token or API key) with {@code scope}. */
  public static Handler<RoutingContext> scope(String scope) {
    return ctx -> {
      Principal p = require(ctx);
      if (p != null && check(ctx, p.hasScope(scope), "this API key lacks the scope '" + scope + "'")) {
        ctx.next();
      }
    };
  }

  /** A caller of at least {@code tier} (admin passes every tier gate) with {@code scope}. */
  public static Handler<RoutingContext> tier(Tier tier, String scope) {
    return ctx -> {
      Principal p = require(ctx);
      if (p != null && check(ctx, p.tier().atLeast(tier) || p.admin(), "this needs the " + tier.wire() + " tier or higher")
          && check(ctx, p.hasScope(scope), "this API key lacks the scope '" + scope + "'")) {
        ctx.next();
      }
    };
  }

  /** A signed-in user (access token, not an API key): account and security settings. */
  public static Handler<RoutingContext> user() {
    return ctx -> {
      Principal p = require(ctx);
      if (p != null && check(ctx, p.via() == Principal.Via.ACCESS_TOKEN, "API keys cannot manage the account")) {
        ctx.next();
      }
    };
  }

  /** An admin user signed in with an access token. */
  public static Handler<RoutingContext> admin() {
    return ctx -> {
      Principal p = require(ctx);
      if (p != null && check(ctx, p.admin() && p.via() != Principal.Via.API_KEY, "administrators only")) {
        ctx.next();
      }
    };
  }

  private static Principal require(RoutingContext ctx) {
    Principal p = ctx.get(Principal.KEY);
    if (p == null) {
      AuthHandler.refuse(ctx, null, "authentication required: send Authorization: Bearer <token> or X-API-Key");
    }
    return p;
  }

  private static boolean check(RoutingContext ctx, boolean ok, String detail) {
    if (!ok) {
      ctx.fail(new ServiceException(403, "forbidden", detail));
    }
    return ok;
  }
}
