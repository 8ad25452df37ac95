package io.rwaprime.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.common.config.ConfigException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bridge's producer: idempotent with {@code acks=all}, set explicitly and then checked on the effective producer
 * configuration (some other settings silently turn idempotence off; such a configuration is refused at start). The
 * event loop only enqueues; one thread calls the producer, in order. While Kafka cannot take a record (down, buffer
 * full) the thread retries it after a pause instead of dropping it — Kafka's own retries run unbounded in time
 * ({@code delivery.timeout.ms} at its maximum), so an acknowledged record is written exactly once.
 */
final class KafkaOut {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaOut.class);
  static final int QUEUE = 200_000;

  /** One record to produce. */
  record Out(String topic, String key, byte[] value, String eventId, String source) {}

  private final KafkaProducer<String, byte[]> producer;
  private final BlockingQueue<Out> queue = new ArrayBlockingQueue<>(QUEUE);
  /** Records whose send failed after the producer took them: sent again before anything new. */
  private final java.util.concurrent.ConcurrentLinkedDeque<Out> retry = new java.util.concurrent.ConcurrentLinkedDeque<>();
  private final MeterRegistry metrics;
  private final Map<String, Counter> acked = new ConcurrentHashMap<>();
  private final Map<String, Counter> failed = new ConcurrentHashMap<>();
  private final AtomicLong inFlight = new AtomicLong();
  private final Thread sender;
  private volatile boolean running = true;
  private volatile Instant lastError;
  private volatile String lastErrorMessage;

  KafkaOut(String bootstrapServers, Map<String, String> overrides, MeterRegistry metrics) {
    this.metrics = metrics;
    this.producer = new KafkaProducer<>(properties(bootstrapServers, overrides));
    Gauge.builder("rwa.bridge.backlog", queue, BlockingQueue::size)
        .description("records waiting for the Kafka producer").register(metrics);
    this.sender = Thread.ofPlatform().daemon().name("rwa-bridge-producer").start(this::drain);
  }

  /**
   * The producer properties: the overrides, then the fixed ones; refused when the effective configuration would not
   * be an idempotent producer with {@code acks=all}.
   */
  static Properties properties(String bootstrapServers, Map<String, String> overrides) {
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String v = e.getValue().trim();
      if (e.getKey().equals(ProducerConfig.ACKS_CONFIG) && !v.equals("all") && !v.equals("-1")) {
        throw new ConfigException("bridge.producer.acks", "must stay all: the bridge needs an idempotent producer "
            + "whose records every in-sync replica has (was " + v + ")");
      }
      if (e.getKey().equals(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG) && !v.equals("true")) {
        throw new ConfigException("bridge.producer.enable.idempotence", "must stay true: without it a retried send "
            + "can write a record twice (was " + v + ")");
      }
    }
    Properties p = new Properties();
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "rwa-bridge");
    p.putAll(overrides);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    ProducerConfig effective;
    try {
      effective = new ProducerConfig(p);
    } catch (org.apache.kafka.common.config.ConfigException e) {
      throw new ConfigException("bridge.producer", e.getMessage());
    }
    String acks = effective.getString(ProducerConfig.ACKS_CONFIG);
    if (!Boolean.TRUE.equals(effective.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))
        || !(acks.equals("all") || acks.equals("-1"))) {
      throw new ConfigException("bridge.producer", "the effective producer configuration is not idempotent with "
          + "acks=all (enable.idempotence=" + effective.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)
          + ", acks=" + acks + ")");
    }
    return p;
  }

  /** Enqueues a record; false when the backlog is full (the caller dead-letters it). Never blocks. */
  boolean offer(Out out) {
    return queue.offer(out);
  }

  int backlog() {
    return queue.size() + retry.size();
  }

  long inFlight() {
    return inFlight.get();
  }

  /** The last failure within {@code window}, else null. */
  String recentError(Duration window) {
    Instant e = lastError;
    return e != null && Duration.between(e, Instant.now()).compareTo(window) < 0 ? lastErrorMessage : null;
  }

  private void drain() {
    while (running || !queue.isEmpty() || !retry.isEmpty()) {
      Out out = retry.poll();
      try {
        if (out == null) {
          out = queue.poll(200, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        return;
      }
      while (out != null) {
        try {
          produce(out);
          out = null;
        } catch (RuntimeException e) {
          // no metadata or a full buffer: Kafka is not taking records now; keep this one and try again
          failure(out.topic(), e);
          try {
            Thread.sleep(500);
          } catch (InterruptedException ie) {
            return;
          }
          if (!running) {
            return;
          }
        }
      }
    }
  }

  private void produce(Out out) {
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(out.topic(), out.key(), out.value());
    r.headers().add("event_id", out.eventId().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .add("schema_version", PayloadType.SCHEMA_VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .add("source", out.source().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    inFlight.incrementAndGet();
    try {
      producer.send(r, (meta, err) -> {
        inFlight.decrementAndGet();
        if (err == null) {
          counter(acked, "rwa.bridge.produced", out.topic()).increment();
        } else {
          // not written (the producer gives up on a batch only when it was not appended): send it again
          failure(out.topic(), err);
          retry.add(out);
        }
      });
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      throw e;
    }
  }

  private void failure(String topic, Throwable err) {
    counter(failed, "rwa.bridge.produce.errors", topic).increment();
    if (lastError == null || Duration.between(lastError, Instant.now()).toSeconds() > 5
        || !String.valueOf(err.getMessage()).equals(lastErrorMessage)) {
      LOG.warn("Kafka is not taking records [topic: {}, reason: {}]", topic, err.getMessage());
    }
    lastError = Instant.now();
    lastErrorMessage = err.getMessage();
  }

  private Counter counter(Map<String, Counter> cache, String name, String topic) {
    return cache.computeIfAbsent(topic, t -> Counter.builder(name).tag("topic", t).register(metrics));
  }

  /** Stops taking records, sends what is queued (up to {@code timeout}), then closes the producer. */
  void close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while ((!queue.isEmpty() || !retry.isEmpty() || inFlight.get() > 0) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    running = false;
    try {
      sender.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plusSeconds(1));
  }
}
