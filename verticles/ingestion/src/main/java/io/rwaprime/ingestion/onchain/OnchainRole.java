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
  private volatile Devnet devnet;

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
    ctx.health().register("onchain", () -> status.failing()
        ? Future.failedFuture("a token cannot be scanned: " + status.toJson().encode())
        : Future.succeededFuture(status.toJson()));
    RwaConfig.Devnet devnetCfg = ctx.config().onchain().devnet();
    Future<List<JsonObject>> definitions = Future.succeededFuture(ctx.config().onchain().chains());
    if (devnetCfg.enabled()) {
      definitions = startDevnet(ctx, devnetCfg).map(chain -> {
        List<JsonObject> all = new ArrayList<>(ctx.config().onchain().chains());
        chain.ifPresent(all::add);
        return all;
      });
    }
    return definitions.compose(defs -> {
      List<ChainConfig> chains = ChainConfig.parse(defs, ctx.assets());
      List<Future<String>> deployed = new ArrayList<>();
      for (ChainConfig chain : chains) {
        deployed.add(ctx.vertx().deployVerticle(() -> new ChainVerticle(chain, ctx.requireDatabase().pool(),
            ctx.config().onchain().metricsInterval(), status, ctx.deadLetters(), ctx.metrics()),
            new DeploymentOptions()));
      }
      return Future.all(deployed);
    });
  }

  /**
   * The dev chain, its previous run's ledger forgotten (a new anvil is a new chain under the same name); empty when
   * anvil cannot start — the rest of the mesh runs on without it.
   */
  private Future<java.util.Optional<JsonObject>> startDevnet(RoleContext ctx, RwaConfig.Devnet cfg) {
    return ctx.vertx().executeBlocking(() -> Devnet.start(cfg, java.nio.file.Path.of("data", "devnet")))
        .compose(d -> {
          devnet = d;
          Runtime.getRuntime().addShutdownHook(new Thread(d::close, "devnet-stop"));
          ctx.vertx().setPeriodic(cfg.activityInterval().toMillis(), id -> ctx.vertx().executeBlocking(() -> {
            d.step();
            return null;
          }, true));
          return forget(ctx).map(x -> java.util.Optional.of(d.chainDefinition()));
        })
        .recover(e -> {
          org.slf4j.LoggerFactory.getLogger(OnchainRole.class).warn("devnet not started, the onchain role scans only "
              + "the configured chains [reason: {}]", e.getMessage());
          return Future.succeededFuture(java.util.Optional.empty());
        });
  }

  private static Future<Void> forget(RoleContext ctx) {
    return ctx.requireDatabase().pool().withTransaction(conn -> {
      Future<?> chain = Future.succeededFuture();
      for (String table : List.of("onchain_transfers", "onchain_balances", "onchain_blocks", "onchain_checkpoints",
          "onchain_metrics", "wallet_syncs")) {
        chain = chain.compose(x -> conn.preparedQuery("DELETE FROM " + table + " WHERE chain = $1")
            .execute(io.vertx.sqlclient.Tuple.of(Devnet.CHAIN)));
      }
      return chain.mapEmpty();
    });
  }

  @Override
  public Future<?> quiesce(RoleContext ctx) {
    Devnet d = devnet;
    devnet = null;
    if (d != null) {
      return ctx.vertx().executeBlocking(() -> {
        d.close();
        return null;
      });
    }
    return Future.succeededFuture();
  }
}
