package io.rwaprime.api;

import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.alerts.channels.OutsideChannels;
import io.rwaprime.api.admin.AdminRoutes;
import io.rwaprime.api.auth.AuthModule;
import io.rwaprime.api.openapi.ApiContract;
import io.rwaprime.api.portfolio.PortfolioRoutes;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;

import java.time.Clock;

/**
 * The {@code api} role: the REST API under {@code /api/v1} on the process's HTTP server. Its handlers
 * read PostgreSQL and the cache; they never call another role's code.
 */
public final class ApiRole implements Role {

  /** Role name used by {@code --roles}. */
  public static final String NAME = "api";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsDatabase() {
    return true;
  }

  private final Clock clock;
  private volatile OutsideChannels outside;
  private volatile AuthModule auth;
  private volatile ApiContract contract;

  public ApiRole() {
    this(Clock.systemUTC());
  }

  /** With the clock that tokens and TOTP steps are computed from (tests move it). */
  public ApiRole(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> deploy(RoleContext ctx) {
    // the routes live on the shared HTTP server; what they share is the auth module (keys, accounts)
    return AuthModule.start(ctx.vertx(), ctx.config().api(), ctx.requireDatabase().pool(), clock)
        .onSuccess(m -> auth = m)
        .compose(m -> ApiContract.load(ctx.vertx()))
        .onSuccess(c -> contract = c)
        .compose(c -> ctx.vertx().executeBlocking(() -> new OutsideChannels(ctx.vertx(), ctx.config().alerts())))
        .onSuccess(o -> outside = o);
  }

  @Override
  public void routes(Router router, RoleContext ctx) {
    auth.mountFilters(ctx.vertx(), router, ctx.cache());
    contract.mount(router);
    auth.mountRoutes(ctx.vertx(), router, ctx.cache());
    AssetRepository assets = new AssetRepository(ctx.requireDatabase().pool());
    new AssetRoutes(assets, ctx.cache()).mount(router);
    new PortfolioRoutes(ctx.requireDatabase().pool(), ctx.cache(), ctx.vertx().eventBus()).mount(router);
    new io.rwaprime.api.reports.ReportRoutes(ctx.vertx(), ctx.requireDatabase().pool(), ctx.cache(), clock).mount(router);
    new io.rwaprime.api.risk.RiskRoutes(ctx.vertx(), ctx.requireDatabase().pool(), ctx.cache()).mount(router);
    new io.rwaprime.api.forecasts.PredictionRoutes(ctx.requireDatabase().pool(), ctx.cache()).mount(router);
    new AdminRoutes(ctx.requireDatabase().pool()).mount(router);
    new io.rwaprime.api.alerts.AlertRoutes(ctx.requireDatabase().pool(), ctx.vertx().eventBus(), outside,
        ctx.config().api().mail().enabled(), clock).mount(router);
    new io.rwaprime.api.alerts.DestinationRoutes(ctx.requireDatabase().pool(), outside,
        ctx.config().api().mail().enabled()).mount(router);
    new PipelineRoutes(new PipelineRepository(ctx.requireDatabase().pool()), assets).mount(router);
    new OnchainRoutes(ctx.requireDatabase().pool(), assets, ctx.cache()).mount(router);
    DashboardRoutes.mount(router);
  }
}
