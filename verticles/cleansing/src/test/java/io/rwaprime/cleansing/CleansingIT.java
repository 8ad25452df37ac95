package io.rwaprime.cleansing;

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
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.rwaprime.events.Tick;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The cleansing role against a real PostgreSQL: bad input to dead-letter with reasons, good input stored once. */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CleansingIT {

  private static Vertx vertx;
  private static Database database;
  private static PostgresServer pg;
  private static String db;
  private static final List<Tick> published = new CopyOnWriteArrayList<>();
  private static int seq;

  @BeforeAll
  static void start(PostgresServer postgres) throws Exception {
    pg = postgres;
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    db = pg.createDatabase("cleansing");
    RwaConfig cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(), Map.of(), Map.of()))
        .await(20, TimeUnit.SECONDS);
    database = Database.open(vertx, new RwaConfig.Database(Optional.of(URI.create("postgresql://" + pg.host() + ":"
        + pg.port() + "/" + db)), pg.user(), pg.password(), 4, Path.of("unused"), 0, "unused"), AssetCatalogue.load())
        .await(1, TimeUnit.MINUTES);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RoleContext ctx = new RoleContext(vertx, cfg, metrics, new HealthRegistry(vertx, Duration.ofSeconds(1)),
        new DeadLetters(vertx, metrics), new LocalKeyValueStore(vertx), AssetCatalogue.load(), Optional.of(database));
    vertx.eventBus().<Tick>consumer(Addresses.TICKS, m -> published.add(m.body()));
    new CleansingRole().deploy(ctx).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    // undeploy first: the verticles flush into the pool while it is still open
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).await(30, TimeUnit.SECONDS);
    }
    if (database != null) {
      database.close().await(30, TimeUnit.SECONDS);
    }
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private static RawRecord raw(RecordKind kind, String payload) {
    return new RawRecord("it-" + (++seq), "it-source", kind, Instant.now(), payload);
  }

  private static void send(RawRecord r) {
    vertx.eventBus().send(Addresses.rawAddress(r.kind()), r);
  }

  private static JsonObject drain() throws Exception {
    return vertx.eventBus().<JsonObject>request(Addresses.CLEANSING_CONTROL, "drain").await(30, TimeUnit.SECONDS).body();
  }

  private static long count(String sql) {
    try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      vertx.timer(100).await();
    }
  }

  private static String tick(String symbol, String price, Instant ts, long seq) {
    return "{\"symbol\":\"" + symbol + "\",\"price\":\"" + price + "\",\"volume\":\"1\",\"ts\":\"" + ts + "\",\"seq\":" + seq + "}";
  }

  @Test
  void everyBadInputIsDeadLetteredWithItsReasonAndThePipelineKeepsRunning() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Map<String, String> bad = Map.ofEntries(
        Map.entry("json.malformed", "{\"symbol\":"),
        Map.entry("field.unknown", "{\"symbol\":\"PAXG\",\"price\":\"1\",\"ts\":\"" + now + "\",\"colour\":\"red\"}"),
        Map.entry("field.missing", "{\"price\":\"1\",\"ts\":\"" + now + "\"}"),
        Map.entry("price.not-a-number", tick("PAXG", "NaN", now, 1)),
        Map.entry("price.non-positive", tick("PAXG", "0", now, 2)),
        Map.entry("volume.negative", "{\"symbol\":\"PAXG\",\"price\":\"1\",\"volume\":\"-2\",\"ts\":\"" + now + "\"}"),
        Map.entry("time.future", tick("PAXG", "1", now.plus(1, ChronoUnit.HOURS), 3)),
        Map.entry("time.too-old", tick("PAXG", "1", now.minus(400, ChronoUnit.DAYS), 4)),
        Map.entry("symbol.unknown", tick("NOSUCHCOIN", "1", now, 5)),
        Map.entry("json.not-object", "[1,2]"));
    for (String payload : bad.values()) {
      send(raw(RecordKind.PRICE, payload));
    }
    send(raw(RecordKind.PRICE, "\uFFFD\uFFFD not utf-8 any more"));
    String good = tick("XAUT", "2650.5", now, 77);
    send(raw(RecordKind.PRICE, good));
    JsonObject drained = drain();
    assertThat(drained.getLong("ticks_accepted")).isGreaterThanOrEqualTo(1);
    await("dead letters stored", () -> count("SELECT count(*) FROM dead_letters WHERE source = 'it-source'") >= bad.size() + 1);
    for (String reason : bad.keySet()) {
      assertThat(count("SELECT count(*) FROM dead_letters WHERE source = 'it-source' AND reason_code = '" + reason + "'"))
          .as(reason).isGreaterThanOrEqualTo(1);
    }
    assertThat(count("SELECT count(*) FROM ticks WHERE symbol = 'XAUT' AND seq = 77")).isEqualTo(1);
  }

  @Test
  void ticksBecomeBarsOfEveryIntervalAndFeatures() throws Exception {
    Instant start = Instant.now().minusSeconds(50).truncatedTo(ChronoUnit.MILLIS);
    double[] prices = {101.5, 102.25, 100.75, 103.0, 102.5, 101.0, 104.25, 103.5};
    for (int i = 0; i < prices.length; i++) {
      send(raw(RecordKind.PRICE, "{\"symbol\":\"BCSPX\",\"price\":\"" + prices[i] + "\",\"volume\":\"" + (i + 1)
          + "\",\"ts\":\"" + start.plusSeconds(i * 6L) + "\",\"seq\":" + (900 + i) + "}"));
    }
    drain();
    for (String interval : List.of("1m", "5m", "1h", "1d")) {
      assertThat(count("SELECT coalesce(sum(tick_count), 0) FROM bars_" + interval + " WHERE symbol = 'BCSPX'"))
          .as("ticks in %s bars", interval).isEqualTo(prices.length);
      assertThat(count("SELECT count(*) FROM bars_" + interval + " WHERE symbol = 'BCSPX' AND high >= low"
          + " AND high = (SELECT max(high) FROM bars_" + interval + " WHERE symbol = 'BCSPX')"))
          .as("a %s bar holds the high", interval).isGreaterThanOrEqualTo(1);
    }
    assertThat(count("SELECT count(*) FROM bars_1d WHERE symbol = 'BCSPX' AND high = 104.25 AND low = 100.75"
        + " AND volume = 36")).isEqualTo(count("SELECT count(*) FROM bars_1d WHERE symbol = 'BCSPX'") == 1 ? 1 : 0);
    assertThat(count("SELECT count(*) FROM asset_features WHERE symbol = 'BCSPX'")).isEqualTo(1);
  }

  @Test
  void anOutlierIsDeadLetteredAndLeftOutOfBars() throws Exception {
    Instant start = Instant.now().minusSeconds(40).truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < 40; i++) {
      String price = i == 30 ? "2650.0" : String.valueOf(265.0 + (i % 3) * 0.05);
      send(raw(RecordKind.PRICE, "{\"symbol\":\"KAU\",\"price\":\"" + price + "\",\"volume\":\"1\",\"ts\":\""
          + start.plusMillis(i * 500L) + "\",\"seq\":" + (5000 + i) + "}"));
    }
    drain();
    await("outlier dead-lettered", () -> count("SELECT count(*) FROM dead_letters WHERE reason_code = 'price.outlier'") >= 1);
    assertThat(count("SELECT count(*) FROM bars_1d WHERE symbol = 'KAU' AND high > 1000")).isZero();
    assertThat(count("SELECT coalesce(sum(tick_count), 0) FROM bars_1d WHERE symbol = 'KAU'")).isEqualTo(39);
  }

  @Test
  void aDuplicateFloodKeepsOneTick() throws Exception {
    Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String payload = tick("PAXG", "2701.25", ts, 4242);
    published.clear();
    for (int i = 0; i < 10; i++) {
      send(raw(RecordKind.PRICE, payload));
    }
    drain();
    assertThat(count("SELECT count(*) FROM ticks WHERE symbol = 'PAXG' AND seq = 4242")).isEqualTo(1);
    assertThat(published.stream().filter(t -> t.sequence() == 4242)).hasSize(1);
    await("9 duplicates dead-lettered", () -> count("SELECT count(*) FROM dead_letters WHERE reason_code = 'duplicate'") >= 9);
  }

  @Test
  void macroObservationsAreStoredAndBadOnesRejected() throws Exception {
    send(raw(RecordKind.MACRO, "{\"series\":\"DTB3\",\"time\":\"2026-11-03\",\"value\":\"4.21\",\"source\":\"fred\"}"));
    send(raw(RecordKind.MACRO, "{\"series\":\"DTB3\",\"time\":\"2026-11-03\",\"value\":\"4.22\",\"source\":\"fred\"}"));
    send(raw(RecordKind.MACRO, "{\"series\":\"DTB3\",\"time\":\"2026-11-04\",\"value\":\".\"}"));
    await("macro point stored", () -> count("SELECT count(*) FROM macro_points WHERE series = 'DTB3'") == 1);
    await("the later value wins", () -> count("SELECT count(*) FROM macro_points WHERE series = 'DTB3' AND value = 4.22") == 1);
    await("bad value dead-lettered", () -> count("SELECT count(*) FROM dead_letters WHERE reason_code = 'value.not-a-number'") == 1);
  }

  @Test
  void newsBuildsDailySentimentCountingEachArticleOnce() throws Exception {
    Instant published = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String a = "{\"id\":\"n1\",\"source\":\"wire\",\"title\":\"BlackRock BUIDL inflows surge\",\"url\":\"https://example.com/1\","
        + "\"published_at\":\"" + published + "\",\"symbols\":[\"BUIDL\"],\"sentiment\":0.6}";
    String b = "{\"id\":\"n2\",\"source\":\"wire\",\"title\":\"BUIDL faces outflows\",\"url\":\"https://example.com/2\","
        + "\"published_at\":\"" + published + "\",\"symbols\":[\"BUIDL\"],\"sentiment\":-0.2}";
    send(raw(RecordKind.NEWS, a));
    send(raw(RecordKind.NEWS, b));
    send(raw(RecordKind.NEWS, a));
    send(raw(RecordKind.NEWS, "{\"id\":\"n3\",\"title\":\"x\",\"url\":\"javascript:alert(1)\",\"published_at\":\""
        + published + "\",\"sentiment\":0}"));
    await("two articles", () -> count("SELECT count(*) FROM news_items WHERE 'BUIDL' = ANY(symbols)") == 2);
    await("daily sentiment", () -> count("SELECT count(*) FROM sentiment_scores WHERE symbol = 'BUIDL' AND article_count = 2"
        + " AND sentiment_score = 0.2") == 1);
    await("bad article dead-lettered", () -> count("SELECT count(*) FROM dead_letters WHERE reason_code = 'news.invalid'") == 1);
  }
}
