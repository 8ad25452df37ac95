package io.rwaprime.app;

import io.rwaprime.testkit.FreePorts;
import io.rwaprime.testkit.MailServer;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once across a crash: the real jar (every role, the simulator) fires an alert; its e-mail delivery hangs at
 * an SMTP server that takes the message and never confirms it; the process is killed with SIGKILL right then. A
 * second process on the same database takes the delivery over when its lease ends, and the user gets exactly one
 * alert mail (from the working server), one firing in the history, and no repeated in-app delivery.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AlertsCrashIT {

  private static final Path JAR = Path.of("target", "rwa-prime.jar");
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> processes = new ArrayList<>();

  @TempDir
  Path tmp;

  @AfterEach
  void stopAll() {
    processes.forEach(Process::destroyForcibly);
  }

  /** An SMTP server that takes an alert mail and never answers its end of data (the client waits); other mails pass. */
  private static final class StallingSmtp implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    final AtomicBoolean stalled = new AtomicBoolean();
    final List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();

    StallingSmtp() throws Exception {
      Thread t = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket s = server.accept();
            held.add(s);
            Thread.ofVirtual().start(() -> converse(s));
          } catch (Exception e) {
            return;
          }
        }
      }, "stalling-smtp");
      t.setDaemon(true);
      t.start();
    }

    private void converse(Socket s) {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
        OutputStream out = s.getOutputStream();
        out.write("220 stall.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
        boolean data = false;
        StringBuilder message = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
          if (data) {
            if (!line.equals(".")) {
              message.append(line).append('\n');
              continue;
            }
            data = false;
            if (message.toString().contains("Subject: rwa-prime alert:")) {
              stalled.set(true); // the alert is in; never say 250
              continue;
            }
            message.setLength(0);
            out.write("250 OK queued\r\n".getBytes(StandardCharsets.US_ASCII)); // other mails (verification) pass
            out.flush();
            continue;
          }
          String cmd = line.toUpperCase(java.util.Locale.ROOT);
          String reply = cmd.startsWith("EHLO") ? "250-stall.test\r\n250 8BITMIME\r\n"
              : cmd.startsWith("DATA") ? "354 go ahead\r\n" : cmd.startsWith("QUIT") ? "221 bye\r\n" : "250 OK\r\n";
          data = cmd.startsWith("DATA");
          out.write(reply.getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (Exception ignored) {
        // the client went away
      }
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      server.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }

  private Process launch(PostgresServer pg, String db, int port, Path log, int smtpPort) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar", JAR.toString(), "run",
        "--profile=test", "--http-port=" + port)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("RWA_"));
    pb.environment().putAll(Map.of(
        "RWA_DATABASE_URL", "postgresql://" + pg.host() + ":" + pg.port() + "/" + db,
        "RWA_DATABASE_USER", pg.user(),
        "RWA_DATABASE_PASSWORD", pg.password(),
        "RWA_SIMULATOR_TICKS_PER_SECOND", "100",
        "RWA_INGESTION_BRONZE_DIR", tmp.resolve("bronze").toString(),
        "RWA_API_AUTH_KEYS_DIR", tmp.resolve("keys").toString(),
        "RWA_API_MAIL_HOST", "127.0.0.1",
        "RWA_API_MAIL_PORT", Integer.toString(smtpPort),
        "RWA_API_MAIL_STARTTLS", "disabled",
        "RWA_ALERTS_DELIVERY_LEASE", "PT3S"));
    pb.environment().put("RWA_LOGGING_LEVEL", "INFO");
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private boolean ready(int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
              .timeout(Duration.ofSeconds(5)).build(),
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
      Thread.sleep(200);
    }
  }

  private JsonObject post(int port, String path, String token, JsonObject body, int expected) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s → %s", path, r.body()).isEqualTo(expected);
    return new JsonObject(r.body());
  }

  private static String row(PostgresServer pg, String db, String sql) {
    try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  private static List<MimeMessage> alertMails(String email) throws Exception {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : MailServer.instance().received()) {
      if (m.getAllRecipients()[0].toString().equals(email) && m.getSubject().startsWith("rwa-prime alert:")) {
        out.add(m);
      }
    }
    return out;
  }

  @Test
  @DisplayName("kill -9 in the middle of an e-mail delivery: after a restart the user gets exactly one alert mail")
  void exactlyOneMailAcrossAKillMidDelivery(PostgresServer pg) throws Exception {
    String db = pg.createDatabase("alertcrash");
    int port = FreePorts.find();
    Path log = Files.createDirectories(Path.of("target", "alerts-crash")).resolve("mesh-" + System.nanoTime() + ".log");
    try (StallingSmtp stall = new StallingSmtp()) {
      Process first = launch(pg, db, port, log, stall.port());
      waitFor("the first process", Duration.ofMinutes(2), log, () -> ready(port));
      String email = "crash-" + UUID.randomUUID() + "@alerts.example.org";
      String token = post(port, "/api/v1/auth/register", null,
          new JsonObject().put("email", email).put("password", "crash test passphrase"), 201).getString("access_token");
      // far below the price: the next PAXG tick fires it
      String rule = post(port, "/api/v1/alerts", token, new JsonObject().put("symbol", "PAXG")
          .put("condition", "price_above").put("threshold", "1").put("cooldown_seconds", 3600)
          .put("channels", new JsonArray().add("in_app").add("email")), 201).getString("alert_id");

      System.out.println("AlertsCrashIT: rule " + rule + " created; waiting for the stalled delivery");
      waitFor("the alert mail to reach the stalling SMTP server", Duration.ofSeconds(60), log, stall.stalled::get);
      assertThat(row(pg, db, "SELECT status || '/' || attempts FROM alert_outbox WHERE channel = 'email'"))
          .isEqualTo("pending/1");
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // SIGKILL mid-delivery
      assertThat(row(pg, db, "SELECT status FROM alert_outbox WHERE channel = 'in_app'")).isEqualTo("delivered");

      System.out.println("AlertsCrashIT: killed mid-delivery");
      MailServer good = MailServer.instance();
      Process second = launch(pg, db, port, log, good.port());
      waitFor("the second process", Duration.ofMinutes(2), log, () -> ready(port));
      waitFor("the alert mail after the restart", Duration.ofSeconds(60), log, () -> {
        try {
          return alertMails(email).size() >= 1;
        } catch (Exception e) {
          return false;
        }
      });
      Thread.sleep(5_000); // more than a lease: nothing else comes
      assertThat(alertMails(email)).hasSize(1);
      assertThat(alertMails(email).get(0).getMessageID()).contains(rule);
      assertThat(row(pg, db, "SELECT status || '/' || attempts FROM alert_outbox WHERE channel = 'email'"))
          .isEqualTo("delivered/2");
      assertThat(row(pg, db, "SELECT attempts::text FROM alert_outbox WHERE channel = 'in_app'")).isEqualTo("1");
      assertThat(row(pg, db, "SELECT count(*)::text FROM alert_history WHERE alert_id = '" + rule + "'")).isEqualTo("1");
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
