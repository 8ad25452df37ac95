package io.rwaprime.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.kafka.CommittingConsumer;
import io.rwaprime.events.DeadLetter;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Topics → addresses: one consumer thread polls every inbound topic of the bridge; each value must parse as JSON,
 * match its type's published schema and read into the record, else it goes to dead-letter with the reason (code
 * {@code bridge.json|bridge.schema|bridge.record}).
 *
 * <p><b>Acknowledged mappings</b> ({@code acknowledged: true}): the record is sent as a request; it counts as
 * handled when the handler answers (a failure answer dead-letters it as {@code bridge.refused}; no handler or no
 * answer within {@value #ANSWER_TIMEOUT_MS} ms sends it again later, so a handler that is not deployed yet loses
 * nothing). A partition's offset is committed only up to its oldest unanswered record: a restart re-delivers what
 * was not answered (at-least-once into the handler). <b>Backpressure</b>: while {@code maxInFlight} records are
 * unanswered, the rest of the polled batch waits and every partition is paused (the consumer keeps its group
 * membership); they resume once at most half are. <b>Plain mappings</b> publish the record and count it handled at
 * once (consumers that must not miss a record read Kafka themselves or use an acknowledged mapping).
 */
final class KafkaIn {

  static final long ANSWER_TIMEOUT_MS = 30_000;
  private static final Logger LOG = LoggerFactory.getLogger(KafkaIn.class);

  private final Vertx vertx;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Mapping> byTopic;
  private final DeadLetters deadLetters;
  private final MeterRegistry metrics;
  private final int maxInFlight;
  private final Map<String, Counter> consumed = new ConcurrentHashMap<>();
  private final Counter pauses;
  private final Counter resent;
  private final Thread poller;
  /** Poller thread only: records polled and not handed over yet (their partitions are paused meanwhile). */
  private final ArrayDeque<ConsumerRecord<String, byte[]>> waiting = new ArrayDeque<>();
  /** Poller thread only: per partition, the offset after the last record handed over, and the last committed. */
  private final Map<TopicPartition, Long> handedOver = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  /** Per partition: offsets handed to an acknowledging handler and not answered yet. */
  private final Map<TopicPartition, ConcurrentSkipListSet<Long>> unanswered = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean paused;
  private volatile boolean running = true;
  private volatile long lag;
  private volatile String failure;

  KafkaIn(Vertx vertx, String bootstrapServers, String groupId, List<Mapping> inbound, int maxInFlight,
          DeadLetters deadLetters, MeterRegistry metrics) {
    this.vertx = vertx;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.maxInFlight = maxInFlight;
    this.byTopic = inbound.stream().collect(Collectors.toMap(Mapping::topic, m -> m, (a, b) -> a));
    Properties p = CommittingConsumer.properties(bootstrapServers, groupId, Math.min(2000, maxInFlight));
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    Gauge.builder("rwa.bridge.consumer.lag", this, k -> k.lag)
        .description("records the bridge's consumer is behind (max over its partitions)").register(metrics);
    Gauge.builder("rwa.bridge.inbound.in_flight", inFlight, AtomicInteger::get)
        .description("acknowledged inbound records handed to handlers and not answered yet").register(metrics);
    Gauge.builder("rwa.bridge.inbound.paused", this, k -> k.paused ? 1 : 0)
        .description("1 while the bridge's consumer is paused because its handlers lag").register(metrics);
    this.pauses = Counter.builder("rwa.bridge.inbound.pauses").description("times the bridge's consumer paused")
        .register(metrics);
    this.resent = Counter.builder("rwa.bridge.inbound.resent")
        .description("inbound records sent again: no handler, or no answer in time").register(metrics);
    this.poller = Thread.ofPlatform().daemon().name("rwa-bridge-consumer").start(this::poll);
  }

  private void poll() {
    consumer.subscribe(byTopic.keySet(), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        commitHandled();
        for (TopicPartition tp : partitions) {
          handedOver.remove(tp);
          committed.remove(tp);
          ConcurrentSkipListSet<Long> open = unanswered.remove(tp);
          if (open != null) {
            inFlight.addAndGet(-open.size()); // their new owner reads them again from the committed offset
          }
          waiting.removeIf(r -> r.partition() == tp.partition() && r.topic().equals(tp.topic()));
        }
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (paused) {
          consumer.pause(partitions);
        }
      }
    });
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(paused ? 50 : 200));
        records.forEach(waiting::add);
        while (!waiting.isEmpty() && inFlight.get() < maxInFlight) {
          handOver(waiting.poll());
        }
        boolean full = !waiting.isEmpty() || inFlight.get() >= maxInFlight;
        if (full && !paused) {
          consumer.pause(consumer.assignment());
          paused = true;
          pauses.increment();
        } else if (!full && paused && inFlight.get() <= maxInFlight / 2) {
          consumer.resume(consumer.paused());
          paused = false;
        }
        commitHandled();
        lag = CommittingConsumer.lagMax(consumer, lag);
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e.toString();
      LOG.error("bridge consumer stopped [reason: {}]", e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Commits every partition up to its oldest unanswered record (or all it handed over). Poller thread. */
  private void commitHandled() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    handedOver.forEach((tp, next) -> {
      ConcurrentSkipListSet<Long> open = unanswered.get(tp);
      // answers arrive on other threads: ceiling() reads the oldest, or null once the last is answered
      Long oldest = open == null ? null : open.ceiling(Long.MIN_VALUE);
      long upTo = oldest != null ? oldest : next;
      if (upTo > committed.getOrDefault(tp, -1L)) {
        offsets.put(tp, new OffsetAndMetadata(upTo));
      }
    });
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
      offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warn("bridge consumer offsets not committed yet [reason: {}]", e.toString()); // again after the next poll
    }
  }

  private void handOver(ConsumerRecord<String, byte[]> r) {
    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    handedOver.put(tp, r.offset() + 1);
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
    if (!m.acknowledged()) {
      vertx.eventBus().publish(m.address(), record, options);
      count(r.topic());
      return;
    }
    unanswered.computeIfAbsent(tp, x -> new ConcurrentSkipListSet<>()).add(r.offset());
    inFlight.incrementAndGet();
    send(m, record, options.setSendTimeout(ANSWER_TIMEOUT_MS), tp, r, 1);
  }

  /** Sends an acknowledged record; again later when nobody handles it or no answer comes in time. */
  private void send(Mapping m, Object record, DeliveryOptions options, TopicPartition tp,
                    ConsumerRecord<String, byte[]> r, int attempt) {
    vertx.eventBus().request(m.address(), record, options).onComplete(ar -> {
      if (ar.succeeded()) {
        count(r.topic());
        answered(tp, r.offset());
      } else if (ar.cause() instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
        reject(r, "bridge.refused", r.topic() + "/" + r.partition() + "@" + r.offset() + ": " + m.address()
            + " refused it: " + re.getMessage(), new String(r.value(), StandardCharsets.UTF_8));
        answered(tp, r.offset());
      } else if (running && isOpen(tp, r.offset())) {
        resent.increment();
        if (attempt == 1 || attempt % 10 == 0) {
          LOG.warn("inbound record not answered, sending it again [address: {}, record: {}/{}@{}, attempt: {}, "
              + "reason: {}]", m.address(), r.topic(), r.partition(), r.offset(), attempt, ar.cause().getMessage());
        }
        vertx.setTimer(Math.min(1000L * attempt, 10_000L), t -> send(m, record, options, tp, r, attempt + 1));
      }
    });
  }

  private boolean isOpen(TopicPartition tp, long offset) {
    ConcurrentSkipListSet<Long> open = unanswered.get(tp);
    return open != null && open.contains(offset);
  }

  private void answered(TopicPartition tp, long offset) {
    ConcurrentSkipListSet<Long> open = unanswered.get(tp);
    if (open != null && open.remove(offset)) {
      inFlight.decrementAndGet();
    }
  }

  private void count(String topic) {
    consumed.computeIfAbsent(topic, t -> Counter.builder("rwa.bridge.consumed").tag("topic", t)
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

  /** @return why the consumer thread stopped, or null while it runs (or was closed) */
  String failure() {
    return failure;
  }

  /** For {@code /health}: in flight, waiting, paused. */
  JsonObject status() {
    return new JsonObject().put("in_flight", inFlight.get()).put("max_in_flight", maxInFlight)
        .put("paused", paused).put("pauses", (long) pauses.count()).put("lag", lag);
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
