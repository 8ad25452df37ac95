package io.rwaprime.ingestion.onchain;

import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.storage.Database;
import io.rwaprime.testkit.AnvilNode;
import io.rwaprime.testkit.ChainDriver;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.rwaprime.web3.ChainRpc;
import io.rwaprime.web3.EvmAddress;
import io.rwaprime.web3.Finality;
import io.rwaprime.web3.ScanListener;
import io.rwaprime.web3.SyncReport;
import io.rwaprime.web3.TokenRef;
import io.rwaprime.web3.TokenScanner;
import io.rwaprime.web3.Transfer;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scanner and its PostgreSQL ledger against a real chain (anvil from npm): exact holders, volumes, mints and
 * burns; reorgs rolled back by hash comparison (snapshot/revert and {@code anvil_reorg}); a provider that refuses
 * wide ranges, alters logs, leaves mints out or reports another chain.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OnchainScanIT {

  private static final BigInteger E18 = BigInteger.TEN.pow(18);
  private static Vertx vertx;
  private static Database database;
  private static AnvilNode node;
  private static ChainDriver driver;
  private static int tokens;

  @BeforeAll
  static void start(PostgresServer pg) throws Exception {
    vertx = Vertx.vertx();
    String db = pg.createDatabase("onchain");
    database = Database.open(vertx, new RwaConfig.Database(Optional.of(URI.create("postgresql://" + pg.host() + ":"
            + pg.port() + "/" + db)), pg.user(), pg.password(), 4, Path.of("unused"), 0, "unused"), AssetCatalogue.load())
        .await(1, TimeUnit.MINUTES);
    // finalized = head - 4, safe = head - 2: reorgs of up to 4 blocks are provisional
    node = AnvilNode.start(AnvilNode.Options.defaults().withSlotsInAnEpoch(2));
    driver = new ChainDriver(node);
  }

  @AfterAll
  static void stop() throws Exception {
    driver.close();
    node.close();
    database.close().await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void holdersVolumesMintsAndBurnsAreExact() throws Exception {
    String token = driver.deployToken("Test Gold", "TGLD", 18);
    String a = driver.account(1);
    String b = driver.account(2);
    Random random = new Random(7);
    String c = ChainDriver.randomAddress(random);
    String d = ChainDriver.randomAddress(random);
    String e = ChainDriver.randomAddress(random);
    driver.mint(token, a, e18(1000));
    driver.mint(token, b, e18(500));
    driver.transfer(token, 1, c, e18(200));
    driver.transfer(token, 2, d, e18(50));
    driver.transfer(token, 1, b, e18(25));
    driver.burn(token, b, e18(100));
    List<String> batch = new ArrayList<>();
    List<BigInteger> amounts = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      batch.add(ChainDriver.randomAddress(random));
      amounts.add(e18(i));
    }
    driver.mintBatch(token, batch, amounts);
    driver.transferBatch(token, 1, List.of(c, e), List.of(e18(10), e18(5)));
    node.mine(6);

    Recorder events = new Recorder();
    TokenRef ref = ref(token, 18);
    SyncReport report = syncAll(scanner(node.httpUrl(), ref, events, 1_000));

    assertThat(report.finding()).isNull();
    assertThat(report.scannedTo()).isEqualTo(node.blockNumber());
    assertThat(report.finalizedTo()).isEqualTo(node.blockNumber() - 4);
    Set<String> everyone = new LinkedHashSet<>(List.of(a, b, c, d, e));
    everyone.addAll(batch);
    Map<String, BigInteger> ledger = balances(ref);
    int holders = 0;
    for (String holder : everyone) {
      BigInteger onchain = driver.balanceOf(token, holder);
      assertThat(ledger.getOrDefault(holder, BigInteger.ZERO)).as("balance of %s", holder).isEqualTo(onchain);
      holders += onchain.signum() > 0 ? 1 : 0;
    }
    assertThat(holders).isEqualTo(25);
    Row totals = one("""
        SELECT (SELECT count(*) FROM onchain_balances WHERE token = $1 AND balance > 0) AS holders,
               count(*) FILTER (WHERE from_addr <> $2 AND to_addr <> $2) AS transfers,
               sum(value) FILTER (WHERE from_addr <> $2 AND to_addr <> $2)::text AS volume,
               sum(value) FILTER (WHERE from_addr = $2)::text AS minted,
               sum(value) FILTER (WHERE to_addr = $2)::text AS burned
        FROM onchain_transfers WHERE token = $1""", token, EvmAddress.ZERO);
    assertThat(totals.getLong("holders")).isEqualTo(25);
    assertThat(totals.getLong("transfers")).isEqualTo(5);
    assertThat(totals.getString("volume")).isEqualTo(e18(200 + 50 + 25 + 10 + 5).toString());
    assertThat(totals.getString("minted")).isEqualTo(e18(1000 + 500 + 210).toString());
    assertThat(totals.getString("burned")).isEqualTo(e18(100).toString());
    assertThat(one("SELECT onchain_supply::text AS s, integrity FROM onchain_checkpoints WHERE token = $1", token)
        .getString("s")).isEqualTo(driver.totalSupply(token).toString()).isEqualTo(e18(1610).toString());
    assertThat(events.applied).hasSize(6 + 20 + 2);

    // nothing new: a second pass applies nothing and stays clean
    SyncReport again = syncAll(scanner(node.httpUrl(), ref, events, 1_000));
    assertThat(again.applied()).isZero();
    assertThat(again.finding()).isNull();
  }

  @Test
  void aReorgRollsBackTheProvisionalBlocksAndTheLedgerFollowsTheNewChain() throws Exception {
    // reverting moves every account's nonce back: a chain of its own, so the other tests' senders are not affected
    try (AnvilNode node = AnvilNode.start(AnvilNode.Options.defaults().withSlotsInAnEpoch(2));
         ChainDriver driver = new ChainDriver(node)) {
      reorgBySnapshot(node, driver);
    }
  }

  private static void reorgBySnapshot(AnvilNode node, ChainDriver driver) throws Exception {
    String token = driver.deployToken("Reorg", "REORG", 6);
    String a = driver.account(3);
    Random random = new Random(11);
    String x = ChainDriver.randomAddress(random);
    String y = ChainDriver.randomAddress(random);
    driver.mint(token, a, BigInteger.valueOf(100_000_000));
    node.mine(8);
    TokenRef ref = ref(token, 6);
    Recorder events = new Recorder();
    syncAll(scanner(node.httpUrl(), ref, events, 1_000));

    String snapshot = node.snapshot();
    driver.transfer(token, 3, x, BigInteger.valueOf(30_000_000));
    driver.mint(token, a, BigInteger.valueOf(7_000_000));
    SyncReport provisional = syncAll(scanner(node.httpUrl(), ref, events, 1_000));
    assertThat(provisional.applied()).isEqualTo(2);
    assertThat(provisional.finalizedTo()).isLessThan(provisional.scannedTo() - 1);
    assertThat(balances(ref)).containsEntry(x, BigInteger.valueOf(30_000_000));

    node.revert(snapshot);
    driver.resetNonces();
    driver.transfer(token, 3, y, BigInteger.valueOf(11_000_000));
    node.mine(3);
    SyncReport after = syncAll(scanner(node.httpUrl(), ref, events, 1_000));

    assertThat(after.rolledBack()).isEqualTo(2);
    assertThat(events.rolledBack).extracting(Transfer::to).contains(x);
    assertThat(after.finding()).isNull();
    Map<String, BigInteger> ledger = balances(ref);
    assertThat(ledger.getOrDefault(x, BigInteger.ZERO)).isZero();
    assertThat(ledger).containsEntry(y, BigInteger.valueOf(11_000_000)).containsEntry(a, BigInteger.valueOf(89_000_000));
    assertThat(one("SELECT count(*) AS n FROM onchain_transfers WHERE token = $1 AND to_addr = $2", token, x)
        .getLong("n")).isZero();
    assertThat(driver.balanceOf(token, a)).isEqualTo(ledger.get(a));
    // the kept hashes are the new chain's
    Row top = one("SELECT number, hash FROM onchain_blocks WHERE token = $1 ORDER BY number DESC LIMIT 1", token);
    assertThat(top.getString("hash")).isEqualTo(node.blockHash(top.getLong("number")));
  }

  @Test
  void anvilReorgReplacingTheTipTakesItsMintBack() throws Exception {
    try (AnvilNode node = AnvilNode.start(AnvilNode.Options.defaults().withSlotsInAnEpoch(2));
         ChainDriver driver = new ChainDriver(node)) {
      reorgByAnvil(node, driver);
    }
  }

  private static void reorgByAnvil(AnvilNode node, ChainDriver driver) throws Exception {
    String token = driver.deployToken("Tip", "TIP", 18);
    String a = driver.account(4);
    driver.mint(token, a, e18(5));
    node.mine(6);
    TokenRef ref = ref(token, 18);
    Recorder events = new Recorder();
    syncAll(scanner(node.httpUrl(), ref, events, 1_000));
    driver.mint(token, a, e18(3));
    SyncReport before = syncAll(scanner(node.httpUrl(), ref, events, 1_000));
    assertThat(before.applied()).isEqualTo(1);

    node.reorg(2); // the last two blocks (with the second mint) replaced by empty ones
    driver.resetNonces();
    SyncReport after = syncAll(scanner(node.httpUrl(), ref, events, 1_000));

    assertThat(after.rolledBack()).isEqualTo(1);
    assertThat(balances(ref)).containsEntry(a, e18(5));
    assertThat(driver.totalSupply(token)).isEqualTo(e18(5));
    assertThat(after.finding()).isNull();
  }

  @Test
  void refusedWideRangesAreSplitAndTheLedgerIsStillExact() throws Exception {
    String token = driver.deployToken("Split", "SPLIT", 18);
    Random random = new Random(3);
    List<String> to = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      to.add(ChainDriver.randomAddress(random));
      driver.mint(token, to.get(i), e18(i + 1));
      node.mine(2);
    }
    try (LyingRpc proxy = new LyingRpc(node.httpUrl())) {
      proxy.refuseRangesWiderThan(4);
      TokenRef ref = ref(token, 18);
      SyncReport report = syncAll(scanner(proxy.url(), ref, new Recorder(), 10_000));
      assertThat(report.finding()).isNull();
      assertThat(proxy.refused.get()).isPositive();
      Map<String, BigInteger> ledger = balances(ref);
      for (int i = 0; i < to.size(); i++) {
        assertThat(ledger).containsEntry(to.get(i), e18(i + 1));
      }
    }
  }

  @Test
  void aLogFromAnotherContractIsRejectedAndNothingIsApplied() throws Exception {
    String token = driver.deployToken("Lie", "LIE", 18);
    driver.mint(token, driver.account(5), e18(9));
    node.mine(5);
    try (LyingRpc proxy = new LyingRpc(node.httpUrl())) {
      proxy.lie(LyingRpc.Mode.ALTER_ADDRESS);
      TokenRef ref = ref(token, 18);
      Recorder events = new Recorder();
      SyncReport report = scanner(proxy.url(), ref, events, 1_000).sync().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(report.finding()).contains("comes from contract 0x00000000000000000000000000000000deadbeef");
      assertThat(events.findings).hasSize(1);
      Row cp = one("SELECT scanned_to, integrity FROM onchain_checkpoints WHERE token = $1", token);
      assertThat(cp.getLong("scanned_to")).isEqualTo(-1);
      assertThat(cp.getString("integrity")).contains("deadbeef");
      assertThat(balances(ref)).isEmpty();

      proxy.lie(LyingRpc.Mode.HONEST);
      SyncReport honest = syncAll(scanner(proxy.url(), ref, events, 1_000));
      assertThat(honest.finding()).isNull();
      assertThat(balances(ref)).containsEntry(driver.account(5), e18(9));
      assertThat(one("SELECT integrity FROM onchain_checkpoints WHERE token = $1", token).getString("integrity")).isNull();
    }
  }

  @Test
  void aLogWithAnotherBlockHashIsRejected() throws Exception {
    String token = driver.deployToken("Hash", "HASH", 18);
    driver.mint(token, driver.account(6), e18(4));
    node.mine(5);
    try (LyingRpc proxy = new LyingRpc(node.httpUrl())) {
      proxy.lie(LyingRpc.Mode.ALTER_BLOCK_HASH);
      TokenRef ref = ref(token, 18);
      SyncReport report = scanner(proxy.url(), ref, new Recorder(), 1_000).sync().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      assertThat(report.finding()).contains("carries block hash 0xabab");
      assertThat(balances(ref)).isEmpty();
    }
  }

  @Test
  void leftOutMintsShowAsASupplyMismatch() throws Exception {
    String token = driver.deployToken("Drop", "DROP", 18);
    driver.mint(token, driver.account(7), e18(12));
    driver.mint(token, driver.account(8), e18(1));
    node.mine(5);
    try (LyingRpc proxy = new LyingRpc(node.httpUrl())) {
      proxy.lie(LyingRpc.Mode.DROP_MINTS);
      TokenRef ref = ref(token, 18);
      SyncReport report = syncAll(scanner(proxy.url(), ref, new Recorder(), 1_000));
      assertThat(proxy.lies.get()).isEqualTo(2);
      assertThat(report.finding()).contains("left logs out").contains("totalSupply() " + e18(13)).contains("ledger 0");
    }
  }

  @Test
  void anEndpointOfAnotherChainIsShutOutAndTheNextOneServes() throws Exception {
    String token = driver.deployToken("Failover", "FAIL", 18);
    driver.mint(token, driver.account(9), e18(2));
    try (LyingRpc wrong = new LyingRpc(node.httpUrl())) {
      wrong.lie(LyingRpc.Mode.WRONG_CHAIN);
      TokenRef ref = ref(token, 18);
      ChainRpc rpc = new ChainRpc("anvil", node.chainId(), List.of(URI.create(wrong.url()), URI.create(node.httpUrl())),
          Duration.ofSeconds(10));
      SyncReport report = syncAll(new TokenScanner(rpc, ref, new PgScanStore(database.pool()), Finality.parse("finalized", 4),
          new Recorder(), new TokenScanner.Options(1_000, 100_000, 2_000, 50, 20)));
      assertThat(report.finding()).isNull();
      assertThat(balances(ref)).containsEntry(driver.account(9), e18(2));
      assertThat(rpc.endpoints().get(0).shutOut()).contains("reports chain id 1");
      assertThat(rpc.endpoints().get(1).current()).isTrue();
      rpc.close();
    }
  }

  @Test
  void aStartBlockAfterTheFirstMintIsRefusedWithItsReason() throws Exception {
    String token = driver.deployToken("Late", "LATE", 18);
    driver.mint(token, driver.account(5), e18(1));
    node.mine(2);
    TokenRef late = new TokenRef("anvil-late", 31337, "PAXG", token, 18, node.blockNumber());
    TokenScanner s = new TokenScanner(new ChainRpc(late.chain(), late.chainId(), List.of(URI.create(node.httpUrl())),
        Duration.ofSeconds(10)), late, new PgScanStore(database.pool()), Finality.parse("finalized", 4), new Recorder(),
        new TokenScanner.Options(1_000, 100_000, 2_000, 50, 20));
    assertThat(s.sync().toCompletableFuture().handle((r, e) -> e).get(30, TimeUnit.SECONDS))
        .hasMessageContaining("is after the token's first mint").hasMessageContaining("whole history");
  }

  // ------------------------------------------------------------------------------------------------------------

  static final class Recorder implements ScanListener {
    final List<Transfer> applied = new CopyOnWriteArrayList<>();
    final List<Transfer> rolledBack = new CopyOnWriteArrayList<>();
    final List<String> findings = new CopyOnWriteArrayList<>();

    @Override
    public void applied(TokenRef token, List<Transfer> transfers, long finalizedTo) {
      applied.addAll(transfers);
    }

    @Override
    public void rolledBack(TokenRef token, long keptUpTo, List<Transfer> removed) {
      rolledBack.addAll(removed);
    }

    @Override
    public void integrity(TokenRef token, String finding) {
      if (finding != null) {
        findings.add(finding);
      }
    }
  }

  private static TokenRef ref(String token, int decimals) {
    return new TokenRef("anvil-" + (++tokens), 31337, "PAXG", token, decimals, 0);
  }

  private static TokenScanner scanner(String url, TokenRef ref, ScanListener listener, int range) {
    ChainRpc rpc = new ChainRpc(ref.chain(), ref.chainId(), List.of(URI.create(url)), Duration.ofSeconds(10));
    return new TokenScanner(rpc, ref, new PgScanStore(database.pool()), Finality.parse("finalized", 4), listener,
        new TokenScanner.Options(range, 100_000, 2_000, 50, 20));
  }

  /** Passes until the scanner reached the head (or reported a finding); the totals of all passes. */
  static SyncReport syncAll(TokenScanner scanner) throws Exception {
    int applied = 0;
    int rolledBack = 0;
    for (int i = 0; i < 1_000; i++) {
      SyncReport r = scanner.sync().toCompletableFuture().get(60, TimeUnit.SECONDS);
      applied += r.applied();
      rolledBack += r.rolledBack();
      if (r.caughtUp() || r.finding() != null) {
        return new SyncReport(r.head(), r.scannedTo(), r.finalizedTo(), applied, rolledBack, r.ranges(), r.splits(),
            r.caughtUp(), r.finding());
      }
    }
    throw new AssertionError("the scanner never caught up");
  }

  private static Map<String, BigInteger> balances(TokenRef ref) throws Exception {
    Map<String, BigInteger> out = new HashMap<>();
    for (Row r : database.pool().preparedQuery("SELECT holder, balance::text AS b FROM onchain_balances WHERE chain = $1 "
        + "AND token = $2 AND balance > 0").execute(Tuple.of(ref.chain(), ref.address())).await(10, TimeUnit.SECONDS)) {
      out.put(r.getString("holder"), new BigInteger(r.getString("b")));
    }
    return out;
  }

  private static Row one(String sql, Object... params) throws Exception {
    return database.pool().preparedQuery(sql).execute(Tuple.from(params)).await(10, TimeUnit.SECONDS).iterator().next();
  }

  static BigInteger e18(long units) {
    return BigInteger.valueOf(units).multiply(E18);
  }
}
