package io.rwaprime.app;

import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.rwaprime.events.Tick;
import io.rwaprime.testkit.FreePorts;
import io.rwaprime.testkit.KafkaProcess;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The durable mesh under a broker crash (issue 10), with real processes: a Kafka node in its own JVM
 * ({@link KafkaProcess}) and the real jar with the roles {@code cleansing,alerts,bridge} on the Kafka path — raw
 * prices in through the bridge's acknowledged inbound mapping ({@code price-data-raw}), cleaned ticks out to
 * {@code ticks-clean}, the gold writer and the alert evaluation reading {@code ticks-clean} back. 10,000 raw ticks
 * are produced; after 5,000 acknowledgements the broker is killed with SIGKILL and started again on its data. Then:
 * every acknowledged tick is stored exactly once, the topic holds each cleaned tick once, and the alerts fired are
 * exactly those a reference evaluation of the acknowledged sequence gives (none lost, none twice), each delivered
 * once. And a process started while the broker is down: not ready (readiness names Kafka) until it is back, then
 * ticks flow through Kafka into the store.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BrokerKillIT {

  private static final Path JAR = Path.of("target", "rwa-prime.jar");
  private static final BigDecimal THRESHOLD = new BigDecimal("100");
  private static final int TICKS = 10_000;
  private static final String SOURCE = "fault-feed";

  @TempDir
  Path tmp;

  private Process mesh;
  private KafkaProcess kafka;

  @AfterEach
  void stopAll() {
    if (mesh != null) {
      mesh.destroyForcibly();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void theBrokerKilledInTheMiddleOf10000TicksLosesNothingAndDuplicatesNoAlert(PostgresServer pg) throws Exception {
    kafka = startKafka();
    String db = pg.createDatabase("brokerkill");
    String url = "postgresql://" + pg.host() + ":" + pg.port() + "/" + db;
    // the schema and the rules exist before the alerts role starts (it reads the rules at start)
    UUID[] rules = prepareDatabase(url, pg, true);
    UUID crossing = rules[0];
    UUID above = rules[1];

    int httpPort = FreePorts.find();
    Path log = tmp.resolve("mesh.log");
    mesh = launch(httpPort, log, meshEnv(url, pg));
    awaitThat(() -> status(httpPort, "/health/ready") == 200, "the mesh process is ready", 120, log);

    // readiness, watched through the whole run: the outage must show, and recovery after it
    Set<Integer> readiness = ConcurrentHashMap.newKeySet();
    Thread watcher = Thread.ofPlatform().daemon().start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        readiness.add(status(httpPort, "/health/ready"));
        sleep(250);
      }
    });

    // 10,000 raw ticks, ~1,000 a second, from an idempotent acks=all producer; the broker dies after 5,000 acks
    Map<String, List<String>> sent = new HashMap<>();
    Set<String> acked = ConcurrentHashMap.newKeySet();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    AtomicReference<Exception> restartFailure = new AtomicReference<>();
    long killedAtAcks;
    long pidBefore = kafka.pid();
    Instant base = Instant.now().minus(Duration.ofMinutes(5));
    try (KafkaProducer<String, String> producer = producer()) {
      int killAt = TICKS / 2;
      boolean killed = false;
      killedAtAcks = -1;
      for (int i = 0; i < TICKS; i++) {
        String symbol = i % 2 == 0 ? "PAXG" : "XAUT";
        int k = i / 2;
        String price = price(symbol, k);
        sent.computeIfAbsent(symbol, s -> new ArrayList<>()).add(price);
        String id = "bk-" + i;
        JsonObject payload = new JsonObject().put("symbol", symbol).put("price", price).put("volume", "1")
            .put("ts", base.plusMillis(20L * i).toString()).put("seq", k);
        RawRecord raw = new RawRecord(id, SOURCE, RecordKind.PRICE, Instant.now(), payload.encode());
        producer.send(new ProducerRecord<>("price-data-raw", symbol, raw.toJson().encode()), (md, e) -> {
          if (e == null) {
            acked.add(id);
          } else {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, e);
          }
        });
        if (!killed && acked.size() >= killAt) {
          killedAtAcks = acked.size();
          kafka.kill();
          killed = true;
          Thread.ofPlatform().daemon().start(() -> {
            sleep(2_000);
            try {
              kafka.restart();
            } catch (RuntimeException e) {
              restartFailure.set(e);
            }
          });
        }
        if (i % 100 == 99) {
          sleep(100);
        }
      }
      producer.flush();
      assertThat(killed).as("the broker was killed mid-stream").isTrue();
    }
    assertThat(restartFailure.get()).as("the broker's restart").isNull();
    assertThat(kafka.pid()).as("a new broker process").isNotEqualTo(pidBefore);
    assertThat(killedAtAcks).isLessThan(TICKS);
    assertThat(failed.get()).as("sends that failed (first: %s)", firstFailure.get()).isZero();
    assertThat(acked).hasSize(TICKS);
    assertThat(mesh.isAlive()).as("the mesh process rode out the broker crash").isTrue();

    String jdbc = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + db;
    awaitThat(() -> count(jdbc, pg, "SELECT count(*) FROM ticks WHERE source = '" + SOURCE + "'") == TICKS,
        "every acknowledged tick is stored", 180, log);
    try (Admin admin = kafka.createAdmin()) {
      awaitThat(() -> caughtUp(admin, "rwa-alerts", "ticks-clean"), "the alerts consumer evaluated every tick", 120,
          log);
    }
    long expectedCrossings = crossings(sent.get("PAXG"));
    long expectedAbove = risesAbove(sent.get("XAUT"));
    awaitThat(() -> count(jdbc, pg, "SELECT count(*) FROM alert_outbox WHERE status = 'delivered'")
        == expectedCrossings + expectedAbove, "every firing delivered", 60, log);

    assertThat(count(jdbc, pg, "SELECT count(DISTINCT event_id) FROM ticks WHERE source = '" + SOURCE + "'"))
        .as("each acknowledged tick stored once").isEqualTo(TICKS);
    assertThat(cleanTickIds()).as("ticks-clean holds each cleaned tick once").hasSize(TICKS)
        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    assertThat(count(jdbc, pg, "SELECT count(*) FROM alert_history WHERE alert_id = '" + crossing + "'"))
        .as("one firing per crossing of the acknowledged PAXG ticks").isEqualTo(expectedCrossings);
    assertThat(count(jdbc, pg, "SELECT count(*) FROM alert_history WHERE alert_id = '" + above + "'"))
        .as("one firing per rise of XAUT above the threshold").isEqualTo(expectedAbove);
    assertThat(count(jdbc, pg, "SELECT count(*) FROM alert_outbox"))
        .as("one in-app delivery per firing").isEqualTo(expectedCrossings + expectedAbove);
    System.out.printf("BrokerKillIT: broker killed after %d of %d acks, restarted in %d ms; %d + %d alerts, "
        + "readiness seen %s%n", killedAtAcks, TICKS, kafka.lastStartupTime().toMillis(), expectedCrossings,
        expectedAbove, readiness);
    awaitThat(() -> status(httpPort, "/health/ready") == 200, "readiness recovers", 60, log);
    watcher.interrupt();
    assertThat(readiness).as("readiness reported the broker's crash").contains(503);
  }

  @Test
  void aProcessStartedWithKafkaDownIsNotReadyUntilTheBrokerIsBack(PostgresServer pg) throws Exception {
    kafka = startKafka();
    kafka.kill();
    String db = pg.createDatabase("kafkadown");
    String url = "postgresql://" + pg.host() + ":" + pg.port() + "/" + db;
    prepareDatabase(url, pg, false);
    int httpPort = FreePorts.find();
    Path log = tmp.resolve("mesh.log");
    mesh = launch(httpPort, log, meshEnv(url, pg));
    awaitThat(() -> status(httpPort, "/health/live") == 200, "the process is up", 120, log);
    awaitThat(() -> body(httpPort, "/health/ready").contains("Kafka does not answer"),
        "readiness names Kafka as the problem", 60, log);
    assertThat(status(httpPort, "/health/ready")).isEqualTo(503);

    kafka.restart();
    awaitThat(() -> status(httpPort, "/health/ready") == 200, "readiness recovers once the broker is back", 90, log);
    Instant base = Instant.now().minus(Duration.ofMinutes(1));
    try (KafkaProducer<String, String> producer = producer()) {
      for (int i = 0; i < 100; i++) {
        JsonObject payload = new JsonObject().put("symbol", "PAXG").put("price", price("PAXG", i)).put("volume", "1")
            .put("ts", base.plusMillis(100L * i).toString()).put("seq", i);
        producer.send(new ProducerRecord<>("price-data-raw", "PAXG", new RawRecord("late-" + i, SOURCE,
            RecordKind.PRICE, Instant.now(), payload.encode()).toJson().encode())).get(60, TimeUnit.SECONDS);
      }
    }
    String jdbc = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + db;
    awaitThat(() -> count(jdbc, pg, "SELECT count(*) FROM ticks WHERE source = '" + SOURCE + "'") == 100,
        "ticks sent after the recovery are stored through Kafka", 90, log);
    assertThat(mesh.isAlive()).isTrue();
  }

  private KafkaProcess startKafka() {
    KafkaProcess k = KafkaProcess.start(tmp.resolve("kafka"));
    k.createTopic("price-data-raw", 3);
    k.createTopic("ticks-clean", 3);
    return k;
  }

  /** Migrates the database; with {@code rules}, one user with a PAXG crossing and an XAUT above rule at 100. */
  private static UUID[] prepareDatabase(String url, PostgresServer pg, boolean rules) throws Exception {
    Vertx vertx = Vertx.vertx();
    Database database = Database.open(vertx, new RwaConfig.Database(Optional.of(URI.create(url)), pg.user(),
        pg.password(), 2, Path.of("unused"), 0, "unused"), AssetCatalogue.load()).await(1, TimeUnit.MINUTES);
    try {
      if (!rules) {
        return new UUID[0];
      }
      UUID user = database.pool().preparedQuery("INSERT INTO users (email, password_hash, email_verified) "
              + "VALUES ('broker-kill@example.test', 'not-a-login', true) RETURNING user_id").execute()
          .await(10, TimeUnit.SECONDS).iterator().next().getUUID(0);
      return new UUID[] {rule(database, user, "PAXG", "price_crosses"), rule(database, user, "XAUT", "price_above")};
    } finally {
      database.close().await(30, TimeUnit.SECONDS);
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** The process's settings: Kafka, the database, the gold writer and the alerts on Kafka, raw prices acknowledged. */
  private Map<String, String> meshEnv(String url, PostgresServer pg) {
    return Map.of(
        "RWA_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "RWA_DATABASE_URL", url, "RWA_DATABASE_USER", pg.user(), "RWA_DATABASE_PASSWORD", pg.password(),
        "RWA_CLEANSING_GOLD_SOURCE", "kafka",
        "RWA_ALERTS_SOURCE", "kafka",
        "RWA_ALERTS_FLOOD_LIMIT", "100000",
        "RWA_ALERTS_DELIVERY_INTERVAL", "PT0.5S",
        "RWA_BRIDGE_INBOUND", new JsonArray().add(new JsonObject().put("topic", "price-data-raw")
            .put("address", "rwa.raw.price").put("type", "raw-record").put("acknowledged", true)).encode());
  }

  /** A walk around the threshold, never on it (period 18 for PAXG, 22 for XAUT). */
  private static String price(String symbol, int k) {
    double step = symbol.equals("PAXG") ? (((k * 7) % 9) - 4) / 2.0 : (((k * 5) % 11) - 5) / 2.5;
    return BigDecimal.valueOf(100 + step + (k % 2 == 0 ? 0.25 : -0.25)).toPlainString();
  }

  /** What a crossing rule with no hysteresis fires on: sign changes around the threshold. */
  private static long crossings(List<String> prices) {
    long n = 0;
    for (int i = 1; i < prices.size(); i++) {
      if (above(prices.get(i)) != above(prices.get(i - 1))) {
        n++;
      }
    }
    return n;
  }

  /** What an above rule with no hysteresis fires on: armed at start, fires above, re-arms at or below. */
  private static long risesAbove(List<String> prices) {
    long n = 0;
    boolean armed = true;
    for (String p : prices) {
      if (armed && above(p)) {
        n++;
        armed = false;
      } else if (!above(p)) {
        armed = true;
      }
    }
    return n;
  }

  private static boolean above(String price) {
    return new BigDecimal(price).compareTo(THRESHOLD) > 0;
  }

  private static UUID rule(Database database, UUID user, String symbol, String condition) throws Exception {
    return database.pool().preparedQuery("""
            INSERT INTO alerts (user_id, asset_id, condition_type, condition_value, notification_method, channels,
                                cooldown_seconds)
            SELECT $1, asset_id, $2, jsonb_build_object('threshold', '100'), 'in_app', '["in_app"]'::jsonb, 0
            FROM assets WHERE symbol = $3 RETURNING alert_id""")
        .execute(Tuple.of(user, condition, symbol)).await(10, TimeUnit.SECONDS).iterator().next().getUUID(0);
  }

  private Process launch(int httpPort, Path log, Map<String, String> env) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-jar", JAR.toString(), "run",
        "--profile=test", "--roles=cleansing,alerts,bridge", "--http-port=" + httpPort)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("RWA_"));
    pb.environment().putAll(env);
    pb.environment().put("RWA_LOGGING_LEVEL", "INFO");
    return pb.start();
  }

  private KafkaProducer<String, String> producer() {
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "180000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  /** Event id → how many times it is in {@code ticks-clean}. */
  private Map<String, Integer> cleanTickIds() {
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, Integer> ids = new HashMap<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.subscribe(List.of("ticks-clean"));
      long quietSince = System.nanoTime();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(3)) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(300))) {
          Tick t = Tick.fromJson(new JsonObject(r.value()));
          if (t.source().equals(SOURCE)) {
            ids.merge(t.eventId(), 1, Integer::sum);
          }
          quietSince = System.nanoTime();
        }
      }
    }
    return ids;
  }

  private static boolean caughtUp(Admin admin, String group, String topic) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
          .get(topic).partitions().stream().map(i -> new TopicPartition(topic, i.partition()))
          .collect(Collectors.toSet());
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      return partitions.stream().allMatch(tp -> committed.get(tp) != null
          && committed.get(tp).offset() >= ends.get(tp).offset());
    } catch (Exception e) {
      return false;
    }
  }

  private static long count(String jdbc, PostgresServer pg, String sql) {
    try (var c = java.sql.DriverManager.getConnection(jdbc, pg.user(), pg.password());
         var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int status(int port, String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static String body(int port, String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return "";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitThat(BooleanSupplier condition, String what, int seconds, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        throw new AssertionError("timed out waiting until " + what + "; mesh log tail:\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()))
            + (kafka == null ? "" : "\n" + kafka + (kafka.isRunning() ? " running" : " not running")
            + ", its log tail:\n" + kafka.logTail()));
      }
      Thread.sleep(250);
    }
  }
}
