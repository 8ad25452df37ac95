package io.rwaprime.forecasting;

import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code forecasting} role: price forecasts 7 and 30 days ahead (1 and 7 days on hourly bars while daily
 * history is short) for every asset, with calibrated 80/95 % intervals, per-step paths and published backtest
 * accuracy. It reads bars from PostgreSQL, writes {@code predictions}, caches the latest forecast per asset and
 * horizon, and publishes on {@code rwa.forecasts}; see {@link ForecastingVerticle}.
 */
public final class ForecastingRole implements Role {

  private static final Logger LOG = LoggerFactory.getLogger(ForecastingRole.class);

  /** Role name used by {@code --roles}. */
  public static final String NAME = "forecasting";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsDatabase() {
    return true;
  }

  @Override
  public Future<?> deploy(RoleContext ctx) {
    if (ctx.instances(NAME) > 1) {
      LOG.warn("roles.instances.forecasting is {}, but one instance forecasts every asset: running 1",
          ctx.instances(NAME));
    }
    ForecastingStatus status = new ForecastingStatus();
    ctx.health().register(NAME, () -> Future.succeededFuture(status.toJson()));
    RwaConfig.Forecasting cfg = ctx.config().forecasting();
    // an event-loop verticle: SQL and the cache are asynchronous, the fits run on its worker pool
    return ctx.vertx().deployVerticle(() -> new ForecastingVerticle(cfg, ctx.assets(), ctx.requireDatabase().pool(),
        ctx.cache(), ctx.metrics(), status), new DeploymentOptions());
  }
}
