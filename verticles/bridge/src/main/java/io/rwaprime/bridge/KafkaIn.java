package io.rwaprime.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.events.DeadLetter;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Topics → addresses: one consumer thread polls every inbound topic of the bridge; each value must parse as JSON,
 * match its type's published schema and read into the record, else it goes to dead-letter with the reason (code
 * {@code bridge.json|bridge.schema|bridge.record}). Offsets are committed after a polled batch has been published
 * on the bus (at-least-once into the bus: consumers that must not see a record twice key on its event id; the
 * durable consumers read Kafka themselves).
 */
final class KafkaIn {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaIn.class);

  private final Vertx vertx;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Mapping> byTopic;
  private final DeadLetters deadLetters;
  private final MeterRegistry metrics;
  private final Map<String, Counter> consumed = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;
  private volatile long lag;

  KafkaIn(Vertx vertx, String bootstrapServers, String groupId, List<Mapping> inbound, DeadLetters deadLetters,
          MeterRegistry metrics) {
    this.vertx = vertx;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.byTopic = inbound.stream().collect(Collectors.toMap(Mapping::topic, m -> m, (a, b) -> a));
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    io.micrometer.core.instrument.Gauge.builder("rwa.bridge.consumer.lag", this, k -> k.lag)
        .description("records the bridge's consumer is behind (max over its partitions)").register(metrics);
    this.poller = Thread.ofPlatform().daemon().name("rwa-bridge-consumer").start(this::poll);
  }

  private void poll() {
    consumer.subscribe(byTopic.keySet());
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, byte[]> r : records) {
          handle(r);
        }
        if (!records.isEmpty()) {
          consumer.commitSync();
        }
        consumer.metrics().forEach((name, metric) -> {
          if (name.name().equals("records-lag-max") && metric.metricValue() instanceof Double d && !d.isNaN()) {
            lag = d.longValue();
          }
        });
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("bridge consumer stopped [reason: {}]", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecord<String, byte[]> r) {
    Mapping m = byTopic.get(r.topic());
    String text = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
    String where = r.topic() + "/" + r.partition() + "@" + r.offset();
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      reject(r, "bridge.json", where + ": the value is not a JSON object: " + e.getMessage(), text);
      return;
    }
    String schema = m.type().schemaErrors(json);
    if (schema != null) {
      reject(r, "bridge.schema", where + ": " + m.type().name() + " schema: " + schema, text);
      return;
    }
    Object record;
    try {
      record = m.type().fromJson(json);
    } catch (IllegalArgumentException e) {
      reject(r, "bridge.record", where + ": " + e.getMessage(), text);
      return;
    }
    DeliveryOptions options = new DeliveryOptions().addHeader("kafka-topic", r.topic())
        .addHeader("kafka-offset", Long.toString(r.offset()));
    Header id = r.headers().lastHeader("event_id");
    if (id != null) {
      options.addHeader("event-id", new String(id.value(), StandardCharsets.UTF_8));
    }
    vertx.eventBus().publish(m.address(), record, options);
    consumed.computeIfAbsent(r.topic(), t -> Counter.builder("rwa.bridge.consumed").tag("topic", t)
        .register(metrics)).increment();
  }

  private void reject(ConsumerRecord<String, byte[]> r, String code, String detail, String payload) {
    Header id = r.headers().lastHeader("event_id");
    String eventId = id != null ? new String(id.value(), StandardCharsets.UTF_8)
        : r.topic() + "-" + r.partition() + "-" + r.offset();
    deadLetters.reject(DeadLetter.of(eventId, "kafka:" + r.topic(), "bridge", code, detail, payload));
  }

  long lag() {
    return lag;
  }

  void close() {
    running = false;
    consumer.wakeup();
    try {
      poller.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
