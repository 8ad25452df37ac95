package io.rwaprime.alerts;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.cache.LocalKeyValueStore;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.AlertEvent;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.DeadLetter;
import io.rwaprime.events.OnchainEvent;
import io.rwaprime.events.RiskScore;
import io.rwaprime.events.Tick;
import io.rwaprime.testkit.KafkaBroker;
import io.rwaprime.testkit.KafkaNode;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts role on Kafka ({@code alerts.source: kafka}, issue 10) against a real broker and a real PostgreSQL:
 * ticks and risk scores read from their topics fire exactly the firings a reference evaluation of the same sequence
 * gives; the consumer killed between its outbox write and its offset commit, and a new instance (a new Vert.x, as
 * after a process restart) re-reading the batch records nothing twice and delivers nothing twice; a value that is
 * neither a tick nor a risk score is dead-lettered and committed past.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AlertsFromKafkaIT {

  private static final BigDecimal THRESHOLD = new BigDecimal("100");

  @Test
  void aConsumerKilledBetweenOutboxWriteAndCommitFiresNothingTwice(PostgresServer pg) throws Exception {
    KafkaBroker kafka = KafkaBroker.instance();
    String ticks = kafka.createUniqueTopic("alerts-ticks", 3);
    String risk = kafka.createUniqueTopic("alerts-risk", 3);
    String group = "alerts-" + System.nanoTime();
    String db = pg.createDatabase("alertskafka");
    Map<String, String> env = new HashMap<>();
    env.put("RWA_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("RWA_DATABASE_URL", "postgresql://" + pg.host() + ":" + pg.port() + "/" + db);
    env.put("RWA_DATABASE_USER", pg.user());
    env.put("RWA_DATABASE_PASSWORD", pg.password());
    env.put("RWA_ALERTS_SOURCE", "kafka");
    env.put("RWA_ALERTS_TICKS_TOPIC", ticks);
    env.put("RWA_ALERTS_RISK_TOPIC", risk);
    env.put("RWA_ALERTS_GROUP_ID", group);
    env.put("RWA_ALERTS_DELIVERY_INTERVAL", "PT0.2S");
    // every firing of this test reaches every channel at once (no digest)
    env.put("RWA_ALERTS_FLOOD_LIMIT", "100000");

    Map<String, AtomicInteger> inApp = new ConcurrentHashMap<>();
    List<DeadLetter> dead = new CopyOnWriteArrayList<>();
    Process first = Process.start(env, true, inApp, dead);
    UUID user;
    UUID crossing;
    UUID riskRule;
    UUID whaleRule;
    try {
      user = first.insertUser();
      crossing = first.insertRule(user, "PAXG", "price_crosses", THRESHOLD);
      riskRule = first.insertRule(user, "XAUT", "risk_above", new BigDecimal("60"));
      whaleRule = first.insertRule(user, "PAXG", "whale_transfer_above", new BigDecimal("1000"));
    } catch (Exception e) {
      first.close();
      throw e;
    }
    List<String> paxgPrices = new ArrayList<>();
    try (KafkaProducer<String, String> producer = kafka.createProducer(); Admin admin = kafka.createAdmin()) {
      Instant base = Instant.now().minusSeconds(120);
      for (int i = 0; i < 600; i++) {
        // a walk around the threshold: 98 .. 102, never exactly on it
        String price = String.valueOf(100 + (((i * 7) % 9) - 4) / 2.0 + (i % 2 == 0 ? 0.25 : -0.25));
        paxgPrices.add(price);
        Tick t = new Tick("kt-" + i, "PAXG", "kafka-test", new BigDecimal(price), BigDecimal.ONE, "USD",
            base.plusMillis(100L * i), base.plusMillis(100L * i), i);
        producer.send(new ProducerRecord<>(ticks, "PAXG", t.toJson().encode()));
        if (i % 100 == 0) {
          double composite = i % 200 == 0 ? 75 : 40;
          RiskScore r = riskScore("XAUT", composite, base.plusMillis(100L * i));
          producer.send(new ProducerRecord<>(risk, "XAUT", r.toJson().encode()));
        }
      }
      producer.send(new ProducerRecord<>(ticks, "PAXG", "{\"not\": \"a tick\"}"));
      producer.flush();
      long total = 600 + 6 + 1;
      // everything is in the topics before the role starts: its first batch is a large one
      first.deployRole();

      awaitThat(() -> !first.role().isEmpty() && !first.alive(), "the consumer dies after its first recorded batch");
      long recordedBeforeCrash = first.count("SELECT count(*) FROM alert_history");
      assertThat(recordedBeforeCrash).as("the first batch fired and was recorded").isPositive();
      assertThat(KafkaNode.committedOffsets(admin, group)).as("nothing committed: it died before the commit").isZero();
      first.close();

      Process second = Process.start(env, false, inApp, dead);
      try {
        second.deployRole();
        // an input that stays on the bus in Kafka mode is still evaluated (by the asset's rendezvous owner)
        Instant now = Instant.now();
        second.vertx().eventBus().publish(Addresses.ONCHAIN_EVENTS, new OnchainEvent("PAXG", "ethereum",
            "0x45804880de22913dafe09f4980848ece6ecbaf78", OnchainEvent.Kind.WHALE, "0x" + "ab".repeat(32), 19_000_000,
            3, now, "0x" + "1".repeat(40), "0x" + "2".repeat(40), new BigDecimal("2500"), false));
        awaitThat(() -> KafkaNode.committedOffsets(admin, group) == total, "the new instance commits past every record");
        long expectedCrossings = crossings(paxgPrices);
        long expectedRisk = 3; // 75 at i = 0, 200, 400, each after a 40 re-armed it (the first needs no re-arming)
        awaitThat(() -> second.count("SELECT count(*) FROM alert_outbox WHERE status = 'delivered'")
            == expectedCrossings + expectedRisk + 1, "every firing delivered");
        assertThat(second.count("SELECT count(*) FROM alert_history WHERE alert_id = '" + whaleRule + "'"))
            .as("the whale transfer from the bus").isEqualTo(1);
        assertThat(second.count("SELECT count(*) FROM alert_history WHERE alert_id = '" + crossing + "'"))
            .as("one firing per crossing of the 600 ticks, none lost and none twice").isEqualTo(expectedCrossings);
        assertThat(second.count("SELECT count(*) FROM alert_history WHERE alert_id = '" + riskRule + "'"))
            .as("one firing per risk score past 60 after one below it").isEqualTo(expectedRisk);
        assertThat(inApp).hasSize((int) (expectedCrossings + expectedRisk + 1));
        assertThat(inApp.values()).as("each firing reached the dashboard once").allSatisfy(n ->
            assertThat(n.get()).isEqualTo(1));
        assertThat(dead).extracting(DeadLetter::reasonCode).contains("alerts.undecodable");
        assertThat(second.alive()).as("readiness: %s", second.health()).isTrue();
        assertThat(second.ctx().metrics().get("rwa.kafka.consumer.records").tag("consumer", "alerts").counter()
            .count()).as("the new instance evaluated and committed every record, the crashed batch included")
            .isEqualTo(total);
      } finally {
        second.close();
      }
    }
  }

  /** Sign changes around the threshold: what a crossing rule with no hysteresis fires on. */
  private static long crossings(List<String> prices) {
    long n = 0;
    for (int i = 1; i < prices.size(); i++) {
      boolean above = new BigDecimal(prices.get(i)).compareTo(THRESHOLD) > 0;
      boolean wasAbove = new BigDecimal(prices.get(i - 1)).compareTo(THRESHOLD) > 0;
      if (above != wasAbove) {
        n++;
      }
    }
    return n;
  }

  private static RiskScore riskScore(String symbol, double composite, Instant at) {
    int c = (int) composite;
    return new RiskScore(symbol, at, c, c, c, c, c, List.of());
  }

  /** One "process": a Vert.x with the database and the alerts role deployed on it. */
  private record Process(Vertx vertx, Database database, RoleContext ctx, HealthRegistry registry, AlertsRole role0,
                         List<AlertsRole> deployed) {

    static Process start(Map<String, String> env, boolean crashAfterWrite, Map<String, AtomicInteger> inApp,
                         List<DeadLetter> dead) throws Exception {
      Vertx vertx = Vertx.vertx();
      Codecs.registerAll(vertx);
      RwaConfig cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of()))
          .await(20, TimeUnit.SECONDS);
      Database database = Database.open(vertx, cfg.database(), AssetCatalogue.load()).await(1, TimeUnit.MINUTES);
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      HealthRegistry health = new HealthRegistry(vertx, Duration.ofSeconds(6));
      RoleContext ctx = new RoleContext(vertx, cfg, metrics, health, new DeadLetters(vertx, metrics),
          new LocalKeyValueStore(vertx), AssetCatalogue.load(), Optional.of(database));
      vertx.eventBus().<AlertEvent>consumer(Addresses.ALERTS_TRIGGERED,
          m -> inApp.computeIfAbsent(m.body().triggerId(), k -> new AtomicInteger()).incrementAndGet());
      vertx.eventBus().<DeadLetter>consumer(Addresses.DEAD_LETTER, m -> dead.add(m.body()));
      return new Process(vertx, database, ctx, health, new AlertsRole(crashAfterWrite), new CopyOnWriteArrayList<>());
    }

    void deployRole() throws Exception {
      role0.deploy(ctx).await(60, TimeUnit.SECONDS);
      deployed.add(role0);
    }

    List<AlertsRole> role() {
      return deployed;
    }

    /** Whether the {@code alerts-kafka} check is up (its consumers run). */
    boolean alive() {
      return check().up();
    }

    String health() {
      return check().toJson().encode();
    }

    private HealthRegistry.Check check() {
      try {
        return registry.runAll().await(10, TimeUnit.SECONDS).stream().filter(c -> c.name().equals("alerts-kafka"))
            .findFirst().orElseThrow();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    UUID insertUser() throws Exception {
      return database.pool().preparedQuery("INSERT INTO users (email, password_hash, email_verified) "
              + "VALUES ($1, 'not-a-login', true) RETURNING user_id")
          .execute(Tuple.of("kafka-" + System.nanoTime() + "@example.test")).await(10, TimeUnit.SECONDS)
          .iterator().next().getUUID(0);
    }

    UUID insertRule(UUID user, String symbol, String condition, BigDecimal threshold) throws Exception {
      Row row = database.pool().preparedQuery("""
              INSERT INTO alerts (user_id, asset_id, condition_type, condition_value, notification_method, channels,
                                  cooldown_seconds)
              SELECT $1, asset_id, $2, jsonb_build_object('threshold', $3::text), 'in_app', '["in_app"]'::jsonb, 0
              FROM assets WHERE symbol = $4 RETURNING alert_id""")
          .execute(Tuple.of(user, condition, threshold.toPlainString(), symbol)).await(10, TimeUnit.SECONDS)
          .iterator().next();
      return row.getUUID(0);
    }

    long count(String sql) {
      try {
        return database.pool().query(sql).execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    void close() throws Exception {
      for (AlertsRole r : deployed) {
        r.quiesce(ctx).await(30, TimeUnit.SECONDS);
      }
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static void awaitThat(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(100);
    }
  }
}
