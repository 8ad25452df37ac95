package io.rwaprime.risk;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.config.ConfigException;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.risk.score.RiskWeightProfiles;
import io.rwaprime.risk.score.RiskWeights;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code risk} role: a composite 1–100 risk score (higher = riskier) with drivers for every asset, the
 * market-risk report behind it, fast-move events, and portfolio VaR on request. It reads bars and features from
 * PostgreSQL, writes {@code risk_scores}, and publishes on {@code rwa.risk}; see {@link RiskVerticle}. Static
 * inputs come from {@code risk-profiles.yaml} ({@link RiskProfiles}); weights from {@code risk.weights}.
 */
public final class RiskRole implements Role {

  private static final Logger LOG = LoggerFactory.getLogger(RiskRole.class);

  /** Role name used by {@code --roles}. */
  public static final String NAME = "risk";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsDatabase() {
    return true;
  }

  @Override
  public void validate(RwaConfig cfg) {
    try {
      RiskProfiles.load();
      weights(cfg.risk());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("risk", e.getMessage());
    }
  }

  @Override
  public Future<?> deploy(RoleContext ctx) {
    if (ctx.instances(NAME) > 1) {
      LOG.warn("roles.instances.risk is {}, but one instance scores every asset: running 1", ctx.instances(NAME));
    }
    RiskProfiles profiles = RiskProfiles.load();
    for (Asset a : ctx.assets().assets()) {
      if (!profiles.has(a.symbol())) {
        LOG.warn("no risk profile [symbol: {}, effect: credit, regulatory and technical inputs imputed]", a.symbol());
      }
    }
    RiskStatus status = new RiskStatus();
    ctx.health().register("risk", () -> Future.succeededFuture(status.toJson()));
    RwaConfig.Risk cfg = ctx.config().risk();
    RiskWeightProfiles weights = weights(cfg);
    // an event-loop verticle: SQL is asynchronous, and the scoring math runs in executeBlocking
    return ctx.vertx().deployVerticle(() -> new RiskVerticle(cfg, ctx.assets(), profiles, weights,
        ctx.requireDatabase().pool(), ctx.metrics(), status), new DeploymentOptions());
  }

  /** The configured category weights per asset class. */
  static RiskWeightProfiles weights(RwaConfig.Risk cfg) {
    Map<String, RiskWeights> byClass = new HashMap<>();
    cfg.weights().forEach((k, v) -> {
      if (!k.equals("default")) {
        byClass.put(k, of(v));
      }
    });
    return RiskWeightProfiles.of(byClass, of(cfg.weights().get("default")));
  }

  private static RiskWeights of(List<Double> w) {
    return RiskWeights.of(w.get(0), w.get(1), w.get(2), w.get(3));
  }
}
