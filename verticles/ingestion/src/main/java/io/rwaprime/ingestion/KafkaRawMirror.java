package io.rwaprime.ingestion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

/**
 * Mirrors every raw record to its Kafka raw topic ({@code price-data-raw}, {@code onchain-data-raw},
 * {@code economic-data-raw}, {@code news-sentiment-raw}) when Kafka is configured: value = the record's
 * JSON form (schema {@code raw-record.schema.json}), key = its source, headers with the event id, schema
 * version and source. The producer is idempotent with {@code acks=all}, set explicitly. The event loop
 * only enqueues: a dedicated thread calls the producer, whose {@code send} may block while it waits for
 * metadata. Failures (and a full queue) are counted and make readiness report Kafka.
 */
final class KafkaRawMirror {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaRawMirror.class);
  private static final Duration ERROR_WINDOW = Duration.ofSeconds(30);
  private static final byte[] SCHEMA_VERSION = "1".getBytes(StandardCharsets.UTF_8);

  private static final int QUEUE = 100_000;

  private final KafkaProducer<String, byte[]> producer;
  private final java.util.concurrent.BlockingQueue<RawRecord> queue = new java.util.concurrent.ArrayBlockingQueue<>(QUEUE);
  private final Thread sender;
  private volatile boolean running = true;
  private final Counter sent;
  private final Counter failed;
  private volatile Instant lastError;
  private volatile String lastErrorMessage;

  KafkaRawMirror(String bootstrapServers, MeterRegistry metrics) {
    Properties p = new Properties();
    p.putAll(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
        ProducerConfig.LINGER_MS_CONFIG, "5",
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip",
        ProducerConfig.CLIENT_ID_CONFIG, "rwa-ingestion-raw",
        ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000"));
    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    sent = Counter.builder("rwa.kafka.raw.sent").description("Raw records acknowledged by Kafka").register(metrics);
    failed = Counter.builder("rwa.kafka.raw.failed").description("Raw records Kafka did not take").register(metrics);
    sender = Thread.ofPlatform().daemon().name("rwa-kafka-raw").start(this::drain);
  }

  /** Enqueues a record; never blocks. */
  void send(RawRecord record) {
    if (!queue.offer(record)) {
      failure(new IllegalStateException("the Kafka mirror queue is full (" + QUEUE + " records)"));
    }
  }

  private void drain() {
    while (running || !queue.isEmpty()) {
      try {
        RawRecord r = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (r != null) {
          produce(r);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void produce(RawRecord record) {
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.rawTopic(record.kind()), record.source(),
        record.toJson().toBuffer().getBytes());
    r.headers().add("event_id", record.eventId().getBytes(StandardCharsets.UTF_8))
        .add("schema_version", SCHEMA_VERSION)
        .add("source", record.source().getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(r, (meta, err) -> {
        if (err == null) {
          sent.increment();
        } else {
          failure(err);
        }
      });
    } catch (RuntimeException e) {
      // metadata not available within max.block.ms: the broker is unreachable
      failure(e);
    }
  }

  private void failure(Throwable err) {
    failed.increment();
    if (lastError == null || Duration.between(lastError, Instant.now()).toSeconds() > 5) {
      LOG.warn("raw record not mirrored to Kafka [reason: {}]", err.getMessage());
    }
    lastError = Instant.now();
    lastErrorMessage = err.getMessage();
  }

  /** Readiness: down while sends failed within the last 30 s. */
  Future<JsonObject> check() {
    Instant e = lastError;
    if (e != null && Duration.between(e, Instant.now()).compareTo(ERROR_WINDOW) < 0) {
      return Future.failedFuture("kafka: " + lastErrorMessage);
    }
    return Future.succeededFuture(new JsonObject().put("sent", (long) sent.count()).put("failed", (long) failed.count()));
  }

  Future<Void> close(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      running = false;
      sender.join(10_000);
      producer.close(Duration.ofSeconds(5));
      return null;
    }, false);
  }
}
