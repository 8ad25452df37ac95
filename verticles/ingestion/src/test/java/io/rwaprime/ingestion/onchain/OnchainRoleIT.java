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
import io.rwaprime.events.OnchainMetric;
import io.rwaprime.events.Tick;
import io.rwaprime.testkit.AnvilNode;
import io.rwaprime.testkit.ChainDriver;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The onchain role's chain verticle against anvil (newHeads over WebSocket) and PostgreSQL: live mint, burn and
 * whale events, a retraction after a reorg, metrics rows with exchange flows and DEX liquidity, and the wallet
 * report with its cost basis from 1m bars.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OnchainRoleIT {

  private static final BigInteger E18 = BigInteger.TEN.pow(18);
  private static Vertx vertx;
  private static Database database;
  private static AnvilNode node;
  private static ChainDriver driver;
  private static final List<OnchainEvent> events = new CopyOnWriteArrayList<>();
  private static final List<OnchainMetric> metrics = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(PostgresServer pg) throws Exception {
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    String db = pg.createDatabase("onchainrole");
    database = Database.open(vertx, new RwaConfig.Database(Optional.of(URI.create("postgresql://" + pg.host() + ":"
            + pg.port() + "/" + db)), pg.user(), pg.password(), 4, Path.of("unused"), 0, "unused"), AssetCatalogue.load())
        .await(1, TimeUnit.MINUTES);
    node = AnvilNode.start(AnvilNode.Options.defaults().withSlotsInAnEpoch(2));
    driver = new ChainDriver(node);
    vertx.eventBus().<OnchainEvent>consumer(Addresses.ONCHAIN_EVENTS, m -> events.add(m.body()));
    vertx.eventBus().<OnchainMetric>consumer(Addresses.ONCHAIN, m -> metrics.add(m.body()));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    driver.close();
    node.close();
  }

  @Test
  void eventsMetricsLiquidityWalletAndRetraction() throws Exception {
    String paxg = driver.deployToken("Test PAX Gold", "PAXG", 18);
    String usdc = driver.deployToken("Test USD Coin", "USDC", 6);
    String pair = driver.deployPair(paxg, usdc);
    String wallet = driver.account(1);
    String exchange = ChainDriver.randomAddress(new Random(5));
    String whaleTarget = ChainDriver.randomAddress(new Random(6));
    // 1m bars of the asset: 2000 an hour ago, 2100 from 30 minutes ahead (the second mint is timed after it)
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    bar("PAXG", now.minus(Duration.ofHours(1)), "2000");
    bar("PAXG", now.plus(Duration.ofMinutes(30)), "2100");

    OnchainStatus status = new OnchainStatus();
    ChainConfig cfg = ChainConfig.parse(List.of(new JsonObject()
        .put("name", "anvil").put("chain-id", node.chainId())
        .put("rpc", new JsonArray().add(node.httpUrl())).put("ws", new JsonArray().add(node.wsUrl()))
        .put("finality", "finalized").put("poll-interval", "PT1M")
        .put("tokens", new JsonArray().add(new JsonObject().put("symbol", "PAXG").put("address", paxg)
            .put("whale-threshold", "15")))
        .put("exchanges", new JsonObject().put(exchange, "Test Exchange"))
        .put("dex-pairs", new JsonArray().add(new JsonObject().put("symbol", "PAXG").put("address", pair)
            .put("quote-usd", "1").put("quote-decimals", 6)))), AssetCatalogue.load()).get(0);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    vertx.deployVerticle(() -> new ChainVerticle(cfg, database.pool(), Duration.ofHours(1), status,
        new DeadLetters(vertx, registry), registry), new DeploymentOptions()).await(30, TimeUnit.SECONDS);
    vertx.eventBus().publish(Addresses.ticks("PAXG"), new Tick("t-1", "PAXG", "test", new BigDecimal("2100"),
        BigDecimal.ONE, "USD", Instant.now(), Instant.now(), 1));

    // the pool: 5 PAXG and 10,000 USDC
    driver.mint(paxg, pair, e18(5));
    driver.mint(usdc, pair, BigInteger.valueOf(10_000_000_000L));
    driver.sync(pair);
    driver.mint(paxg, wallet, e18(10));
    awaitThat(() -> events.stream().anyMatch(e -> e.kind() == OnchainEvent.Kind.MINT && e.to().equals(wallet)),
        "the first mint to the wallet arrives live");
    OnchainEvent first = events.stream().filter(e -> e.to().equals(wallet)).findFirst().orElseThrow();
    assertThat(first.amount()).isEqualByComparingTo("10");
    assertThat(first.provisional()).isTrue();

    node.rpc("evm_setNextBlockTimestamp", now.plus(Duration.ofHours(1)).getEpochSecond());
    driver.mint(paxg, wallet, e18(30));
    driver.transfer(paxg, 1, whaleTarget, e18(20));
    driver.transfer(paxg, 1, exchange, e18(2));
    driver.transfer(paxg, 1, whaleTarget, e18(1));
    awaitThat(() -> events.stream().anyMatch(e -> e.kind() == OnchainEvent.Kind.WHALE), "the whale transfer arrives");
    node.mine(6);
    // the pass that applies the last transfer rewrites the interval rows, then publishes the current one
    awaitThat(() -> {
      Row r = sums();
      OnchainMetric m = metrics.isEmpty() ? null : metrics.get(metrics.size() - 1);
      return r.getLong("transfers") != null && r.getLong("transfers") >= 3 && m != null && m.dexLiquidity() != null
          && m.totalSupply() != null && m.totalSupply().compareTo(new BigDecimal("45")) == 0;
    }, "the metrics of the last transfer");

    assertThat(events).filteredOn(e -> e.kind() == OnchainEvent.Kind.WHALE).singleElement()
        .satisfies(e -> assertThat(e.amount()).isEqualByComparingTo("20"));
    assertThat(events).noneMatch(e -> e.amount().compareTo(BigDecimal.ONE) == 0
        && e.kind() == OnchainEvent.Kind.WHALE);
    OnchainMetric latest = metrics.get(metrics.size() - 1);
    assertThat(latest.totalSupply()).isEqualByComparingTo("45");
    assertThat(latest.holderCount()).isEqualTo(4);
    // 5 PAXG at the tick price 2100 plus 10,000 USDC at 1
    assertThat(latest.dexLiquidity()).isEqualByComparingTo("20500.00");
    Row sums = sums();
    assertThat(sums.getBigDecimal("inflow")).isEqualByComparingTo("2");
    assertThat(sums.getBigDecimal("minted")).isEqualByComparingTo("45");
    assertThat(sums.getLong("transfers")).isEqualTo(3);
    assertThat(sums.getBigDecimal("volume")).isEqualByComparingTo("23");
    assertThat(status.toJson().getJsonObject("anvil").getJsonObject("tokens").getJsonObject("PAXG")
        .getString("integrity")).isEqualTo("ok");

    // the wallet: 10 at 2000, 30 at 2100 in, 23 out: moving average 2075 on the 17 left
    JsonObject report = vertx.eventBus().<JsonObject>request(Addresses.ONCHAIN_WALLET + ".anvil",
        new JsonObject().put("address", wallet.toUpperCase().replace("0X", "0x"))).await(30, TimeUnit.SECONDS).body();
    JsonObject holding = report.getJsonArray("holdings").getJsonObject(0);
    assertThat(holding.getString("symbol")).isEqualTo("PAXG");
    assertThat(holding.getString("quantity")).isEqualTo("17");
    assertThat(holding.getString("avg_price")).isEqualTo("2075");
    assertThat(holding.getJsonArray("transfers")).hasSize(5);
    assertThatThrownBy(() -> vertx.eventBus().request(Addresses.ONCHAIN_WALLET + ".anvil",
            new JsonObject().put("address", "nope")).await(30, TimeUnit.SECONDS))
        .isInstanceOf(ReplyException.class).hasMessageContaining("40 hex digits");

    // a provisional whale transfer that a reorg removes is retracted
    String snapshot = node.snapshot();
    driver.transfer(paxg, 1, whaleTarget, e18(16));
    awaitThat(() -> events.stream().filter(e -> e.kind() == OnchainEvent.Kind.WHALE).count() == 2,
        "the second whale transfer arrives");
    OnchainEvent doomed = events.stream().filter(e -> e.kind() == OnchainEvent.Kind.WHALE).toList().get(1);
    assertThat(doomed.provisional()).isTrue();
    node.revert(snapshot);
    driver.resetNonces();
    node.mine(3);
    awaitThat(() -> events.stream().anyMatch(e -> e.kind() == OnchainEvent.Kind.RETRACTED
        && e.txHash().equals(doomed.txHash())), "the reorged whale transfer is retracted");
    assertThat(driver.balanceOf(paxg, wallet)).isEqualTo(e18(17));
  }

  private static void bar(String symbol, Instant openTime, String close) throws Exception {
    database.pool().preparedQuery("""
            INSERT INTO bars_1m (symbol, open_time, open, high, low, close, volume)
            VALUES ($1, $2, $3::text::numeric, $3::text::numeric, $3::text::numeric, $3::text::numeric, 1)""")
        .execute(Tuple.of(symbol, OffsetDateTime.ofInstant(openTime, ZoneOffset.UTC), close))
        .await(10, TimeUnit.SECONDS);
  }

  private static Row sums() {
    try {
      return one("""
          SELECT sum(exchange_inflow) AS inflow, sum(minted) AS minted, sum(transfer_count) AS transfers,
                 sum(transfer_volume) AS volume
          FROM onchain_metrics WHERE symbol = 'PAXG' AND chain = 'anvil'""");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Row one(String sql) throws Exception {
    return database.pool().query(sql).execute().await(10, TimeUnit.SECONDS).iterator().next();
  }

  private static void awaitThat(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what + "; events " + events + ", metrics " + metrics);
      }
      Thread.sleep(50);
    }
  }

  private static BigInteger e18(long units) {
    return BigInteger.valueOf(units).multiply(E18);
  }
}
