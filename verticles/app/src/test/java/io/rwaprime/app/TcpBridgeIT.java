package io.rwaprime.app;

import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.testkit.FreePorts;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

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
 * The TCP event-bus bridge with its Node.js client ({@code clients/node/rwa-bridge.mjs}) against a running mesh: the
 * client receives live ticks as JSON, and a user-private address is refused.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TcpBridgeIT {

  private static MeshLauncher launcher;
  private static int bridgePort;

  @BeforeAll
  static void start(PostgresServer pg) throws Exception {
    String db = pg.createDatabase("tcpbridge");
    bridgePort = FreePorts.find();
    Map<String, String> env = new HashMap<>();
    env.put("RWA_DATABASE_URL", "postgresql://" + pg.host() + ":" + pg.port() + "/" + db);
    env.put("RWA_DATABASE_USER", pg.user());
    env.put("RWA_DATABASE_PASSWORD", pg.password());
    env.put("RWA_HTTP_PORT", Integer.toString(FreePorts.find()));
    env.put("RWA_HTTP_HOST", "127.0.0.1");
    env.put("RWA_SIMULATOR_TICKS_PER_SECOND", "60");
    env.put("RWA_FANOUT_TCP_BRIDGE_PORT", Integer.toString(bridgePort));
    env.put("RWA_INGESTION_BRONZE_DIR", Files.createTempDirectory("rwa-bronze").toString());
    env.put("RWA_API_AUTH_KEYS_DIR", Files.createTempDirectory("rwa-keys").toString());
    Vertx loader = Vertx.vertx();
    RwaConfig cfg;
    try {
      cfg = ConfigLoader.load(loader, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of())).await(20, TimeUnit.SECONDS);
    } finally {
      loader.close().await();
    }
    launcher = new MeshLauncher(cfg, List.of(Roles.get("cleansing"), Roles.get("fanout"), Roles.get("ingestion")));
    launcher.startServing().await(2, TimeUnit.MINUTES);
  }

  @AfterAll
  static void stop() throws Exception {
    if (launcher != null) {
      launcher.shutdown().await(1, TimeUnit.MINUTES);
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run node(String... args) throws Exception {
    Path script = Path.of("..", "..", "clients", "node", "rwa-bridge.mjs").toAbsolutePath().normalize();
    List<String> cmd = new java.util.ArrayList<>(List.of("node", script.toString(), "--port", Integer.toString(bridgePort)));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the client finished").isTrue();
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void theNodeClientReceivesLiveTicksAsJson() throws Exception {
    Run r = node("--address", "rwa.ticks.PAXG", "--address", "rwa.ticks.XAUT", "--count", "3", "--timeout", "60");
    assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    for (String line : lines) {
      JsonObject m = new JsonObject(line);
      assertThat(m.getString("address")).isIn("rwa.ticks.PAXG", "rwa.ticks.XAUT");
      JsonObject tick = m.getJsonObject("body");
      assertThat(tick.getString("symbol")).isIn("PAXG", "XAUT");
      assertThat(new java.math.BigDecimal(tick.getString("price"))).isPositive();
      assertThat(tick.getString("event_time")).as(line).isNotBlank();
    }
  }

  @Test
  void aPrivateAddressIsRefused() throws Exception {
    Run r = node("--address", "rwa.alerts.user.00000000-0000-0000-0000-000000000001", "--timeout", "20");
    assertThat(r.exit()).as("stdout: %s, stderr: %s", r.out(), r.err()).isEqualTo(2);
    assertThat(r.err()).contains("refused");
    assertThat(r.out()).isEmpty();
  }
}
