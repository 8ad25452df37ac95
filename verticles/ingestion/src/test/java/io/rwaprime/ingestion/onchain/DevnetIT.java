package io.rwaprime.ingestion.onchain;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.OnchainEvent;
import io.rwaprime.testkit.AnvilNode;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev chain of {@code ./rwa run}: anvil with simulated tokens and activity, scanned by the chain verticle into a
 * ledger that stays consistent with the chain (supply and holders), with live events.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DevnetIT {

  @Test
  void theDevChainIsSeededKeepsMovingAndItsLedgerMatchesTheChain(PostgresServer pg) throws Exception {
    AnvilNode.shared(); // installs anvil from npm when a fresh clone has none
    Vertx vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    String db = pg.createDatabase("devnet");
    Database database = Database.open(vertx, new RwaConfig.Database(Optional.of(URI.create("postgresql://" + pg.host()
            + ":" + pg.port() + "/" + db)), pg.user(), pg.password(), 4, Path.of("unused"), 0, "unused"),
        AssetCatalogue.load()).await(1, TimeUnit.MINUTES);
    List<OnchainEvent> events = new CopyOnWriteArrayList<>();
    vertx.eventBus().<OnchainEvent>consumer(Addresses.ONCHAIN_EVENTS, m -> events.add(m.body()));
    try (Devnet devnet = Devnet.start(new RwaConfig.Devnet(true, List.of("PAXG", "BUIDL"), Duration.ofMillis(200)),
        Files.createTempDirectory("devnet"))) {
      ChainConfig cfg = ChainConfig.parse(List.of(devnet.chainDefinition()), AssetCatalogue.load()).get(0);
      assertThat(cfg.name()).isEqualTo("devnet");
      assertThat(cfg.tokens()).extracting(ChainConfig.Token::symbol).containsExactly("PAXG", "BUIDL");
      assertThat(cfg.pairs()).hasSize(1);
      OnchainStatus status = new OnchainStatus();
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      vertx.deployVerticle(() -> new ChainVerticle(cfg, database.pool(), Duration.ofHours(1), status,
          new DeadLetters(vertx, registry), registry), new DeploymentOptions()).await(30, TimeUnit.SECONDS);
      for (int i = 0; i < 40; i++) {
        devnet.step();
        Thread.sleep(100);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      Row r;
      do {
        Thread.sleep(500);
        r = database.pool().query("""
                SELECT (SELECT count(*) FROM onchain_balances WHERE chain = 'devnet' AND balance > 0) AS holders,
                       (SELECT count(*) FROM onchain_transfers WHERE chain = 'devnet') AS transfers,
                       (SELECT count(*) FROM onchain_checkpoints WHERE chain = 'devnet' AND integrity IS NULL
                          AND onchain_supply IS NOT NULL AND checked_block = scanned_to) AS clean
                """).execute().await(10, TimeUnit.SECONDS).iterator().next();
      } while ((r.getLong("clean") < 2 || r.getLong("transfers") < 80 + 40) && System.nanoTime() < deadline);
      assertThat(r.getLong("holders")).isGreaterThanOrEqualTo(80);
      assertThat(r.getLong("transfers")).as("40 mints per token and the activity").isGreaterThanOrEqualTo(120);
      assertThat(r.getLong("clean")).as("both tokens cross-checked clean against totalSupply()").isEqualTo(2);
      assertThat(events).isNotEmpty();
      JsonObject json = status.toJson().getJsonObject("devnet");
      assertThat(json.getJsonObject("tokens").getJsonObject("PAXG").getString("integrity")).isEqualTo("ok");
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }
}
