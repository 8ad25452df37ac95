package io.rwaprime.common.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Kafka consumer whose offsets move only after the effect of a batch is stored — the durable path of the roles
 * that must not miss a record (the gold tick writer, alert evaluation). One platform thread polls; each polled batch
 * is handed to {@code effect} on the owner's Vert.x context and the thread waits until the effect's future completes
 * (the effect retries on its own until it is stored, so a database outage holds the stream instead of skipping it);
 * then the offsets are committed. A process that dies between the effect and the commit re-reads the batch after its
 * restart: effects must be idempotent (a key that makes the replay a no-op). Auto-commit is off, isolation
 * {@code read_committed}, a new group starts at the earliest offset.
 *
 * <p>When the group hands this consumer a new set of partitions, {@code onAssigned} runs on the context before any
 * record of them is handed over (the owner rebuilds state that depended on which keys it saw).
 */
public final class CommittingConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(CommittingConsumer.class);
  private static final long EFFECT_TIMEOUT_MINUTES = 30;
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final String name;
  private final Context context;
  private final List<String> topics;
  private final Function<ConsumerRecords<String, String>, Future<?>> effect;
  private final Supplier<Future<?>> onAssigned;
  private final boolean crashAfterEffect;
  private final KafkaConsumer<String, String> consumer;
  private final Thread poller;
  private volatile boolean running = true;
  private volatile Instant lastBatchAt;
  private volatile String lastError;
  private volatile long records;
  private volatile long batches;
  private volatile long lag;
  private final Counter consumed;
  private final Counter commitRetries;

  /**
   * @param name             the thread's, the logs' and the metrics' name, e.g. {@code alerts}
   * @param context          where {@code effect} and {@code onAssigned} run
   * @param maxPollRecords   the largest batch
   * @param effect           stores one batch; its future completes when the batch's effect is durable
   * @param onAssigned       after a rebalance, before the next batch; may be {@code null}
   * @param crashAfterEffect tests only: the thread dies after the first effect and before its commit, as a killed
   *                         process would (the consumer is closed without committing)
   */
  public CommittingConsumer(String name, Context context, String bootstrapServers, String groupId, List<String> topics,
                            int maxPollRecords, Function<ConsumerRecords<String, String>, Future<?>> effect,
                            Supplier<Future<?>> onAssigned, boolean crashAfterEffect, MeterRegistry metrics) {
    this.name = name;
    this.context = context;
    this.topics = List.copyOf(topics);
    this.effect = effect;
    this.onAssigned = onAssigned;
    this.crashAfterEffect = crashAfterEffect;
    Properties p = properties(bootstrapServers, groupId, maxPollRecords);
    String clientId = name + "-" + CLIENTS.incrementAndGet();
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    Tags tags = Tags.of("consumer", name, "client", clientId);
    Gauge.builder("rwa.kafka.consumer.lag", this, c -> c.lag).tags(tags)
        .description("records this consumer is behind (max over its partitions)").register(metrics);
    this.consumed = Counter.builder("rwa.kafka.consumer.records").tags(tags)
        .description("records whose effect is stored and whose offsets are committed").register(metrics);
    this.commitRetries = Counter.builder("rwa.kafka.consumer.commit.retries").tags(tags)
        .description("offset commits retried because the broker did not answer").register(metrics);
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    this.poller = Thread.ofPlatform().daemon().name("rwa-" + name + "-kafka").start(this::poll);
  }

  /**
   * The settings of a consumer that commits by itself once it has handled what it polled: auto-commit off, a new
   * group from the earliest offset, {@code read_committed}, at most {@code maxPollRecords} a poll.
   */
  public static Properties properties(String bootstrapServers, String groupId, int maxPollRecords) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
    return p;
  }

  /** @return the consumer's {@code records-lag-max} (records behind, max over its partitions), else {@code last} */
  public static long lagMax(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, long last) {
    for (var e : consumer.metrics().entrySet()) {
      if (e.getKey().name().equals("records-lag-max") && e.getValue().metricValue() instanceof Double d && !d.isNaN()) {
        return d.longValue();
      }
    }
    return last;
  }

  private void poll() {
    consumer.subscribe(topics, new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // every handed-over batch is committed before the next poll: nothing to do
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (onAssigned != null) {
          await(onAssigned, "re-assignment");
        }
      }
    });
    try {
      while (running) {
        ConsumerRecords<String, String> polled = consumer.poll(Duration.ofMillis(200));
        if (polled.isEmpty()) {
          continue;
        }
        await(() -> effect.apply(polled), "batch");
        if (crashAfterEffect) {
          LOG.warn("{} consumer dies after the effect, before the commit (test)", name);
          running = false;
          break;
        }
        commit();
        records += polled.count();
        consumed.increment(polled.count());
        batches++;
        lastBatchAt = Instant.now();
        lag = lagMax(consumer, lag);
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      lastError = e.toString();
      LOG.error("{} Kafka consumer stopped [reason: {}]", name, e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Commits what was polled, retrying while the broker is away (the batch's effect is stored: only its offsets are
   * missing). After a rebalance took the partitions away the commit is refused: their new owner reads the batch again
   * and its idempotent effect makes that harmless.
   */
  private void commit() {
    int attempt = 0;
    while (running) {
      try {
        consumer.commitSync();
        return;
      } catch (CommitFailedException | RebalanceInProgressException e) {
        LOG.warn("{} offsets not committed: the group rebalanced [reason: {}]", name, e.toString());
        return;
      } catch (WakeupException e) {
        throw e;
      } catch (KafkaException e) {
        attempt++;
        commitRetries.increment();
        lastError = e.toString();
        if (attempt == 1 || attempt % 10 == 0) {
          LOG.warn("{} offsets not committed yet, retrying [attempt: {}, reason: {}]", name, attempt, e.toString());
        }
        try {
          Thread.sleep(Math.min(200L * attempt, 2_000L));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Runs {@code work} on the context and waits for its future; a failure stops the consumer uncommitted. */
  private void await(Supplier<Future<?>> work, String what) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      Future<?> f;
      try {
        f = work.get();
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
        return;
      }
      f.onComplete(ar -> {
        if (ar.succeeded()) {
          done.complete(null);
        } else {
          done.completeExceptionally(ar.cause());
        }
      });
    });
    try {
      done.get(EFFECT_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(what + " not stored: " + cause, cause);
    }
  }

  /** For readiness and {@code /health}: what the consumer did last. */
  public JsonObject status() {
    return new JsonObject().put("topics", String.join(",", topics)).put("running", alive())
        .put("batches", batches).put("records", records).put("lag", lag)
        .put("last_batch_at", lastBatchAt == null ? null : lastBatchAt.toString()).put("last_error", lastError);
  }

  /** @return whether the polling thread is still running */
  public boolean alive() {
    return running && poller.isAlive();
  }

  /** Stops polling after the batch in hand (committed) and leaves the group; waits up to 15 s. Blocking. */
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      poller.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
