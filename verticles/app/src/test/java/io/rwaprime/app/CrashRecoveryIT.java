package io.rwaprime.app;

import io.rwaprime.testkit.FreePorts;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the whole embedded mesh in the middle of the simulator's stream: after a restart, every
 * 1-minute bar up to and including the one the crash cut through holds exactly the ticks that were
 * stored — nothing the process had accepted and stored is missing from the bars.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryIT {

  private static final Path JAR = Path.of("target", "rwa-prime.jar");
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> processes = new ArrayList<>();

  @TempDir
  Path tmp;

  @AfterEach
  void stopAll() {
    processes.forEach(Process::destroyForcibly);
  }

  private Process launch(PostgresServer pg, String db, int port, Path log) throws Exception {
    return launch(pg, db, port, log, java.util.Map.of());
  }

  private Process launch(PostgresServer pg, String db, int port, Path log, java.util.Map<String, String> extra)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar", JAR.toString(), "run",
        "--profile=test", "--http-port=" + port)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("RWA_"));
    pb.environment().put("RWA_DATABASE_URL", "postgresql://" + pg.host() + ":" + pg.port() + "/" + db);
    pb.environment().put("RWA_DATABASE_USER", pg.user());
    pb.environment().put("RWA_DATABASE_PASSWORD", pg.password());
    pb.environment().put("RWA_SIMULATOR_TICKS_PER_SECOND", "150");
    pb.environment().put("RWA_INGESTION_BRONZE_DIR", tmp.resolve("bronze").toString());
    pb.environment().put("RWA_LOGGING_LEVEL", "INFO");
    pb.environment().put("RWA_API_AUTH_KEYS_DIR", tmp.resolve("keys").toString());
    pb.environment().putAll(extra);
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private boolean ready(int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static void waitFor(String what, Duration timeout, Path log, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        String text = Files.readString(log);
        throw new AssertionError("timed out waiting for " + what + "\n" + text.substring(Math.max(0, text.length() - 3000)));
      }
      Thread.sleep(250);
    }
  }

  private static String rows(PostgresServer pg, String db, String sql, Instant... params) {
    StringBuilder out = new StringBuilder();
    try (Connection c = pg.connect(db); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, OffsetDateTime.ofInstant(params[i], ZoneOffset.UTC));
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.append(rs.getString(1)).append("; ");
        }
      }
    } catch (Exception e) {
      out.append(e.getMessage());
    }
    return out.toString();
  }

  private static long count(PostgresServer pg, String db, String sql, Instant... params) {
    try (Connection c = pg.connect(db); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, OffsetDateTime.ofInstant(params[i], ZoneOffset.UTC));
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  @DisplayName("after kill -9 and restart, the minute bars hold exactly the stored ticks, the cut minute included")
  void barsAreCompleteAfterKillMinusNine(PostgresServer pg) throws Exception {
    assertThat(JAR).exists();
    String db = pg.createDatabase("crash");
    int port = FreePorts.find();
    Path log = tmp.resolve("mesh.log");
    Process first = launch(pg, db, port, log);
    waitFor("ready", Duration.ofSeconds(90), log, () -> ready(port));
    waitFor("first closed minute bars", Duration.ofSeconds(90), log,
        () -> count(pg, db, "SELECT count(*) FROM bars_1m") > 0);
    // crash well inside a minute, so that the cut bar is still open when the process is back
    waitFor("a moment early in a minute", Duration.ofSeconds(70), log, () -> {
      int second = OffsetDateTime.now(ZoneOffset.UTC).getSecond();
      return second >= 10 && second <= 30;
    });
    Instant crash = Instant.now();
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Instant cutMinute = crash.truncatedTo(ChronoUnit.MINUTES);
    assertThat(count(pg, db, "SELECT count(*) FROM ticks WHERE event_time >= ?", cutMinute))
        .as("ticks of the cut minute stored before the crash").isPositive();

    launch(pg, db, port, log);
    waitFor("ready again", Duration.ofSeconds(90), log, () -> ready(port));
    Instant settled = cutMinute.plusSeconds(60 + 2 + 3);
    waitFor("the cut minute to close", Duration.ofSeconds(120), log, () -> Instant.now().isAfter(settled)
        && count(pg, db, "SELECT count(*) FROM bars_1m WHERE open_time = ?", cutMinute) > 0);

    Instant end = cutMinute.plusSeconds(60);
    long mismatched = count(pg, db, """
        SELECT count(*) FROM (
          SELECT symbol, date_trunc('minute', event_time) AS m, count(*) AS n FROM ticks
          WHERE event_time < ? GROUP BY 1, 2) t
        FULL JOIN (SELECT symbol, open_time AS m, tick_count AS n FROM bars_1m WHERE open_time < ?) b
          ON b.symbol = t.symbol AND b.m = t.m
        WHERE t.n IS DISTINCT FROM b.n""", end, end);
    assertThat(mismatched).as("minute bars that disagree with the stored ticks: %s", rows(pg, db, """
        SELECT coalesce(t.symbol, b.symbol) || ' ' || coalesce(t.m, b.m) || ' ticks=' || coalesce(t.n, -1)
               || ' bar=' || coalesce(b.n, -1) FROM (
          SELECT symbol, date_trunc('minute', event_time) AS m, count(*) AS n FROM ticks
          WHERE event_time < ? GROUP BY 1, 2) t
        FULL JOIN (SELECT symbol, open_time AS m, tick_count AS n FROM bars_1m WHERE open_time < ?) b
          ON b.symbol = t.symbol AND b.m = t.m
        WHERE t.n IS DISTINCT FROM b.n LIMIT 20""", end, end) + " (crash at " + crash + ")").isZero();
    assertThat(Files.readString(log)).contains("open bars rebuilt from stored ticks");
  }

  @Test
  @DisplayName("ticks acknowledged (202) but not yet stored when the process is killed are stored after the restart")
  void acknowledgedTicksSurviveKillMinusNine(PostgresServer pg) throws Exception {
    assertThat(JAR).exists();
    String db = pg.createDatabase("crash_push");
    int port = FreePorts.find();
    Path log = tmp.resolve("push.log");
    java.util.Map<String, String> env = java.util.Map.of("RWA_SIMULATOR_ENABLED", "false",
        "RWA_INGESTION_PUSH_KEYS", "acme:push-key-for-the-crash-test");
    Process first = launch(pg, db, port, log, env);
    waitFor("ready", Duration.ofSeconds(90), log, () -> ready(port));

    // hold the tick table so that nothing accepted can be stored before the crash
    try (Connection lock = pg.connect(db); Statement s = lock.createStatement()) {
      lock.setAutoCommit(false);
      s.execute("LOCK TABLE ticks IN ACCESS EXCLUSIVE MODE");
      Instant t0 = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < 200; i++) {
        body.append(i == 0 ? "" : ",").append("{\"symbol\":\"BUIDL\",\"price\":\"").append(i % 2 == 0 ? "1.00" : "1.01")
            .append("\",\"volume\":\"10\",\"ts\":\"").append(t0.plusMillis(50L * i)).append("\",\"seq\":").append(i + 1).append('}');
      }
      HttpResponse<String> pushed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ingest/ticks"))
          .header("Content-Type", "application/json").header("X-Ingest-Key", "push-key-for-the-crash-test")
          .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      // the killed process's INSERTs may still be queued behind the lock in the server: end them, then let go
      s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
          + "AND pid <> pg_backend_pid()");
      lock.rollback();
    }
    assertThat(count(pg, db, "SELECT count(*) FROM ticks WHERE source = 'push:acme'"))
        .as("nothing was stored before the crash").isZero();

    launch(pg, db, port, log, env);
    waitFor("ready again", Duration.ofSeconds(90), log, () -> ready(port));
    waitFor("the acknowledged ticks stored", Duration.ofSeconds(60), log,
        () -> count(pg, db, "SELECT count(*) FROM ticks WHERE source = 'push:acme'") == 200);
    assertThat(count(pg, db, "SELECT count(*) FROM dead_letters WHERE source = 'push:acme'"))
        .as("no dead letter for the replayed records").isZero();
    assertThat(Files.readString(log)).contains("bronze tail replayed");
  }
}
