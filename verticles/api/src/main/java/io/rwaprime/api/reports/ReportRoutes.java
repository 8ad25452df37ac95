package io.rwaprime.api.reports;

import io.rwaprime.api.auth.Guards;
import io.rwaprime.api.auth.Principal;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PDF reports for signed-in callers. The data is read on the event loop; the PDF is rendered on a worker
 * ({@code executeBlocking}, unordered), never on the event loop.
 * <ul>
 *   <li>{@code GET /api/v1/reports/assets/{file}} with {@code file} = {@code <SYMBOL>.pdf} — one asset (scope
 *   {@code market_data}); 404 {@code asset-not-found}. The route takes the whole last segment because a path
 *   parameter followed by {@code .pdf} is not a vertx-web parameter, and the contract path must equal the route.</li>
 *   <li>{@code GET /api/v1/reports/portfolio.pdf} — the caller's own holdings (scope {@code portfolio}),
 *   {@code Cache-Control: no-store}; the user is the principal, never a request parameter.</li>
 * </ul>
 */
public final class ReportRoutes {

  private static final Logger log = LoggerFactory.getLogger(ReportRoutes.class);
  private static final Pattern FILE = Pattern.compile("([A-Z0-9][A-Z0-9._-]{0,31})\\.pdf");

  private final Vertx vertx;
  private final ReportRepository repository;
  private final Clock clock;

  public ReportRoutes(Vertx vertx, Pool pool, KeyValueStore cache, Clock clock) {
    this.vertx = vertx;
    this.repository = new ReportRepository(pool, cache);
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/v1/reports/assets/:file").handler(Guards.scope("market_data")).handler(this::asset);
    router.get("/api/v1/reports/portfolio.pdf").handler(Guards.scope("portfolio")).handler(this::portfolio);
  }

  private void asset(RoutingContext ctx) {
    Matcher m = FILE.matcher(ctx.pathParam("file"));
    if (!m.matches()) {
      throw ServiceException.notFound("report-not-found", "an asset report is /api/v1/reports/assets/<SYMBOL>.pdf");
    }
    String symbol = m.group(1);
    repository.asset(symbol, clock.instant())
        .compose(data -> data.isPresent() ? render(() -> AssetReport.render(data.get()))
            : Future.failedFuture(ServiceException.notFound("asset-not-found", "no asset with symbol " + symbol)))
        .onSuccess(pdf -> send(ctx, pdf, symbol + ".pdf", "private, max-age=60"))
        .onFailure(err -> fail(ctx, err, "asset " + symbol));
  }

  private void portfolio(RoutingContext ctx) {
    UUID user = Principal.of(ctx).orElseThrow().userId();
    Instant now = clock.instant();
    repository.portfolio(user, now)
        .compose(data -> render(() -> PortfolioReport.render(data)))
        .onSuccess(pdf -> send(ctx, pdf, "portfolio-" + now.atOffset(ZoneOffset.UTC).toLocalDate() + ".pdf", "no-store"))
        .onFailure(err -> fail(ctx, err, "portfolio"));
  }

  /** Rendering failures are marked so that they answer 500, not 503 like a store that is down. */
  private Future<byte[]> render(Callable<byte[]> renderer) {
    return vertx.executeBlocking(renderer, false)
        .recover(err -> Future.failedFuture(new RenderException(err)));
  }

  private static void send(RoutingContext ctx, byte[] pdf, String filename, String cacheControl) {
    ctx.response().putHeader("Content-Type", "application/pdf")
        .putHeader("Content-Disposition", "inline; filename=\"" + filename + "\"")
        .putHeader("Cache-Control", cacheControl)
        .end(Buffer.buffer(pdf));
  }

  private static void fail(RoutingContext ctx, Throwable err, String what) {
    if (err instanceof ServiceException se) {
      ctx.fail(se);
    } else if (err instanceof RenderException re) {
      log.error("report rendering failed [report: {}]", what, re.getCause());
      ctx.fail(new ServiceException(500, "report-failed", "the report could not be rendered"));
    } else {
      ctx.fail(ServiceException.unavailable("the report store", err));
    }
  }

  private static final class RenderException extends RuntimeException {
    RenderException(Throwable cause) {
      super(cause);
    }
  }
}
