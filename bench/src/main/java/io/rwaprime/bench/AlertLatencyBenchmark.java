package io.rwaprime.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.alerts.AlertsRole;
import io.rwaprime.bridge.BridgeRole;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.cache.LocalKeyValueStore;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.AlertEvent;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.Tick;
import io.rwaprime.testkit.KafkaBroker;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.HdrHistogram.Histogram;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 10: tick → alert latency through Kafka, against the event bus alone, in the same run, on the same PostgreSQL
 * (embedded, loopback) and Kafka broker (KRaft, in-process). Each run deploys the alerts role in a fresh Vert.x;
 * the Kafka path also deploys the bridge role ({@code rwa.ticks} → a topic, 8 partitions) and sets
 * {@code alerts.source: kafka} on that topic. Ticks for 8 assets are published on {@code rwa.ticks} at a steady
 * rate, each on the other side of a crossing rule's threshold from the previous one of its asset, so every tick
 * fires (8 users, cooldown 0, flood limit off). Latency: from the tick's publication to the in-app delivery of its
 * firing ({@code rwa.alerts.triggered}), i.e. through the bridge's producer, the broker, the alerts consumer, the
 * outbox transaction and its commit — and the offset commit of the previous batch on the Kafka path. The first
 * {@value #WARMUP_SECONDS} s of each run are not counted.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.rwaprime.bench.AlertLatencyBenchmark [ticks/s] [seconds] [trials]}
 */
public final class AlertLatencyBenchmark {

  private static final String[] SYMBOLS = {"PAXG", "XAUT", "BUIDL", "OUSG", "USDY", "BENJI", "TBILL", "USTB"};
  private static final int WARMUP_SECONDS = 5;

  private AlertLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int trials = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    KafkaBroker kafka = KafkaBroker.instance();
    PostgresServer pg = PostgresServer.instance();
    String db = pg.createDatabase("alertlatency");
    String url = "postgresql://" + pg.host() + ":" + pg.port() + "/" + db;
    prepare(url, pg);
    System.out.printf("tick → alert latency, %d ticks/s (every tick fires), %d s per run after %d s warm-up%n%n",
        rate, seconds, WARMUP_SECONDS);
    System.out.println("| trial | path | firings | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|");
    for (int trial = 1; trial <= trials; trial++) {
      for (boolean viaKafka : new boolean[] {false, true}) {
        Histogram h = run(kafka, url, pg, viaKafka, rate, seconds, trial);
        System.out.printf("| %d | %s | %,d | %.1f | %.1f | %.1f | %.1f |%n", trial,
            viaKafka ? "bus → bridge → Kafka → alerts" : "event bus → alerts", h.getTotalCount(),
            h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getMaxValue() / 1e3);
      }
    }
    System.exit(0);
  }

  /** Schema, 8 users and one crossing rule each (threshold 100, no cooldown). */
  private static void prepare(String url, PostgresServer pg) throws Exception {
    Vertx vertx = Vertx.vertx();
    Database database = Database.open(vertx, new RwaConfig.Database(Optional.of(java.net.URI.create(url)), pg.user(),
        pg.password(), 2, java.nio.file.Path.of("unused"), 0, "unused"), AssetCatalogue.load())
        .await(2, TimeUnit.MINUTES);
    for (String symbol : SYMBOLS) {
      java.util.UUID user = database.pool().preparedQuery("INSERT INTO users (email, password_hash, email_verified) "
              + "VALUES ($1, 'not-a-login', true) RETURNING user_id").execute(Tuple.of(symbol.toLowerCase()
              + "@bench.test")).await(10, TimeUnit.SECONDS).iterator().next().getUUID(0);
      database.pool().preparedQuery("""
              INSERT INTO alerts (user_id, asset_id, condition_type, condition_value, notification_method, channels,
                                  cooldown_seconds)
              SELECT $1, asset_id, 'price_crosses', jsonb_build_object('threshold', '100'), 'in_app',
                     '["in_app"]'::jsonb, 0 FROM assets WHERE symbol = $2""")
          .execute(Tuple.of(user, symbol)).await(10, TimeUnit.SECONDS);
    }
    database.close().await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  /**
   * Until the path delivers an alert (on Kafka: until the consumer has joined its group and got its partitions):
   * probe ticks of one asset that keep crossing the threshold, one every 100 ms, for at most a minute.
   */
  private static void awaitFirstAlert(Vertx vertx, String prefix) throws Exception {
    java.util.concurrent.CountDownLatch alerted = new java.util.concurrent.CountDownLatch(1);
    var probe = vertx.eventBus().<AlertEvent>consumer(Addresses.ALERTS_TRIGGERED, m -> {
      if (m.body().triggerId().contains(":" + prefix + "-")) {
        alerted.countDown();
      }
    });
    probe.completion().await(10, TimeUnit.SECONDS);
    for (int k = 0; k < 600 && !alerted.await(100, TimeUnit.MILLISECONDS); k++) {
      Instant now = Instant.now();
      vertx.eventBus().publish(Addresses.TICKS, new Tick(prefix + "-" + k, SYMBOLS[0], "bench",
          k % 2 == 0 ? new BigDecimal("99") : new BigDecimal("101"), BigDecimal.ONE, "USD", now, now, k));
    }
    probe.unregister().await(10, TimeUnit.SECONDS);
    if (alerted.getCount() > 0) {
      throw new IllegalStateException("no alert came through within a minute");
    }
  }

  private static Histogram run(KafkaBroker kafka, String url, PostgresServer pg, boolean viaKafka, int rate,
                               int seconds, int trial) throws Exception {
    Vertx vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    Map<String, String> env = new HashMap<>();
    env.put("RWA_DATABASE_URL", url);
    env.put("RWA_DATABASE_USER", pg.user());
    env.put("RWA_DATABASE_PASSWORD", pg.password());
    env.put("RWA_DATABASE_POOL_SIZE", "8");
    env.put("RWA_ALERTS_FLOOD_LIMIT", "100000");
    if (viaKafka) {
      String topic = kafka.createUniqueTopic("bench-ticks", 8);
      String risk = kafka.createUniqueTopic("bench-risk", 8);
      env.put("RWA_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      env.put("RWA_BRIDGE_OUTBOUND", new JsonArray().add(new JsonObject().put("address", Addresses.TICKS)
          .put("topic", topic).put("type", "tick")).encode());
      env.put("RWA_ALERTS_SOURCE", "kafka");
      env.put("RWA_ALERTS_TICKS_TOPIC", topic);
      env.put("RWA_ALERTS_RISK_TOPIC", risk);
      env.put("RWA_ALERTS_GROUP_ID", "bench-alerts-" + trial);
    }
    RwaConfig cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of()))
        .await(20, TimeUnit.SECONDS);
    Database database = Database.open(vertx, cfg.database(), AssetCatalogue.load()).await(1, TimeUnit.MINUTES);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RoleContext ctx = new RoleContext(vertx, cfg, metrics, new HealthRegistry(vertx, Duration.ofSeconds(5)),
        new DeadLetters(vertx, metrics), new LocalKeyValueStore(vertx), AssetCatalogue.load(), Optional.of(database));
    List<Role> roles = new ArrayList<>();
    roles.add(new AlertsRole());
    if (viaKafka) {
      roles.add(new BridgeRole());
    }
    for (Role r : roles) {
      r.deploy(ctx).await(60, TimeUnit.SECONDS);
    }

    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
    vertx.eventBus().<AlertEvent>consumer(Addresses.ALERTS_TRIGGERED, m -> {
      long now = System.nanoTime();
      String trigger = m.body().triggerId();
      Long t0 = sentAt.remove(trigger.substring(trigger.indexOf(':') + 1));
      if (t0 != null && t0 >= measureFrom.get()) {
        h.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(now - t0), h.getHighestTrackableValue()));
      }
    }).completion().await(10, TimeUnit.SECONDS);
    awaitFirstAlert(vertx, viaKafka ? "probe-k" + trial : "probe-b" + trial);

    long periodNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS + seconds);
    measureFrom.set(start + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS));
    long i = 0;
    while (System.nanoTime() < end) {
      long due = start + i * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String symbol = SYMBOLS[(int) (i % SYMBOLS.length)];
      long k = i / SYMBOLS.length;
      String id = (viaKafka ? "k" : "b") + trial + "-" + i;
      Instant now = Instant.now();
      Tick t = new Tick(id, symbol, "bench", k % 2 == 0 ? new BigDecimal("101") : new BigDecimal("99"), BigDecimal.ONE,
          "USD", now, now, k);
      sentAt.put(id, System.nanoTime());
      vertx.eventBus().publish(Addresses.TICKS, t);
      i++;
    }
    long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < drainUntil && sentAt.values().stream().anyMatch(t0 -> t0 >= measureFrom.get())) {
      Thread.sleep(50);
    }
    long missing = sentAt.values().stream().filter(t0 -> t0 >= measureFrom.get()).count();
    if (missing > 0) {
      System.out.printf("(%s: %d measured ticks had no alert within 20 s)%n", viaKafka ? "kafka" : "bus", missing);
    }
    for (Role r : roles) {
      r.quiesce(ctx).await(30, TimeUnit.SECONDS);
    }
    database.close().await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
    return h;
  }
}
