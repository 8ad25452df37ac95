package io.rwaprime.app;

import io.rwaprime.api.auth.AuthModule;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.storage.Database;
import io.rwaprime.testkit.AnvilNode;
import io.rwaprime.testkit.ChainDriver;
import io.rwaprime.testkit.FreePorts;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard end to end, in a real browser: the whole mesh (every role, the simulator with four days of history,
 * a real PostgreSQL) serves the built {@code frontend/} on a free port, and {@code frontend/e2e/} (node:test +
 * playwright-core) drives Debian's Chromium against it — live chart, TOTP login, private messages, origins,
 * every view. Screenshots and timings land in {@code verticles/app/target/e2e/}.
 *
 * <p>Needs {@code node} and {@code chromium} on the machine ({@code ./rwa test} installs Chromium when it is missing;
 * {@code RWA_CHROMIUM} names another binary) and {@code frontend/node_modules} (the frontend module's build).
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DashboardE2EIT {

  private static final String ADMIN_EMAIL = "admin@e2e.example.org";
  private static final String ADMIN_PASSWORD = "dashboard admin passphrase";

  private static MeshLauncher launcher;
  private static int port;
  private static Path frontend;
  private static AnvilNode chain;
  private static ChainDriver driver;
  private static String paxg;
  private static Thread activity;
  private static volatile boolean stopping;

  @BeforeAll
  static void start(PostgresServer pg) throws Exception {
    frontend = Path.of("..", "..", "frontend").toAbsolutePath().normalize();
    assertThat(frontend.resolve("node_modules/playwright-core")).as("frontend/node_modules: build the frontend module first")
        .isDirectory();
    // a real chain with the asset's token: the On-chain tab and wallet sync run against it
    chain = AnvilNode.start(AnvilNode.Options.defaults().withSlotsInAnEpoch(2));
    driver = new ChainDriver(chain);
    paxg = driver.deployToken("Test PAX Gold", "PAXG", 18);
    driver.mint(paxg, driver.account(1), BigInteger.TEN.pow(20));
    driver.mint(paxg, driver.account(2), BigInteger.TEN.pow(19));
    chain.mine(6);
    String db = pg.createDatabase("dashboard");
    port = FreePorts.find();
    Map<String, String> env = new HashMap<>();
    env.put("RWA_DATABASE_URL", "postgresql://" + pg.host() + ":" + pg.port() + "/" + db);
    env.put("RWA_DATABASE_USER", pg.user());
    env.put("RWA_DATABASE_PASSWORD", pg.password());
    env.put("RWA_HTTP_PORT", Integer.toString(port));
    env.put("RWA_HTTP_HOST", "127.0.0.1");
    env.put("RWA_SIMULATOR_HISTORY_DAYS", "4"); // 72+ hourly bars: every asset gets a forecast
    env.put("RWA_SIMULATOR_TICKS_PER_SECOND", "60");
    // every request of the browsers and of the test comes from 127.0.0.1: the per-IP budget of anonymous callers
    // (AccessIT covers it) must not throttle the dashboard's tests
    env.put("RWA_API_RATE_LIMITS_ANONYMOUS", "0");
    env.put("RWA_INGESTION_BRONZE_DIR", Files.createTempDirectory("rwa-bronze").toString());
    env.put("RWA_API_AUTH_KEYS_DIR", Files.createTempDirectory("rwa-keys").toString());
    env.put("RWA_ONCHAIN_CHAINS", new JsonArray().add(new JsonObject().put("name", "anvil")
        .put("chain-id", chain.chainId()).put("rpc", new JsonArray().add(chain.httpUrl()))
        .put("ws", new JsonArray().add(chain.wsUrl())).put("poll-interval", "PT2S")
        .put("tokens", new JsonArray().add(new JsonObject().put("symbol", "PAXG").put("address", paxg)
            .put("whale-threshold", "10")))).encode());
    Vertx loader = Vertx.vertx();
    RwaConfig cfg;
    try {
      cfg = ConfigLoader.load(loader, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of())).await(20, TimeUnit.SECONDS);
      Database database = Database.open(loader, cfg.database(), AssetCatalogue.load()).await(2, TimeUnit.MINUTES);
      try {
        AuthModule.createAdmin(loader, database.pool(), cfg.api(), ADMIN_EMAIL, ADMIN_PASSWORD).await(1, TimeUnit.MINUTES);
      } finally {
        database.close().await(1, TimeUnit.MINUTES);
      }
    } finally {
      loader.close().await();
    }
    launcher = new MeshLauncher(cfg, Roles.resolve(List.of("all")).stream().map(Roles::get).toList());
    launcher.startServing().await(3, TimeUnit.MINUTES);
    // on-chain activity while the browser watches: a mint and a whale transfer every ~1.5 s
    activity = Thread.ofPlatform().daemon().name("onchain-activity").start(() -> {
      java.util.Random random = new java.util.Random(1);
      BigInteger twelve = BigInteger.valueOf(12).multiply(BigInteger.TEN.pow(18));
      BigInteger eleven = BigInteger.valueOf(11).multiply(BigInteger.TEN.pow(18));
      while (!stopping) {
        try {
          driver.mint(paxg, driver.account(2), twelve);
          driver.transfer(paxg, 2, ChainDriver.randomAddress(random), eleven);
          Thread.sleep(1_500);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          if (!stopping) {
            System.err.println("on-chain activity: " + e);
          }
        }
      }
    });
  }

  @AfterAll
  static void stop() throws Exception {
    stopping = true;
    if (activity != null) {
      activity.interrupt();
      activity.join(10_000);
    }
    if (launcher != null) {
      launcher.shutdown().await(1, TimeUnit.MINUTES);
    }
    if (driver != null) {
      driver.close();
    }
    if (chain != null) {
      chain.close();
    }
  }

  @Test
  @DisplayName("the dashboard works end to end in Chromium (frontend/e2e)")
  void dashboardInChromium() throws Exception {
    String chromium = Optional.ofNullable(System.getenv("RWA_CHROMIUM")).orElse("/usr/bin/chromium");
    assertThat(Path.of(chromium)).as("Chromium (./rwa test installs Debian's chromium package)").isExecutable();
    Path artifacts = Path.of("target", "e2e").toAbsolutePath();
    Files.createDirectories(artifacts);
    Path log = artifacts.resolve("node-test.log");
    ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=spec", "e2e/dashboard.e2e.mjs")
        .directory(frontend.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("RWA_BASE_URL", "http://127.0.0.1:" + port);
    pb.environment().put("RWA_CHROMIUM", chromium);
    pb.environment().put("RWA_E2E_ARTIFACTS", artifacts.toString());
    pb.environment().put("RWA_E2E_ADMIN_EMAIL", ADMIN_EMAIL);
    pb.environment().put("RWA_E2E_ADMIN_PASSWORD", ADMIN_PASSWORD);
    pb.environment().put("RWA_E2E_WALLET", driver.account(1));
    pb.environment().put("RWA_E2E_CHAIN", "anvil");
    Process node = pb.start();
    boolean finished = node.waitFor(6, TimeUnit.MINUTES);
    if (!finished) {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly();
    }
    String output = read(log);
    System.out.println(output);
    assertThat(finished).as("the browser tests finished within 6 minutes").isTrue();
    assertThat(node.exitValue()).as("node --test e2e/ passed; its report:%n%s", output).isZero();
    assertThat(output).containsPattern("ℹ pass [1-9]").contains("ℹ fail 0");
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
  }
}
