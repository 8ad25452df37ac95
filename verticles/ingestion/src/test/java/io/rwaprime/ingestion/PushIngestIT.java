package io.rwaprime.ingestion;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.cache.LocalKeyValueStore;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.http.HttpServerVerticle;
import io.rwaprime.common.http.Problems;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.RawRecord;
import io.rwaprime.ingestion.bronze.BronzeReader;
import io.rwaprime.events.Topics;
import io.rwaprime.testkit.FreePorts;
import io.rwaprime.testkit.KafkaBroker;
import io.rwaprime.testkit.KafkaExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.ExtendWith;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Push ingestion over real HTTP into the bronze archive and onto the raw address. */
@ExtendWith(KafkaExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PushIngestIT {

  private static final String KEY = "acme-ingest-secret-0001";
  private static Vertx vertx;
  private static WebClient client;
  private static int port;
  private static Path bronzeDir;
  private static KafkaBroker kafkaBroker;
  private static final List<RawRecord> received = new CopyOnWriteArrayList<>();

  private record Reply(int status, String contentType, JsonObject body) {}

  @BeforeAll
  static void start(KafkaBroker kafka) throws Exception {
    kafkaBroker = kafka;
    kafka.createTopic(Topics.PRICE_DATA_RAW, 1);
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    bronzeDir = Files.createTempDirectory("bronze-it");
    RwaConfig cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(), Map.of(
        "RWA_INGESTION_PUSH_KEYS", "acme:" + KEY + ",other:another-secret-key-02",
        "RWA_INGESTION_PUSH_MAX_ITEMS", "50",
        "RWA_INGESTION_BRONZE_DIR", bronzeDir.toString(),
        "RWA_SIMULATOR_ENABLED", "false",
        "RWA_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()), Map.of())).await(20, TimeUnit.SECONDS);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RoleContext ctx = new RoleContext(vertx, cfg, metrics, new HealthRegistry(vertx, Duration.ofSeconds(1)),
        new DeadLetters(vertx, metrics), new LocalKeyValueStore(vertx), AssetCatalogue.load(), Optional.empty());
    vertx.eventBus().<RawRecord>consumer(Addresses.RAW_PRICE, m -> received.add(m.body()));
    IngestionRole role = new IngestionRole();
    role.deploy(ctx).await();
    port = FreePorts.find();
    vertx.deployVerticle(() -> new HttpServerVerticle(new RwaConfig.Http("127.0.0.1", port, 1, 64 * 1024, false),
        ctx.health(), metrics, (vx, router) -> role.routes(router, ctx)), new DeploymentOptions()).await();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @BeforeEach
  void clear() {
    received.clear();
  }

  private static Reply post(String contentType, Buffer body, String key) throws Exception {
    HttpRequest<Buffer> req = client.post(port, "127.0.0.1", "/api/v1/ingest/ticks");
    if (contentType != null) {
      req.putHeader("Content-Type", contentType);
    }
    if (key != null && key.startsWith("Bearer ")) {
      req.putHeader("Authorization", key);
    } else if (key != null) {
      req.putHeader("X-Ingest-Key", key);
    }
    return req.sendBuffer(body).map(r -> new Reply(r.statusCode(), r.getHeader("Content-Type"),
        r.body() == null ? null : r.body().toJsonObject())).await(10, TimeUnit.SECONDS);
  }

  private static Buffer text(String s) {
    return Buffer.buffer(s);
  }

  private static List<RawRecord> bronze(String source) throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    try (BronzeReader.Cursor c = new BronzeReader(bronzeDir).read(source, today.minusDays(1), today.plusDays(1))) {
      return c.stream().toList();
    }
  }

  @Test
  void acceptsAJsonArrayIntoBronzeAndOntoTheBus() throws Exception {
    String body = """
        [{"symbol":"PAXG","price":"2650.25","volume":"1","ts":"2026-11-23T11:00:00Z","seq":1},
         {"symbol":"PAXG","price":"2650.50","ts":"2026-11-23T11:00:01Z","seq":2},
         {"symbol":"XAUT","price":"-1","ts":"2026-11-23T11:00:01Z"}]""";
    Reply r = post("application/json", text(body), KEY);
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.body().getInteger("received")).isEqualTo(3);
    assertThat(r.body().getJsonArray("event_ids")).hasSize(3);
    String firstId = r.body().getJsonArray("event_ids").getString(0);
    // the 202 came after the bronze flush: the records are on disk already
    List<RawRecord> archived = bronze("push:acme");
    assertThat(archived).extracting(RawRecord::eventId).contains(firstId);
    vertx.timer(200).await();
    assertThat(received).hasSize(3);
    assertThat(received).allSatisfy(rec -> assertThat(rec.source()).isEqualTo("push:acme"));
    assertThat(received.get(2).payload()).contains("\"-1\"");
  }

  @Test
  void mirrorsAcceptedRecordsToTheKafkaRawTopicWithHeaders() throws Exception {
    String body = "[{\"symbol\":\"OUSG\",\"price\":\"112.5\",\"ts\":\"2026-11-23T11:00:00Z\",\"seq\":31}]";
    Reply r = post("application/json", text(body), KEY);
    assertThat(r.status()).isEqualTo(202);
    String id = r.body().getJsonArray("event_ids").getString(0);
    Properties p = new Properties();
    p.putAll(kafkaBroker.clientProperties());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "push-it-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.PRICE_DATA_RAW));
      ConsumerRecord<String, String> found = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (found == null && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(500))) {
          if (new String(rec.headers().lastHeader("event_id").value(), StandardCharsets.UTF_8).equals(id)) {
            found = rec;
          }
        }
      }
      assertThat(found).as("record %s on %s", id, Topics.PRICE_DATA_RAW).isNotNull();
      assertThat(found.key()).isEqualTo("push:acme");
      assertThat(new String(found.headers().lastHeader("schema_version").value(), StandardCharsets.UTF_8)).isEqualTo("1");
      RawRecord mirrored = RawRecord.fromJson(new JsonObject(found.value()));
      assertThat(mirrored.eventId()).isEqualTo(id);
      assertThat(mirrored.payload()).contains("\"OUSG\"");
    }
  }

  @Test
  void acceptsNdjsonKeepingMalformedLinesForDeadLetter() throws Exception {
    String body = "{\"symbol\":\"BUIDL\",\"price\":\"1.0\",\"ts\":\"2026-11-23T11:00:00Z\"}\n{not json\n\n";
    Reply r = post("application/x-ndjson", text(body), "Bearer " + KEY);
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.body().getInteger("received")).isEqualTo(2);
    vertx.timer(200).await();
    assertThat(received).extracting(RawRecord::payload).containsExactly(
        "{\"symbol\":\"BUIDL\",\"price\":\"1.0\",\"ts\":\"2026-11-23T11:00:00Z\"}", "{not json");
  }

  @Test
  void refusesMissingOrWrongKeys() throws Exception {
    Reply none = post("application/json", text("[]"), null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.contentType()).isEqualTo(Problems.MEDIA_TYPE);
    assertThat(post("application/json", text("[{}]"), "acme-ingest-secret-0002").status()).isEqualTo(401);
    assertThat(received).isEmpty();
  }

  @Test
  void refusesBadBodiesWithSpecificProblems() throws Exception {
    assertThat(post("text/plain", text("hello"), KEY).body().getString("type")).endsWith("/unsupported-media-type");
    assertThat(post("application/json", text("[{\"a\":1}"), KEY).body().getString("type")).endsWith("/malformed-json");
    assertThat(post("application/json", text("42"), KEY).body().getString("type")).endsWith("/malformed-json");
    assertThat(post("application/json", text("[]"), KEY).body().getString("type")).endsWith("/no-items");
    assertThat(post("application/json", Buffer.buffer(), KEY).status()).isEqualTo(400);
    Reply badUtf8 = post("application/x-ndjson", Buffer.buffer(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}), KEY);
    assertThat(badUtf8.status()).isEqualTo(400);
    assertThat(badUtf8.body().getString("type")).endsWith("/invalid-utf8");
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 51; i++) {
      many.append(i == 0 ? "" : ",").append("{}");
    }
    Reply tooMany = post("application/json", text(many + "]"), KEY);
    assertThat(tooMany.status()).isEqualTo(413);
    assertThat(tooMany.body().getString("type")).endsWith("/too-many-items");
    Reply tooBig = post("application/json", Buffer.buffer(new byte[100 * 1024]), KEY);
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(received).isEmpty();
  }
}
