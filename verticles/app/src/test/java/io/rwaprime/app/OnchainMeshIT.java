package io.rwaprime.app;

import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The on-chain path through the REST API of a mesh (api + onchain roles, a real PostgreSQL, anvil): the asset's
 * on-chain view, and wallet sync filling a user's portfolio, with its bad inputs as problem+json.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnchainMeshIT {

  private static final BigInteger E18 = BigInteger.TEN.pow(18);
  private static MeshLauncher launcher;
  private static AlertsMesh mesh;
  private static AnvilNode node;
  private static ChainDriver driver;
  private static String token;
  private static int port;

  @BeforeAll
  static void start(PostgresServer pg) throws Exception {
    node = AnvilNode.start(AnvilNode.Options.defaults().withSlotsInAnEpoch(2));
    driver = new ChainDriver(node);
    token = driver.deployToken("Test PAX Gold", "PAXG", 18);
    driver.mint(token, driver.account(1), e18(10));
    driver.mint(token, driver.account(2), e18(5));
    driver.transfer(token, 1, ChainDriver.randomAddress(new Random(9)), e18(3));
    // 12 sorts before 7 as text, after it as a number: the top holders must be ranked by amount
    driver.mint(token, driver.account(3), e18(12));
    node.mine(6);

    String db = pg.createDatabase("onchainmesh");
    port = FreePorts.find();
    Map<String, String> env = new HashMap<>();
    env.put("RWA_DATABASE_URL", "postgresql://" + pg.host() + ":" + pg.port() + "/" + db);
    env.put("RWA_DATABASE_USER", pg.user());
    env.put("RWA_DATABASE_PASSWORD", pg.password());
    env.put("RWA_HTTP_PORT", Integer.toString(port));
    env.put("RWA_HTTP_HOST", "127.0.0.1");
    env.put("RWA_SIMULATOR_ENABLED", "false");
    env.put("RWA_API_AUTH_KEYS_DIR", Files.createTempDirectory("rwa-keys").toString());
    // a list of maps travels in the environment as JSON (as a Kubernetes Secret would carry it)
    env.put("RWA_ONCHAIN_CHAINS", new JsonArray().add(new JsonObject().put("name", "anvil")
        .put("chain-id", node.chainId()).put("rpc", new JsonArray().add(node.httpUrl()))
        .put("ws", new JsonArray().add(node.wsUrl())).put("poll-interval", "PT1S")
        .put("tokens", new JsonArray().add(new JsonObject().put("symbol", "PAXG").put("address", token)))).encode());
    Vertx loader = Vertx.vertx();
    RwaConfig cfg;
    try {
      cfg = ConfigLoader.load(loader, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of()))
          .await(20, TimeUnit.SECONDS);
    } finally {
      loader.close().await();
    }
    launcher = new MeshLauncher(cfg, List.of(Roles.get("api"), Roles.get("onchain")));
    launcher.startServing().await(2, TimeUnit.MINUTES);
    mesh = new AlertsMesh(launcher, "http://127.0.0.1:" + port);
  }

  @AfterAll
  static void stop() throws Exception {
    if (launcher != null) {
      launcher.shutdown().await(1, TimeUnit.MINUTES);
    }
    driver.close();
    node.close();
  }

  @Test
  @Order(1)
  void theAssetsOnchainViewShowsTheLedger() throws Exception {
    AlertsMesh.await("the scanner reached the head", 60, () -> {
      JsonObject view = new JsonObject(mesh.call("GET", "/api/v1/assets/PAXG/onchain", null, null, 200).body());
      return view.getBoolean("tracked") && view.getJsonArray("tokens").getJsonObject(0).getLong("scanned_to")
          >= node.blockNumber() && Boolean.TRUE.equals(view.getJsonArray("tokens").getJsonObject(0)
          .getBoolean("supply_matches"));
    });
    JsonObject view = new JsonObject(mesh.call("GET", "/api/v1/assets/PAXG/onchain", null, null, 200).body());
    JsonObject t = view.getJsonArray("tokens").getJsonObject(0);
    assertThat(t.getString("chain")).isEqualTo("anvil");
    assertThat(t.getString("token_address")).isEqualTo(token);
    assertThat(t.getLong("holders")).isEqualTo(4);
    assertThat(t.getString("ledger_supply")).isEqualTo("27");
    assertThat(t.getString("onchain_supply")).isEqualTo("27");
    assertThat(t.getJsonObject("totals").getLong("transfer_count")).isEqualTo(1);
    assertThat(t.getJsonObject("totals").getString("transfer_volume")).isEqualTo("3");
    assertThat(t.getJsonObject("totals").getString("minted")).isEqualTo("27");
    assertThat(t.getJsonObject("totals").getLong("mint_count")).isEqualTo(3);
    assertThat(t.getJsonObject("integrity").getBoolean("ok")).isTrue();
    assertThat(t.getLong("finalized_to")).isLessThan(t.getLong("scanned_to"));
    assertThat(t.getJsonArray("top_holders").stream().map(h -> ((JsonObject) h).getString("balance")).toList())
        .containsExactly("12", "7", "5", "3");
    assertThat(t.getJsonArray("top_holders").getJsonObject(0).getString("address")).isEqualTo(driver.account(3));
    assertThat(t.getDouble("top10_share")).isEqualTo(1.0);
    assertThat(view.getJsonArray("events")).extracting(e -> ((JsonObject) e).getString("kind")).contains("mint");
    assertThat(view.getJsonArray("series")).isNotEmpty();
    assertThat(view.getJsonArray("series").getJsonObject(view.getJsonArray("series").size() - 1)
        .getLong("holder_count")).isEqualTo(4);

    JsonObject untracked = new JsonObject(mesh.call("GET", "/api/v1/assets/BUIDL/onchain", null, null, 200).body());
    assertThat(untracked.getBoolean("tracked")).isFalse();
    assertThat(untracked.getJsonArray("tokens")).isEmpty();
    HttpResponse<String> unknown = mesh.call("GET", "/api/v1/assets/NOPE/onchain", null, null, 404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    mesh.call("GET", "/api/v1/assets/PAXG/onchain?days=0", null, null, 400);
  }

  @Test
  @Order(2)
  void walletSyncFillsThePortfolioAndCountsNewTransactions() throws Exception {
    AlertsMesh.await("the scanner reached the head", 60, () -> new JsonObject(mesh.call("GET",
        "/api/v1/assets/PAXG/onchain", null, null, 200).body()).getJsonArray("tokens").getJsonObject(0)
        .getLong("scanned_to") >= node.blockNumber());
    String user = register();
    String wallet = driver.account(1);
    JsonObject first = new JsonObject(mesh.call("POST", "/api/v1/portfolio/sync-wallet", user,
        new JsonObject().put("address", wallet).put("chain", "anvil"), 200).body());
    assertThat(first.getInteger("synced_assets")).isEqualTo(1);
    assertThat(first.getInteger("new_transactions")).isEqualTo(2);
    JsonObject portfolio = new JsonObject(mesh.call("GET", "/api/v1/portfolio", user, null, 200).body());
    JsonObject holding = portfolio.getJsonArray("holdings").getJsonObject(0);
    assertThat(holding.getString("symbol")).isEqualTo("PAXG");
    assertThat(holding.getString("quantity")).isEqualTo("7");
    assertThat(holding.getString("wallet_address")).isEqualTo(wallet);
    assertThat(holding.getString("chain")).isEqualTo("anvil");

    // the seed's field names; nothing new since the first sync
    JsonObject again = new JsonObject(mesh.call("POST", "/api/v1/portfolio/sync-wallet", user,
        new JsonObject().put("wallet_address", wallet.toUpperCase().replace("0X", "0x")).put("blockchain", "ANVIL"),
        200).body());
    assertThat(again.getInteger("new_transactions")).isZero();

    driver.transfer(token, 1, driver.account(2), e18(4));
    long head = node.blockNumber();
    AlertsMesh.await("the transfer is scanned", 60, () -> new JsonObject(mesh.call("GET",
        "/api/v1/assets/PAXG/onchain", null, null, 200).body()).getJsonArray("tokens").getJsonObject(0)
        .getLong("scanned_to") >= head);
    JsonObject third = new JsonObject(mesh.call("POST", "/api/v1/portfolio/sync-wallet", user,
        new JsonObject().put("address", wallet).put("chain", "anvil"), 200).body());
    assertThat(third.getInteger("new_transactions")).isEqualTo(1);
    assertThat(third.getJsonArray("holdings").getJsonObject(0).getString("quantity")).isEqualTo("3");
    assertThat(new JsonObject(mesh.call("GET", "/api/v1/portfolio", user, null, 200).body())
        .getJsonArray("holdings")).hasSize(1);

    // bad input: one clear problem each
    problem(user, new JsonObject().put("chain", "anvil"), 400, "missing-field");
    problem(user, new JsonObject().put("address", "0x1234").put("chain", "anvil"), 400, "invalid-address");
    problem(user, new JsonObject().put("address", wallet).put("chain", "solana"), 422, "chain-not-scanned");
    problem(user, new JsonObject().put("address", wallet).put("chain", "anvil").put("x", 1), 400, "unknown-field");
    problem(user, new JsonObject().put("address", wallet), 400, "missing-field");
    problem(user, new JsonObject().put("address", wallet).put("wallet_address", wallet).put("chain", "anvil"), 400,
        "invalid-field");
    mesh.call("POST", "/api/v1/portfolio/sync-wallet", null, new JsonObject().put("address", wallet)
        .put("chain", "anvil"), 401);
    HttpResponse<String> text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/api/v1/portfolio/sync-wallet")).header("Authorization", "Bearer " + user)
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("0xabc")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(text.statusCode()).isEqualTo(415);
  }

  private static void problem(String user, JsonObject body, int status, String code) throws Exception {
    HttpResponse<String> r = mesh.call("POST", "/api/v1/portfolio/sync-wallet", user, body, status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.body()).contains(code);
  }

  private static String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  private static String register() throws Exception {
    JsonObject t = new JsonObject(mesh.call("POST", "/api/v1/auth/register", null, new JsonObject()
        .put("email", "wallet-" + UUID.randomUUID() + "@onchain.example.org").put("password", "wallet test passphrase"),
        201).body());
    return t.getString("access_token");
  }

  private static BigInteger e18(long units) {
    return BigInteger.valueOf(units).multiply(E18);
  }
}
