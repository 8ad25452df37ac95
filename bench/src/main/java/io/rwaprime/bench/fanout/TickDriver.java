package io.rwaprime.bench.fanout;

import io.rwaprime.events.Addresses;
import io.rwaprime.events.Tick;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes {@link Tick} records on {@link Addresses#ticks(String)} at a fixed total rate, round-robin over the
 * symbols, from its own event loop: every {@value #PERIOD_MS} ms it publishes the ticks due since the start (so
 * the rate holds whatever the timer's jitter). Each tick carries its publication instant, in microseconds of the
 * wall clock, as its {@code sequence} (and as its event time): a client on the same machine reads it back to
 * measure tick-to-client latency without parsing the whole tick.
 */
final class TickDriver extends VerticleBase {

  private static final long PERIOD_MS = 5;

  private final List<String> symbols;
  private final double ratePerSecond;
  private final AtomicLong published = new AtomicLong();
  private final SplittableRandom random = new SplittableRandom(5);
  private final long[] cents;
  private long startNanos;
  private long timer = -1;

  TickDriver(List<String> symbols, double ratePerSecond) {
    this.symbols = List.copyOf(symbols);
    this.ratePerSecond = ratePerSecond;
    this.cents = new long[symbols.size()];
    Arrays.fill(cents, 100_000);
  }

  /** Ticks published so far. */
  long published() {
    return published.get();
  }

  /** Starts publishing (on this verticle's event loop). */
  void go() {
    context.runOnContext(v -> {
      if (timer < 0) {
        startNanos = System.nanoTime();
        timer = vertx.setPeriodic(PERIOD_MS, id -> publishDue());
      }
    });
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }

  private void publishDue() {
    long due = (long) ((System.nanoTime() - startNanos) * ratePerSecond / 1e9);
    for (long n = published.get(); n < due; n++) {
      int i = (int) (n % symbols.size());
      cents[i] = Math.max(100, cents[i] + random.nextInt(-50, 51));
      Instant now = Instant.now();
      vertx.eventBus().publish(Addresses.ticks(symbols.get(i)), new Tick("bench-" + n, symbols.get(i), "bench",
          BigDecimal.valueOf(cents[i], 2), BigDecimal.valueOf(random.nextInt(1, 10_000), 2), "USD", now, now, WallClock.micros(now)));
      published.incrementAndGet();
    }
  }
}
