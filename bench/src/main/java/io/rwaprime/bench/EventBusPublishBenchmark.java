package io.rwaprime.bench;

import io.rwaprime.events.Addresses;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.Tick;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Local event-bus throughput: {@link Tick}s published to one consumer, with the codecs registered
 * by {@link Codecs#registerAll} (so a tick travels by reference), against the same tick published
 * as a {@code JsonObject} (which the bus copies per delivery). The publisher sends a batch and then
 * waits until the consumer has counted every delivery, so the score is end-to-end deliveries per
 * second and the consumer's queue cannot grow without bound; the {@code deliveries} counter
 * reports what the consumer actually received.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventBusPublishBenchmark {

  /** Messages per benchmark invocation. */
  static final int BATCH = 1_000;
  private static final String TICK_ADDRESS = Addresses.ticks("OUSG");
  private static final String JSON_ADDRESS = "bench.ticks.json";

  private Vertx vertx;
  private EventBus bus;
  private MessageConsumer<Tick> tickConsumer;
  private MessageConsumer<JsonObject> jsonConsumer;
  private final AtomicLong delivered = new AtomicLong();
  private long expected;
  private Tick tick;
  private JsonObject tickJson;

  /** Deliveries seen by the consumer, reported by JMH as a rate next to the score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Deliveries {
    /** Deliveries counted in this iteration. */
    public long deliveries;
  }

  /** Starts Vert.x, registers the codecs and the two consumers. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    bus = vertx.eventBus();
    tick = Fixtures.tick();
    tickJson = tick.toJson();
    tickConsumer = bus.localConsumer(TICK_ADDRESS, msg -> {
      if (msg.body().sequence() >= 0) {
        delivered.lazySet(delivered.get() + 1); // the consumer is the only writer
      }
    });
    jsonConsumer = bus.localConsumer(JSON_ADDRESS, msg -> {
      if (msg.body().getLong("sequence") >= 0) {
        delivered.lazySet(delivered.get() + 1);
      }
    });
    tickConsumer.completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    jsonConsumer.completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Closes Vert.x. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Tick records, delivered by reference through the registered default codec. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void publishTick(Deliveries counter) {
    for (int i = 0; i < BATCH; i++) {
      bus.publish(TICK_ADDRESS, tick);
    }
    counter.deliveries += awaitBatch();
  }

  /** The same tick as a {@code JsonObject}, which local delivery copies. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void publishTickAsJson(Deliveries counter) {
    for (int i = 0; i < BATCH; i++) {
      bus.publish(JSON_ADDRESS, tickJson);
    }
    counter.deliveries += awaitBatch();
  }

  private long awaitBatch() {
    long before = expected;
    expected += BATCH;
    int spins = 0;
    while (delivered.get() < expected) {
      if (++spins < 1_000) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // two cores: leave the event loop room to drain
      }
    }
    return delivered.get() - before;
  }
}
