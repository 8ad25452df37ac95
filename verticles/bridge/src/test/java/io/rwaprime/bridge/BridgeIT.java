package io.rwaprime.bridge;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.cache.LocalKeyValueStore;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.DeadLetter;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.rwaprime.events.Tick;
import io.rwaprime.testkit.KafkaBroker;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge role against a real Kafka broker (KRaft, in-process): ticks to {@code ticks-clean} with key, headers
 * and schema-valid JSON; a topic to an address with bad values dead-lettered; the broker stopped in the middle of
 * 10,000 ticks and started again — readiness says so, and every tick is in the topic exactly once.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BridgeIT {

  private static Vertx vertx;
  private static KafkaBroker kafka;
  private static HealthRegistry health;
  private static BridgeRole role;
  private static RoleContext ctx;
  private static String inboundTopic;
  private static String slowTopic;
  private static String refuseTopic;
  private static String lateTopic;
  private static PrometheusMeterRegistry metrics;
  private static final List<RawRecord> raw = new CopyOnWriteArrayList<>();
  private static final List<DeadLetter> dead = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaBroker.instance();
    inboundTopic = kafka.createUniqueTopic("prices-in", 2);
    slowTopic = kafka.createUniqueTopic("slow-in", 3);
    refuseTopic = kafka.createUniqueTopic("refuse-in", 1);
    lateTopic = kafka.createUniqueTopic("late-in", 1);
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    Map<String, String> env = new HashMap<>();
    env.put("RWA_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("RWA_BRIDGE_INBOUND", new JsonArray().add(new JsonObject().put("topic", inboundTopic)
        .put("address", Addresses.RAW_PRICE).put("type", "raw-record"))
        .add(new JsonObject().put("topic", slowTopic).put("address", "test.slow").put("type", "raw-record")
            .put("acknowledged", true))
        .add(new JsonObject().put("topic", refuseTopic).put("address", "test.refuse").put("type", "raw-record")
            .put("acknowledged", true))
        .add(new JsonObject().put("topic", lateTopic).put("address", "test.late").put("type", "raw-record")
            .put("acknowledged", true)).encode());
    env.put("RWA_BRIDGE_INBOUND_MAX_IN_FLIGHT", "50");
    RwaConfig cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of()))
        .await(20, TimeUnit.SECONDS);
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    health = new HealthRegistry(vertx, Duration.ofSeconds(6));
    ctx = new RoleContext(vertx, cfg, metrics, health, new DeadLetters(vertx, metrics), new LocalKeyValueStore(vertx),
        AssetCatalogue.load(), Optional.empty());
    vertx.eventBus().<RawRecord>consumer(Addresses.RAW_PRICE, m -> raw.add(m.body()));
    vertx.eventBus().<DeadLetter>consumer(Addresses.DEAD_LETTER, m -> dead.add(m.body()));
    role = new BridgeRole();
    role.deploy(ctx).await(60, TimeUnit.SECONDS);
    awaitThat(() -> kafkaUp(), "the bridge sees Kafka", 30);
  }

  @AfterAll
  static void stop() throws Exception {
    if (role != null) {
      role.quiesce(ctx).await(30, TimeUnit.SECONDS);
    }
    vertx.close().await(30, TimeUnit.SECONDS);
    kafka.start();
  }

  @Test
  @Order(1)
  void ticksGoToTicksCleanKeyedBySymbolWithTheirHeaders() throws Exception {
    Instant t = Instant.now();
    for (int i = 0; i < 3; i++) {
      vertx.eventBus().publish(Addresses.TICKS, new Tick("first-" + i, i == 1 ? "XAUT" : "PAXG", "test-feed",
          new BigDecimal("2650.5" + i), BigDecimal.ONE, "USD", t, t, i));
    }
    List<ConsumerRecord<String, String>> got = read("ticks-clean", 3, r -> r.value().contains("first-"));
    assertThat(got).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("PAXG", "XAUT", "PAXG");
    ConsumerRecord<String, String> r = got.stream().filter(x -> x.key().equals("XAUT")).findFirst().orElseThrow();
    assertThat(header(r, "event_id")).isEqualTo("first-1");
    assertThat(header(r, "schema_version")).isEqualTo("1");
    assertThat(header(r, "source")).isEqualTo("test-feed");
    Tick back = Tick.fromJson(new JsonObject(r.value()));
    assertThat(back.price()).isEqualByComparingTo("2650.51");
    assertThat(PayloadType.named("tick").schemaErrors(new JsonObject(r.value()))).isNull();

    // on-chain events are bridged too (default mapping rwa.onchain.events → onchain-events)
    vertx.eventBus().publish(Addresses.ONCHAIN_EVENTS, new io.rwaprime.events.OnchainEvent("PAXG", "ethereum",
        "0x45804880de22913dafe09f4980848ece6ecbaf78", io.rwaprime.events.OnchainEvent.Kind.WHALE,
        "0x" + "cd".repeat(32), 19_000_000, 4, t, "0x" + "1".repeat(40), "0x" + "2".repeat(40),
        new BigDecimal("1250.5"), false));
    ConsumerRecord<String, String> whale = read("onchain-events", 1, x -> x.value().contains("\"whale\"")).get(0);
    assertThat(whale.key()).isEqualTo("PAXG");
    assertThat(io.rwaprime.events.OnchainEvent.fromJson(new JsonObject(whale.value())).amount())
        .isEqualByComparingTo("1250.5");
  }

  @Test
  @Order(2)
  void aTopicReachesItsAddressAndBadValuesGoToDeadLetterWithTheirReason() throws Exception {
    RawRecord good = new RawRecord("in-1", "kafka-feed", RecordKind.PRICE, Instant.now(), "{\"symbol\":\"PAXG\"}");
    try (KafkaProducer<String, String> p = kafka.createProducer()) {
      p.send(new ProducerRecord<>(inboundTopic, "PAXG", good.toJson().encode())).get();
      p.send(new ProducerRecord<>(inboundTopic, "PAXG", "not json at all")).get();
      p.send(new ProducerRecord<>(inboundTopic, "PAXG", new JsonObject().put("event_id", "x").encode())).get();
      p.send(new ProducerRecord<>(inboundTopic, "PAXG", good.toJson().put("kind", "weather").encode())).get();
    }
    awaitThat(() -> raw.size() >= 1 && dead.stream().filter(d -> d.stage().equals("bridge")).count() >= 3,
        "the good record on the bus and three dead letters", 30);
    assertThat(raw).containsExactly(good);
    assertThat(dead).filteredOn(d -> d.stage().equals("bridge")).extracting(DeadLetter::reasonCode)
        .containsExactlyInAnyOrder("bridge.json", "bridge.schema", "bridge.schema");
    assertThat(dead).filteredOn(d -> d.reasonCode().equals("bridge.json")).singleElement()
        .satisfies(d -> assertThat(d.payload()).isEqualTo("not json at all"));
  }

  @Test
  @Order(3)
  void theBrokerGoesAwayInTheMiddleOf10000TicksAndEveryTickLandsExactlyOnce() throws Exception {
    int n = 10_000;
    Instant t = Instant.now();
    for (int i = 0; i < n; i++) {
      if (i == n / 2) {
        kafka.stop();
      }
      vertx.eventBus().publish(Addresses.TICKS, new Tick("fault-" + i, i % 2 == 0 ? "PAXG" : "XAUT", "test-feed",
          new BigDecimal("100.00"), BigDecimal.ONE, "USD", t, t, i));
    }
    awaitThat(() -> !kafkaUp(), "readiness reports Kafka away", 40);
    kafka.start();
    awaitThat(BridgeIT::kafkaUp, "readiness reports Kafka back", 60);
    List<ConsumerRecord<String, String>> got = read("ticks-clean", n, r -> r.value().contains("\"fault-"));
    Set<String> ids = new HashSet<>();
    for (ConsumerRecord<String, String> r : got) {
      ids.add(header(r, "event_id"));
    }
    assertThat(got).hasSize(n);
    assertThat(ids).hasSize(n);
    // per-symbol order kept: the key's partition holds PAXG's ticks in sequence
    List<Long> paxg = got.stream().filter(r -> r.key().equals("PAXG")).map(r -> Tick.fromJson(new JsonObject(r.value()))
        .sequence()).toList();
    assertThat(paxg).isSorted();
  }

  @Test
  @Order(4)
  void kafkaDownAtStartUpIsReportedAndTheBridgeRecoversWhenItReturns() throws Exception {
    kafka.stop();
    Vertx other = Vertx.vertx();
    Codecs.registerAll(other);
    Map<String, String> env = new HashMap<>();
    env.put("RWA_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    RwaConfig cfg = ConfigLoader.load(other, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of()))
        .await(20, TimeUnit.SECONDS);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HealthRegistry otherHealth = new HealthRegistry(other, Duration.ofSeconds(6));
    RoleContext otherCtx = new RoleContext(other, cfg, metrics, otherHealth, new DeadLetters(other, metrics),
        new LocalKeyValueStore(other), AssetCatalogue.load(), Optional.empty());
    BridgeRole late = new BridgeRole();
    try {
      late.deploy(otherCtx).await(60, TimeUnit.SECONDS);   // starts without Kafka
      HealthRegistry.Check check = otherHealth.runAll().await(20, TimeUnit.SECONDS).stream()
          .filter(c -> c.name().equals("kafka-bridge")).findFirst().orElseThrow();
      assertThat(check.up()).isFalse();
      assertThat(check.detail()).contains("Kafka does not answer");
      Instant t = Instant.now();
      for (int i = 0; i < 100; i++) {
        other.eventBus().publish(Addresses.TICKS, new Tick("late-" + i, "PAXG", "test-feed", BigDecimal.TEN,
            BigDecimal.ONE, "USD", t, t, i));
      }
      kafka.start();
      awaitThat(() -> {
        try {
          return otherHealth.runAll().await(20, TimeUnit.SECONDS).stream()
              .anyMatch(c -> c.name().equals("kafka-bridge") && c.up());
        } catch (Exception e) {
          return false;
        }
      }, "readiness reports Kafka once it is there", 60);
      assertThat(read("ticks-clean", 100, r -> r.value().contains("\"late-"))).hasSize(100);
    } finally {
      late.quiesce(otherCtx).await(30, TimeUnit.SECONDS);
      other.close().await(30, TimeUnit.SECONDS);
      kafka.start();
    }
  }

  @Test
  @Order(5)
  void aLaggingHandlerPausesTheConsumerAndOffsetsWaitForItsAnswers() throws Exception {
    int n = 400;
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    List<Message<RawRecord>> held = new CopyOnWriteArrayList<>();
    AtomicBoolean answering = new AtomicBoolean();
    MessageConsumer<RawRecord> slow = vertx.eventBus().consumer("test.slow", m -> {
      seen.computeIfAbsent(m.body().eventId(), k -> new AtomicInteger()).incrementAndGet();
      if (answering.get()) {
        m.reply(null);
      } else {
        held.add(m);
      }
    });
    slow.completion().await(10, TimeUnit.SECONDS);
    try (KafkaProducer<String, String> p = kafka.createProducer(); Admin admin = kafka.createAdmin()) {
      for (int i = 0; i < n; i++) {
        RawRecord r = new RawRecord("slow-" + i, "kafka-feed", RecordKind.PRICE, Instant.now(), "{\"i\":" + i + "}");
        p.send(new ProducerRecord<>(slowTopic, "k" + (i % 7), r.toJson().encode()));
      }
      p.flush();
      awaitThat(() -> held.size() == 50, "the handler holds 50 unanswered records", 60);
      Thread.sleep(1_500); // a negative check: nothing more arrives while 50 are unanswered
      assertThat(held).as("at most inbound-max-in-flight records unanswered").hasSize(50);
      JsonObject status = inbound();
      assertThat(status.getBoolean("paused")).as("paused: %s", status).isTrue();
      assertThat(status.getInteger("in_flight")).isEqualTo(50);
      assertThat(committed(admin, slowTopic)).as("no offset past an unanswered record").isZero();

      // answering 30 brings the in-flight count to 20 (≤ half): the consumer resumes and tops up to 50 again
      for (int i = 0; i < 30; i++) {
        held.get(i).reply(null);
      }
      awaitThat(() -> held.size() == 80, "the consumer resumed and handed over 30 more", 30);
      answering.set(true);
      held.subList(30, held.size()).forEach(m -> m.reply(null));
      awaitThat(() -> seen.size() == n, "every record reached the handler", 60);
      awaitThat(() -> committed(admin, slowTopic) == n, "every offset committed once answered", 30);
    } finally {
      slow.unregister();
    }
    assertThat(seen.values()).as("each record handed over once").allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
    assertThat(metrics.get("rwa.bridge.inbound.pauses").counter().count()).isGreaterThanOrEqualTo(2);
    assertThat(inbound().getBoolean("paused")).isFalse();
  }

  @Test
  @Order(6)
  void aRefusedRecordIsDeadLetteredAndOneWithoutAHandlerYetWaitsForIt() throws Exception {
    MessageConsumer<RawRecord> refusing = vertx.eventBus().consumer("test.refuse", m -> m.fail(422, "bad price"));
    refusing.completion().await(10, TimeUnit.SECONDS);
    try (KafkaProducer<String, String> p = kafka.createProducer(); Admin admin = kafka.createAdmin()) {
      for (int i = 0; i < 3; i++) {
        p.send(new ProducerRecord<>(refuseTopic, "k", new RawRecord("refused-" + i, "kafka-feed", RecordKind.PRICE,
            Instant.now(), "{}").toJson().encode())).get();
      }
      awaitThat(() -> dead.stream().filter(d -> d.reasonCode().equals("bridge.refused")).count() == 3,
          "the three refusals dead-lettered", 30);
      assertThat(dead).filteredOn(d -> d.reasonCode().equals("bridge.refused"))
          .allSatisfy(d -> assertThat(d.detail()).contains("test.refuse refused it: bad price"));
      awaitThat(() -> committed(admin, refuseTopic) == 3, "the refused records committed past", 30);

      // nobody handles test.late yet: the records are sent again and again, and nothing is committed past them
      for (int i = 0; i < 5; i++) {
        p.send(new ProducerRecord<>(lateTopic, "k", new RawRecord("late-" + i, "kafka-feed", RecordKind.PRICE,
            Instant.now(), "{}").toJson().encode())).get();
      }
      awaitThat(() -> metrics.get("rwa.bridge.inbound.resent").counter().count() >= 5,
          "each record sent again while no handler exists", 30);
      assertThat(committed(admin, lateTopic)).as("nothing committed before a handler answered").isZero();
      List<String> arrived = new CopyOnWriteArrayList<>();
      MessageConsumer<RawRecord> late = vertx.eventBus().consumer("test.late", m -> {
        arrived.add(m.body().eventId());
        m.reply(null);
      });
      late.completion().await(10, TimeUnit.SECONDS);
      try {
        awaitThat(() -> arrived.size() == 5, "the handler deployed late gets every record", 30);
        awaitThat(() -> committed(admin, lateTopic) == 5, "committed once answered", 30);
        assertThat(arrived).containsExactlyInAnyOrder("late-0", "late-1", "late-2", "late-3", "late-4");
      } finally {
        late.unregister();
      }
    } finally {
      refusing.unregister();
    }
  }

  // ------------------------------------------------------------------------------------------------------------

  private static JsonObject inbound() throws Exception {
    return health.runAll().await(20, TimeUnit.SECONDS).stream().filter(c -> c.name().equals("kafka-bridge"))
        .findFirst().orElseThrow().data().getJsonObject("consumer");
  }

  private static long committed(Admin admin, String topic) {
    try {
      return admin.listConsumerGroupOffsets("rwa-bridge").partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
          .entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset()).sum();
    } catch (Exception e) {
      return -1;
    }
  }

  private static boolean kafkaUp() {
    try {
      return health.runAll().await(20, TimeUnit.SECONDS).stream()
          .anyMatch(c -> c.name().equals("kafka-bridge") && c.up());
    } catch (Exception e) {
      return false;
    }
  }

  private static List<ConsumerRecord<String, String>> read(String topic, int expected,
      java.util.function.Predicate<ConsumerRecord<String, String>> mine) throws Exception {
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (out.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
          if (mine.test(r)) {
            out.add(r);
          }
        }
      }
      // anything beyond the expected count (a duplicate) shows up within a few more polls
      long extra = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < extra) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          if (mine.test(r)) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }

  private static String header(ConsumerRecord<String, String> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static void awaitThat(BooleanSupplier condition, String what, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(200);
    }
  }
}
