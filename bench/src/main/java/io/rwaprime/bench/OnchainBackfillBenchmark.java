package io.rwaprime.bench;

import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.storage.Database;
import io.rwaprime.ingestion.onchain.PgScanStore;
import io.rwaprime.testkit.AnvilNode;
import io.rwaprime.testkit.ChainDriver;
import io.rwaprime.testkit.PostgresServer;
import io.rwaprime.web3.ChainRpc;
import io.rwaprime.web3.Erc20;
import io.rwaprime.web3.Finality;
import io.rwaprime.web3.ScanListener;
import io.rwaprime.web3.SyncReport;
import io.rwaprime.web3.TokenRef;
import io.rwaprime.web3.TokenScanner;
import io.rwaprime.web3.Transfer;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.web3j.protocol.core.methods.response.Log;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Backfill of an ERC-20 with {@code transfers} Transfer logs on a real anvil into the PostgreSQL holder ledger
 * (issue 9). Per trial, on a fresh database: the raw {@code eth_getLogs} fetch of the whole range (web3j, no
 * decoding into transfers, nothing stored: the floor), the decoding of those logs, and the scanner from block 0
 * to a checked ledger (every recipient's balance and the holder count equal the chain's, supply equals
 * {@code totalSupply()}). Prints transfers/s of each and the ratio scanner / raw fetch.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.rwaprime.bench.OnchainBackfillBenchmark [transfers] [trials]}
 */
public final class OnchainBackfillBenchmark {

  private OnchainBackfillBenchmark() {}

  public static void main(String[] args) throws Exception {
    int transfers = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    PostgresServer pg = PostgresServer.instance();
    Vertx vertx = Vertx.vertx();
    try (AnvilNode node = AnvilNode.start(); ChainDriver driver = new ChainDriver(node)) {
      String token = driver.deployToken("Bench Gold", "BGLD", 18);
      ChainDriver.LoadedTransfers loaded = driver.loadTransfers(token, transfers, 500, new Random(42));
      node.mine(20);
      long head = node.blockNumber();
      System.out.printf("loaded %,d transfers in %d transactions over %d blocks in %.1f s; head %d%n",
          loaded.transfers(), loaded.transactions(), loaded.blocks().size(), loaded.took().toMillis() / 1000.0, head);
      TokenRef probe = new TokenRef("anvil", node.chainId(), "PAXG", token, 18, 0);
      System.out.println("| trial | raw eth_getLogs (logs/s) | decode (logs/s) | scanner to a checked ledger (transfers/s) "
          + "| time to ledger (s) | scanner / raw | ranges | holders |");
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (int trial = 1; trial <= trials; trial++) {
        try (ChainRpc rpc = new ChainRpc("anvil", node.chainId(), List.of(URI.create(node.httpUrl())),
            Duration.ofMinutes(2))) {
          long t0 = System.nanoTime();
          List<Log> logs = rpc.logs(token, Erc20.TRANSFER_TOPIC, 0, head).toCompletableFuture().get(5, TimeUnit.MINUTES);
          double rawSeconds = (System.nanoTime() - t0) / 1e9;
          long t1 = System.nanoTime();
          List<Transfer> decoded = new ArrayList<>(logs.size());
          for (Log log : logs) {
            decoded.add(Erc20.decode(log, probe, 0, head));
          }
          double decodeSeconds = (System.nanoTime() - t1) / 1e9;

          String db = pg.createDatabase("onchainbench");
          Database database = Database.open(vertx, new RwaConfig.Database(Optional.of(URI.create("postgresql://"
                  + pg.host() + ":" + pg.port() + "/" + db)), pg.user(), pg.password(), 4, Path.of("unused"), 0, "unused"),
              AssetCatalogue.load()).await(2, TimeUnit.MINUTES);
          TokenRef ref = new TokenRef("anvil", node.chainId(), "PAXG", token, 18, 0);
          TokenScanner scanner = new TokenScanner(rpc, ref, new PgScanStore(database.pool()), Finality.parse("finalized", 64),
              new ScanListener() {}, new TokenScanner.Options(2_000, 100_000, 10_000, 1_000, 20));
          long t2 = System.nanoTime();
          SyncReport report;
          int ranges = 0;
          do {
            report = scanner.sync().toCompletableFuture().get(10, TimeUnit.MINUTES);
            ranges += report.ranges();
          } while (!report.caughtUp() && report.finding() == null);
          double scanSeconds = (System.nanoTime() - t2) / 1e9;
          long holders = check(database, ref, driver, loaded, report);
          System.out.printf("| %d | %,.0f | %,.0f | %,.0f | %.2f | %.2f× | %d | %,d |%n", trial, logs.size() / rawSeconds,
              decoded.size() / decodeSeconds, logs.size() / scanSeconds, scanSeconds, rawSeconds / scanSeconds, ranges,
              holders);
          database.close().await(1, TimeUnit.MINUTES);
        }
      }
    } finally {
      vertx.close().await(1, TimeUnit.MINUTES);
    }
  }

  /** The ledger is correct: clean cross-check, every recipient's balance and the holder count as on the chain. */
  private static long check(Database database, TokenRef ref, ChainDriver driver, ChainDriver.LoadedTransfers loaded,
                            SyncReport report) throws Exception {
    if (report.finding() != null) {
      throw new IllegalStateException("integrity finding: " + report.finding());
    }
    Map<String, BigInteger> ledger = new HashMap<>();
    for (Row r : database.pool().preparedQuery("SELECT holder, balance::text AS b FROM onchain_balances WHERE token = $1 "
        + "AND balance > 0").execute(Tuple.of(ref.address())).await(1, TimeUnit.MINUTES)) {
      ledger.put(r.getString("holder"), new BigInteger(r.getString("b")));
    }
    for (Map.Entry<String, BigInteger> e : loaded.received().entrySet()) {
      if (!e.getValue().equals(ledger.get(e.getKey()))) {
        throw new IllegalStateException("ledger balance of " + e.getKey() + " is " + ledger.get(e.getKey()) + ", expected "
            + e.getValue());
      }
    }
    BigInteger sum = ledger.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    if (!sum.equals(driver.totalSupply(ref.address()))) {
      throw new IllegalStateException("ledger supply " + sum + " != totalSupply() " + driver.totalSupply(ref.address()));
    }
    return ledger.size();
  }
}
