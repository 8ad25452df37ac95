package io.rwaprime.app;

import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.Tick;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two JVM processes of the real jar, clustered over Hazelcast on loopback with different roles:
 * {@code ingestion} (the simulator) in one, {@code cleansing,api} in the other. The test JVM joins the
 * same cluster as a third member to watch cleaned ticks arrive through the binary codecs and to send a
 * record in a codec version nobody knows.
 */
@ExtendWith(PostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterIT {

  private static final Path JAR = Path.of("target", "rwa-prime.jar");

  private static Member ingestion;
  private static Member cleansing;
  private static Vertx observer;
  private static WebClient http;
  private static String jdbcUrl;
  private static PostgresServer pg;
  private static final ConcurrentLinkedQueue<Object> ticksSeen = new ConcurrentLinkedQueue<>();
  private static Map<String, String> ingestionEnv;

  /** One process of the mesh. */
  private record Member(String name, Process process, int httpPort, Path log) {}

  @BeforeAll
  static void startMesh(PostgresServer postgres) throws Exception {
    assertThat(JAR).as("the shaded jar is built before integration tests").exists();
    pg = postgres;
    String db = postgres.createDatabase("cluster");
    jdbcUrl = "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + db;
    int hzIngestion = freePort();
    int hzCleansing = freePort();
    int hzObserver = freePort();
    String members = "127.0.0.1:" + hzIngestion + ",127.0.0.1:" + hzCleansing + ",127.0.0.1:" + hzObserver;
    String clusterName = "rwa-it-" + ProcessHandle.current().pid();

    cleansing = launch("cleansing", "cleansing,api", Map.of(
        "RWA_CLUSTER_PORT", Integer.toString(hzCleansing),
        "RWA_CLUSTER_MEMBERS", members,
        "RWA_CLUSTER_CLUSTER_NAME", clusterName,
        "RWA_DATABASE_URL", "postgresql://" + postgres.host() + ":" + postgres.port() + "/" + db,
        "RWA_DATABASE_USER", postgres.user(),
        "RWA_DATABASE_PASSWORD", postgres.password()));
    ingestionEnv = Map.of(
        "RWA_CLUSTER_PORT", Integer.toString(hzIngestion),
        "RWA_CLUSTER_MEMBERS", members,
        "RWA_CLUSTER_CLUSTER_NAME", clusterName,
        "RWA_SIMULATOR_TICKS_PER_SECOND", "200");
    ingestion = launch("ingestion", "ingestion", ingestionEnv);

    RwaConfig.Cluster observerCfg = new RwaConfig.Cluster(true, "127.0.0.1", hzObserver, List.of(members.split(",")),
        clusterName, 0, "");
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1");
    observer = Vertx.builder().with(options).withClusterManager(Clustering.clusterManager(observerCfg))
        .buildClustered().await(2, TimeUnit.MINUTES);
    Codecs.registerAll(observer);
    observer.eventBus().<Object>consumer(Addresses.TICKS, msg -> ticksSeen.add(msg.body()));
    http = WebClient.create(observer);

    waitFor("both processes ready", Duration.ofMinutes(2), () -> ready(cleansing) && ready(ingestion));
  }

  @AfterAll
  static void stopMesh() {
    for (Member m : new Member[] {ingestion, cleansing}) {
      if (m != null && m.process().isAlive()) {
        m.process().destroyForcibly();
      }
    }
    if (observer != null) {
      observer.close().await();
    }
  }

  @Test
  @Order(1)
  @DisplayName("raw records from the ingestion process are cleaned and stored by the other process")
  void recordsCrossBetweenProcesses() throws Exception {
    waitFor("ticks accepted by the cleansing process", Duration.ofSeconds(60),
        () -> metric(cleansing, "rwa_ticks_accepted_total") >= 50);
    waitFor("ticks stored", Duration.ofSeconds(60), () -> count("SELECT count(*) FROM ticks WHERE source = 'simulator'") >= 50);
    JsonObject assets = get(cleansing, "/api/v1/assets").body;
    assertThat(assets.getJsonArray("data").size()).isGreaterThanOrEqualTo(18);
    // the ingestion process has no database and no API; its metrics show what it emitted
    assertThat(metric(ingestion, "rwa_ingestion_records_total")).isGreaterThanOrEqualTo(50);
    assertThat(ready(ingestion)).isTrue();
    JsonObject readiness = get(cleansing, "/health/ready").body;
    assertThat(readiness.getJsonObject("checks").getJsonObject("cluster").getJsonObject("data").getInteger("members"))
        .isEqualTo(3);
  }

  @Test
  @Order(2)
  @DisplayName("a third member receives cleaned ticks as Tick records decoded by the binary codec")
  void ticksArriveAsRecordsInAnotherJvm() throws Exception {
    waitFor("ticks on the observer", Duration.ofSeconds(30), () -> ticksSeen.size() >= 10);
    Object first = ticksSeen.peek();
    assertThat(first).isInstanceOf(Tick.class);
    Tick tick = (Tick) first;
    assertThat(tick.source()).isEqualTo("simulator");
    assertThat(tick.price().signum()).isPositive();
  }

  @Test
  @Order(3)
  @DisplayName("a record in an unknown codec version goes to dead-letter with its reason; the process carries on")
  void unknownCodecVersionIsDeadLettered() throws Exception {
    double before = metric(cleansing, "rwa_ticks_accepted_total");
    // this member now speaks a newer raw-record format under the same codec name
    observer.eventBus().unregisterDefaultCodec(io.rwaprime.events.RawRecord.class);
    observer.eventBus().unregisterCodec(FutureVersionCodec.NAME);
    observer.eventBus().registerCodec(new FutureVersionCodec());
    for (int i = 0; i < 3; i++) {
      observer.eventBus().send(Addresses.RAW_PRICE, new FutureRecord("v99"),
          new io.vertx.core.eventbus.DeliveryOptions().setCodecName(FutureVersionCodec.NAME));
    }
    waitFor("dead letters with reason codec.unknown-version", Duration.ofSeconds(30),
        () -> count("SELECT count(*) FROM dead_letters WHERE reason_code = 'codec.unknown-version'") >= 1);
    assertThat(metricLine(cleansing, "rwa_dead_letters_total", "codec.unknown-version")).isGreaterThanOrEqualTo(1);
    waitFor("ticks still flowing", Duration.ofSeconds(30), () -> metric(cleansing, "rwa_ticks_accepted_total") > before + 20);
  }

  @Test
  @Order(4)
  @DisplayName("killing the ingestion process (kill -9) leaves the other one healthy and serving")
  void killingOneMemberLeavesTheOtherHealthy() throws Exception {
    ingestion.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    waitFor("the cluster notices the member is gone", Duration.ofSeconds(60), () -> {
      Reply r = get(cleansing, "/health/ready");
      return r.status == 200
          && r.body.getJsonObject("checks").getJsonObject("cluster").getJsonObject("data").getInteger("members") == 2;
    });
    assertThat(get(cleansing, "/health/live").status).isEqualTo(200);
    assertThat(get(cleansing, "/api/v1/assets").status).isEqualTo(200);
    long stored = count("SELECT count(*) FROM ticks");
    assertThat(stored).isGreaterThan(0);
  }

  @Test
  @Order(5)
  @DisplayName("the killed process, started again, rejoins the cluster and its records flow again")
  void theKilledMemberRejoinsWhenRestarted() throws Exception {
    double before = metric(cleansing, "rwa_ticks_accepted_total");
    ingestion = launch("ingestion", "ingestion", ingestionEnv);
    waitFor("the restarted process is ready", Duration.ofMinutes(2), () -> ready(ingestion));
    waitFor("three members again", Duration.ofSeconds(60), () -> get(cleansing, "/health/ready").body
        .getJsonObject("checks").getJsonObject("cluster").getJsonObject("data").getInteger("members") == 3);
    waitFor("its ticks are cleaned by the other process again", Duration.ofSeconds(60),
        () -> metric(cleansing, "rwa_ticks_accepted_total") > before + 20);
  }

  @Test
  @Order(6)
  @DisplayName("SIGTERM stops a member gracefully within the shutdown timeout")
  void sigtermStopsGracefully() throws Exception {
    cleansing.process().destroy();
    assertThat(cleansing.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(cleansing.log());
    assertThat(log).contains("stopping").contains("stopped");
  }

  // ---------------------------------------------------------------------------------------------

  /** A record type of a "newer" producer, written with the name of our raw-record codec but version 99. */
  record FutureRecord(String text) {}

  static final class FutureVersionCodec implements MessageCodec<FutureRecord, FutureRecord> {
    static final String NAME = Codecs.codec(io.rwaprime.events.RawRecord.class).name();

    @Override
    public void encodeToWire(Buffer buffer, FutureRecord r) {
      buffer.appendByte((byte) 99).appendInt(r.text().length()).appendString(r.text());
    }

    @Override
    public FutureRecord decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("never decoded here");
    }

    @Override
    public FutureRecord transform(FutureRecord r) {
      return r;
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }

  private record Reply(int status, JsonObject body, String text) {}

  private static Member launch(String name, String roles, Map<String, String> env) throws IOException {
    int httpPort = freePort();
    Path log = Files.createTempFile("rwa-" + name + "-", ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar", JAR.toString(), "run",
        "--cluster", "--profile=test", "--roles=" + roles, "--http-port=" + httpPort));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("RWA_"));
    pb.environment().putAll(env);
    pb.environment().put("RWA_LOGGING_LEVEL", "INFO");
    return new Member(name, pb.start(), httpPort, log);
  }

  private static boolean ready(Member m) {
    try {
      return get(m, "/health/ready").status == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Reply get(Member m, String path) {
    try {
      return request(m, path);
    } catch (Exception e) {
      // Future.await rethrows the failure as it is, a ConnectException included
      throw new IllegalStateException("no answer from " + m.name() + " for " + path, e);
    }
  }

  private static Reply request(Member m, String path) throws Exception {
    return http.get(m.httpPort(), "127.0.0.1", path).send()
        .map(resp -> {
          String text = resp.body() == null ? "" : resp.body().toString();
          JsonObject json = text.startsWith("{") ? new JsonObject(text) : null;
          return new Reply(resp.statusCode(), json, text);
        })
        .await(10, TimeUnit.SECONDS);
  }

  /** Sum of every series of a Prometheus counter. */
  private static double metric(Member m, String name) {
    double sum = 0;
    Matcher matcher = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(get(m, "/metrics").text);
    while (matcher.find()) {
      sum += Double.parseDouble(matcher.group(2));
    }
    return sum;
  }

  /** Sum of the series of a counter whose labels mention {@code labelValue}. */
  private static double metricLine(Member m, String name, String labelValue) {
    double sum = 0;
    Matcher matcher = Pattern.compile("(?m)^" + name + "\\{([^}]*)} ([0-9.eE+-]+)$").matcher(get(m, "/metrics").text);
    while (matcher.find()) {
      if (matcher.group(1).contains("\"" + labelValue + "\"")) {
        sum += Double.parseDouble(matcher.group(2));
      }
    }
    return sum;
  }

  private static long count(String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, pg.user(), pg.password());
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      return -1;
    }
  }

  private static void waitFor(String what, Duration timeout, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean ok;
      try {
        ok = condition.getAsBoolean();
      } catch (RuntimeException e) {
        ok = false;
      }
      if (ok) {
        return;
      }
      for (Member m : new Member[] {ingestion, cleansing}) {
        if (m != null && !m.process().isAlive() && !what.contains("gone") && m == cleansing) {
          throw new AssertionError(m.name() + " exited early:\n" + Files.readString(m.log()));
        }
      }
      observer.timer(250).await();
    }
    StringBuilder logs = new StringBuilder();
    for (Member m : new Member[] {ingestion, cleansing}) {
      if (m != null) {
        String log = Files.readString(m.log());
        logs.append("\n--- ").append(m.name()).append(" log (tail) ---\n")
            .append(log.substring(Math.max(0, log.length() - 4000)));
      }
    }
    throw new AssertionError("timed out waiting for: " + what + logs);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
