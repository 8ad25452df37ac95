package io.rwaprime.cleansing;

import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.kafka.CommittingConsumer;
import io.rwaprime.events.DeadLetter;
import io.rwaprime.events.Tick;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.util.List;

/**
 * The gold tick writer's durable path ({@code cleansing.gold-source: kafka}): a {@link CommittingConsumer} reads the
 * cleaned ticks topic, each polled batch is written through a {@link TickWriter} (retried until stored), and only
 * then are the offsets committed. A process that dies between the write and the commit re-reads the batch after its
 * restart; the insert is idempotent by the tick's key, so the replay has no second effect. A value that is not a
 * tick goes to dead-letter ({@code gold.undecodable}) and is committed past.
 */
final class GoldTickConsumer {

  private final TickWriter writer;
  private final DeadLetters deadLetters;
  private final CommittingConsumer consumer;

  GoldTickConsumer(Vertx vertx, Pool pool, String bootstrapServers, String topic, String groupId,
                   DeadLetters deadLetters, MeterRegistry metrics) {
    this(vertx, pool, bootstrapServers, topic, groupId, deadLetters, metrics, false);
  }

  /** @param crashAfterWrite tests: die after the first batch is stored and before its offsets are committed */
  GoldTickConsumer(Vertx vertx, Pool pool, String bootstrapServers, String topic, String groupId,
                   DeadLetters deadLetters, MeterRegistry metrics, boolean crashAfterWrite) {
    this.writer = new TickWriter(vertx, pool, metrics);
    this.deadLetters = deadLetters;
    this.consumer = new CommittingConsumer("gold-ticks", vertx.getOrCreateContext(), bootstrapServers, groupId,
        List.of(topic), TickWriter.MAX_BATCH, this::store, null, crashAfterWrite, metrics);
  }

  /** Writes a batch (on the writer's context); the future completes once every tick is stored. */
  private Future<?> store(ConsumerRecords<String, String> records) {
    for (ConsumerRecord<String, String> r : records) {
      try {
        writer.add(Tick.fromJson(new JsonObject(r.value())));
      } catch (RuntimeException e) {
        deadLetters.reject(DeadLetter.of(r.topic() + "-" + r.partition() + "-" + r.offset(), "kafka:" + r.topic(),
            "cleansing", "gold.undecodable", r.topic() + "/" + r.partition() + "@" + r.offset() + ": "
                + e.getMessage(), String.valueOf(r.value())));
      }
    }
    return writer.flush();
  }

  /** For readiness: what the consumer did last. */
  JsonObject status() {
    return consumer.status();
  }

  boolean alive() {
    return consumer.alive();
  }

  void close() {
    consumer.close();
  }
}
