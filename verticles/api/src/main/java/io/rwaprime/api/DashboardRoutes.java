package io.rwaprime.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the browser dashboard ({@code frontend/}, bundled into the jar's {@code webroot/}) for every GET that no
 * other route answers. Vite names the bundles by content hash, so {@code /assets/*} may be cached for a year; the
 * entry page, the service worker and the manifest are revalidated on every load so a new release reaches users at
 * once. Compression is the HTTP server's.
 */
public final class DashboardRoutes {

  static final String WEBROOT = "webroot";
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";

  private DashboardRoutes() {}

  /** Mounts the dashboard last: it answers every GET path that is not an API route. */
  public static void mount(Router router) {
    StaticHandler files = StaticHandler.create(WEBROOT)
        .setIndexPage("index.html")
        .setCachingEnabled(false) // the headers below decide, per path
        .setDirectoryListing(false)
        .setIncludeHidden(false);
    router.get("/*").handler(DashboardRoutes::cacheHeaders).handler(files);
  }

  private static void cacheHeaders(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    ctx.response().putHeader("Cache-Control", path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE);
    ctx.next();
  }
}
