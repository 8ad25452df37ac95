package io.rwaprime.ingestion.onchain;

import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code onchain} role: ERC-20 scanning of the chains in {@code onchain.chains} with web3j (one
 * {@link ChainVerticle} per chain) into the holder ledger in PostgreSQL, {@code onchain_metrics} rows, live
 * {@code rwa.onchain.events}, and wallet reports for the API's wallet sync. Without configured chains it idles.
 * Run one instance per chain set: two scanners of one token would only fail each other's commits.
 */
public final class OnchainRole implements Role {

  /** Role name used by {@code --roles}. */
  public static final String NAME = "onchain";

  private final OnchainStatus status = new OnchainStatus();

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
    // the catalogue is checked again at deploy time; here the shape of each entry
    for (int i = 0; i < cfg.onchain().chains().size(); i++) {
      JsonObject c = cfg.onchain().chains().get(i);
      if (!(c.getValue("tokens") instanceof io.vertx.core.json.JsonArray)) {
        throw new io.rwaprime.common.config.ConfigException("onchain.chains[" + i + "].tokens",
            "list at least one token (symbol, address, start-block)");
      }
    }
  }

  @Override
  public Future<?> deploy(RoleContext ctx) {
    List<ChainConfig> chains = ChainConfig.parse(ctx.config().onchain().chains(), ctx.assets());
    ctx.health().register("onchain", () -> status.failing()
        ? Future.failedFuture("a token cannot be scanned: " + status.toJson().encode())
        : Future.succeededFuture(status.toJson()));
    List<Future<String>> deployed = new ArrayList<>();
    for (ChainConfig chain : chains) {
      deployed.add(ctx.vertx().deployVerticle(() -> new ChainVerticle(chain, ctx.requireDatabase().pool(),
          ctx.config().onchain().metricsInterval(), status, ctx.deadLetters(), ctx.metrics()), new DeploymentOptions()));
    }
    return Future.all(deployed);
  }
}
