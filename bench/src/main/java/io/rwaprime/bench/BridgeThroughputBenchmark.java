package io.rwaprime.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.bridge.BridgeRole;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.cache.LocalKeyValueStore;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.Tick;
import io.rwaprime.testkit.KafkaBroker;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Issue 10: event bus → Kafka through the bridge role against the raw kafka-clients producer on the same records,
 * in the same run and against the same broker (KRaft, in-process, loopback). Bridge: {@code n} ticks published on
 * a mapped address; the clock stops when Kafka has acknowledged all {@code n} (the role's produced counter). Raw:
 * the same ticks turned into the same JSON, key and headers and sent by a producer with the bridge's settings
 * (idempotent, acks=all, lz4, linger 5 ms); the clock stops at the last acknowledgement. Prints records/s of both and
 * the ratio bridge / raw (goal ≥ 0.7).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.rwaprime.bench.BridgeThroughputBenchmark [ticks] [trials]}
 */
public final class BridgeThroughputBenchmark {

  private BridgeThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    KafkaBroker kafka = KafkaBroker.instance();
    System.out.println("| trial | bridge (records/s) | raw producer (records/s) | bridge / raw |");
    System.out.println("|---:|---:|---:|---:|");
    for (int trial = 1; trial <= trials; trial++) {
      List<Tick> ticks = ticks(n, trial);
      double bridge = bridge(kafka, ticks, trial);
      double raw = raw(kafka, ticks, trial);
      System.out.printf("| %d | %,.0f | %,.0f | %.2f× |%n", trial, bridge, raw, bridge / raw);
    }
    System.exit(0);
  }

  private static List<Tick> ticks(int n, int trial) {
    String[] symbols = {"PAXG", "XAUT", "BUIDL", "OUSG", "USDY", "BENJI", "TBILL", "USTB"};
    List<Tick> out = new ArrayList<>(n);
    Instant t = Instant.now();
    for (int i = 0; i < n; i++) {
      out.add(new Tick("bench-" + trial + "-" + i, symbols[i % symbols.length], "bench", new BigDecimal("2650.25"),
          BigDecimal.ONE, "USD", t, t, i));
    }
    return out;
  }

  private static double bridge(KafkaBroker kafka, List<Tick> ticks, int trial) throws Exception {
    String topic = kafka.createUniqueTopic("bench-bridge", 8);
    String address = "bench.ticks." + trial;
    Vertx vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    Map<String, String> env = new HashMap<>();
    env.put("RWA_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("RWA_BRIDGE_OUTBOUND", new JsonArray().add(new JsonObject().put("address", address).put("topic", topic)
        .put("type", "tick")).encode());
    RwaConfig cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of()))
        .await(20, TimeUnit.SECONDS);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RoleContext ctx = new RoleContext(vertx, cfg, metrics, new HealthRegistry(vertx, Duration.ofSeconds(5)),
        new DeadLetters(vertx, metrics), new LocalKeyValueStore(vertx), AssetCatalogue.load(), Optional.empty());
    BridgeRole role = new BridgeRole();
    role.deploy(ctx).await(60, TimeUnit.SECONDS);
    // warm the producer's metadata for the topic
    vertx.eventBus().publish(address, ticks.get(0));
    while (produced(metrics, topic) < 1) {
      Thread.sleep(10);
    }
    long t0 = System.nanoTime();
    int chunk = 1_000;
    for (int i = 1; i < ticks.size(); i += chunk) {
      int from = i;
      int to = Math.min(ticks.size(), i + chunk);
      // publish from the event loop, as the cleansing role does
      CountDownLatch done = new CountDownLatch(1);
      vertx.runOnContext(v -> {
        for (int k = from; k < to; k++) {
          vertx.eventBus().publish(address, ticks.get(k));
        }
        done.countDown();
      });
      done.await();
    }
    while (produced(metrics, topic) < ticks.size()) {
      Thread.sleep(2);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    role.quiesce(ctx).await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
    return (ticks.size() - 1) / seconds;
  }

  private static double produced(PrometheusMeterRegistry metrics, String topic) {
    Counter c = metrics.find("rwa.bridge.produced").tag("topic", topic).counter();
    return c == null ? 0 : c.count();
  }

  private static double raw(KafkaBroker kafka, List<Tick> ticks, int trial) throws Exception {
    String topic = kafka.createUniqueTopic("bench-raw", 8);
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
        new ByteArraySerializer())) {
      producer.send(record(topic, ticks.get(0))).get();
      CountDownLatch acked = new CountDownLatch(ticks.size() - 1);
      java.util.concurrent.atomic.AtomicInteger errors = new java.util.concurrent.atomic.AtomicInteger();
      long t0 = System.nanoTime();
      for (int i = 1; i < ticks.size(); i++) {
        producer.send(record(topic, ticks.get(i)), (meta, err) -> {
          if (err != null) {
            errors.incrementAndGet();
          }
          acked.countDown();
        });
      }
      acked.await(5, TimeUnit.MINUTES);
      if (errors.get() > 0) {
        System.out.println("raw producer: " + errors.get() + " records failed (not counted as a valid trial)");
      }
      return (ticks.size() - 1) / ((System.nanoTime() - t0) / 1e9);
    }
  }

  private static ProducerRecord<String, byte[]> record(String topic, Tick t) {
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, t.symbol(), t.toJson().toBuffer().getBytes());
    r.headers().add("event_id", t.eventId().getBytes(StandardCharsets.UTF_8))
        .add("schema_version", "1".getBytes(StandardCharsets.UTF_8))
        .add("source", t.source().getBytes(StandardCharsets.UTF_8));
    return r;
  }
}
