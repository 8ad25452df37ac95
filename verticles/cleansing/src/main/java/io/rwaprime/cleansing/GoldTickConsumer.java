package io.rwaprime.cleansing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.events.DeadLetter;
import io.rwaprime.events.Tick;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The gold tick writer's durable path ({@code cleansing.gold-source: kafka}): one consumer thread reads the cleaned
 * ticks topic, each polled batch is written through a {@link TickWriter} (retried until stored), and only then are
 * the offsets committed. A process that dies between the write and the commit re-reads the batch after its restart;
 * the insert is idempotent by the tick's key, so the replay has no second effect. A value that is not a tick goes to
 * dead-letter ({@code gold.undecodable}) and is committed past.
 */
final class GoldTickConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(GoldTickConsumer.class);

  private final Vertx vertx;
  private final Context context;
  private final TickWriter writer;
  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final DeadLetters deadLetters;
  private final Counter consumed;
  private final Thread poller;
  private volatile boolean running = true;
  private volatile Instant lastBatchAt;
  private volatile String lastError;
  /** Tests: die after the first batch is stored and before its offsets are committed. */
  private final boolean crashAfterWrite;

  GoldTickConsumer(Vertx vertx, Pool pool, String bootstrapServers, String topic, String groupId,
                   DeadLetters deadLetters, MeterRegistry metrics) {
    this(vertx, pool, bootstrapServers, topic, groupId, deadLetters, metrics, false);
  }

  GoldTickConsumer(Vertx vertx, Pool pool, String bootstrapServers, String topic, String groupId,
                   DeadLetters deadLetters, MeterRegistry metrics, boolean crashAfterWrite) {
    this.crashAfterWrite = crashAfterWrite;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.writer = new TickWriter(vertx, pool, metrics);
    this.topic = topic;
    this.deadLetters = deadLetters;
    this.consumed = Counter.builder("rwa.gold.kafka.consumed").description("ticks read from Kafka by the gold writer")
        .register(metrics);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(TickWriter.MAX_BATCH));
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    this.poller = Thread.ofPlatform().daemon().name("rwa-gold-ticks").start(this::poll);
  }

  private void poll() {
    consumer.subscribe(List.of(topic));
    try {
      while (running) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          continue;
        }
        List<Tick> ticks = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> r : records) {
          try {
            ticks.add(Tick.fromJson(new JsonObject(r.value())));
          } catch (RuntimeException e) {
            deadLetters.reject(DeadLetter.of(r.topic() + "-" + r.partition() + "-" + r.offset(), "kafka:" + r.topic(),
                "cleansing", "gold.undecodable", r.topic() + "/" + r.partition() + "@" + r.offset() + ": "
                    + e.getMessage(), String.valueOf(r.value())));
          }
        }
        store(ticks);
        if (crashAfterWrite) {
          LOG.warn("gold consumer dies after the write, before the commit (test)");
          running = false;
          break;
        }
        consumer.commitSync();
        consumed.increment(ticks.size());
        lastBatchAt = Instant.now();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      lastError = e.toString();
      LOG.error("gold tick consumer stopped [reason: {}]", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Writes a batch on the writer's context and waits until it is stored (the writer retries until it is). */
  private void store(List<Tick> ticks) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      ticks.forEach(writer::add);
      writer.flush().onComplete(ar -> {
        if (ar.succeeded()) {
          done.complete(null);
        } else {
          done.completeExceptionally(ar.cause());
        }
      });
    });
    try {
      done.get(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("ticks not stored: " + e.getMessage(), e);
    }
  }

  /** For readiness: what the consumer did last. */
  JsonObject status() {
    return new JsonObject().put("topic", topic).put("running", running && poller.isAlive())
        .put("last_batch_at", lastBatchAt == null ? null : lastBatchAt.toString()).put("last_error", lastError)
        .put("consumed", (long) consumed.count());
  }

  boolean alive() {
    return poller.isAlive();
  }

  void close() {
    running = false;
    consumer.wakeup();
    try {
      poller.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
