package io.rwaprime.bench;

import io.rwaprime.cleansing.bars.BarAggregator;
import io.rwaprime.cleansing.bars.Deduplicator;
import io.rwaprime.cleansing.bars.HampelFilter;
import io.rwaprime.events.Tick;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The cleansing stage's per-tick work on one thread, over one million already-decoded ticks of 20
 * symbols: {@link Deduplicator} + {@link HampelFilter} + 1m/5m/1h/1d {@link BarAggregator}, against a
 * no-op consumer of the same ticks and one that only reads their fields, plus each step alone. One
 * operation is one tick, so the score is ticks per second.
 *
 * <p>The stream looks like a live feed: 200 ticks/s of event time (83 minutes in all, so about 2,000
 * bars close), 5 of the 20 symbols fed by two sources, prices on a random walk with 2 or 4 decimals,
 * volumes with 2; 2 % of ticks up to 1.5 s out of order, 0.2 % up to 30 s late (corrections), 1 %
 * repeated (duplicates), 0.05 % tenfold spikes (outliers). Each invocation replays the whole array
 * into fresh components (their construction is outside the measured time), so every invocation does
 * the same work; the {@code Counts} columns show what it did.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class BarAggregationBenchmark {

  /** Ticks per invocation. */
  static final int TICKS = 1_000_000;
  private static final int SYMBOLS = 20;
  private static final int TWO_SOURCE_SYMBOLS = 5;
  private static final Instant T0 = Instant.parse("2025-03-14T00:00:00Z");

  private Tick[] ticks;

  /** What the pipeline did, reported per second next to the score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counts {
    /** Bars published (first publications and corrections). */
    public long bars;
    /** Ticks refused as repeats. */
    public long duplicates;
    /** Ticks flagged as outliers. */
    public long outliers;
    /** Ticks refused as too late. */
    public long late;

    @Setup(Level.Iteration)
    public void reset() {
      bars = duplicates = outliers = late = 0;
    }
  }

  /** Fresh components for each invocation, built outside the measured time. */
  @State(Scope.Thread)
  public static class Pipeline {
    Deduplicator dedup;
    HampelFilter hampel;
    BarAggregator bars;

    @Setup(Level.Invocation)
    public void fresh() {
      dedup = new Deduplicator(1 << 17, Duration.ofMinutes(3));
      hampel = new HampelFilter();
      bars = new BarAggregator(BarAggregator.DEFAULT_CLOSE_DELAY, BarAggregator.DEFAULT_ALLOWED_LATENESS);
    }
  }

  /** Builds the ticks once per fork. */
  @Setup(Level.Trial)
  public void buildTicks() {
    Random rnd = new Random(2025);
    String[] symbols = new String[SYMBOLS];
    long[] price = new long[SYMBOLS];
    int[] scale = new int[SYMBOLS];
    for (int s = 0; s < SYMBOLS; s++) {
      symbols[s] = String.format("RWA%02d", s);
      scale[s] = s % 3 == 0 ? 4 : 2;
      price[s] = s % 3 == 0 ? 10_000 + rnd.nextInt(100) : (50 + rnd.nextInt(4_000)) * 100L;
    }
    String[] sources = {"simulator", "venue-b"};
    long[][] sequence = new long[SYMBOLS][2];
    Tick[] previous = new Tick[SYMBOLS * 2];
    ticks = new Tick[TICKS];
    for (int i = 0; i < TICKS; i++) {
      int s = rnd.nextInt(SYMBOLS);
      int src = s < TWO_SOURCE_SYMBOLS ? rnd.nextInt(2) : 0;
      Tick prev = previous[s * 2 + src];
      if (prev != null && rnd.nextInt(100) == 0) {
        // a repeat: a new object with the same key, as a re-sent record decodes
        ticks[i] = new Tick(prev.eventId(), prev.symbol(), prev.source(), prev.price(), prev.volume(), prev.currency(),
            prev.eventTime(), prev.receivedAt(), prev.sequence());
        continue;
      }
      long step = Math.round(rnd.nextGaussian() * Math.max(1, price[s] / 2_000));
      price[s] = Math.max(1, price[s] + step);
      long p = rnd.nextInt(2_000) == 0 ? price[s] * 10 : price[s] + (src == 1 ? 1 : 0);
      long millis = i * 5L;
      int late = rnd.nextInt(1_000);
      if (late < 20) {
        millis -= rnd.nextInt(1_500);
      } else if (late < 22) {
        millis -= rnd.nextInt(30_000);
      }
      Instant at = T0.plusMillis(Math.max(0, millis));
      Tick t = new Tick("sim:" + i, symbols[s], sources[src], BigDecimal.valueOf(p, scale[s]),
          BigDecimal.valueOf(1 + rnd.nextInt(100_000), 2), "USD", at, at, sequence[s][src]++);
      previous[s * 2 + src] = t;
      ticks[i] = t;
    }
  }

  /** (a) Dedup, Hampel and 4-interval aggregation of every tick, as the cleansing verticle chains them. */
  @Benchmark
  @OperationsPerInvocation(TICKS)
  public void cleanseAndAggregate(Pipeline p, Counts c, Blackhole bh) {
    for (Tick t : ticks) {
      if (!p.dedup.add(t)) {
        c.duplicates++;
        continue;
      }
      if (p.hampel.isOutlier(t)) {
        c.outliers++;
        continue;
      }
      BarAggregator.Update u = p.bars.onTick(t);
      if (!u.accepted()) {
        c.late++;
      }
      c.bars += u.bars().size();
      bh.consume(u);
    }
  }

  /** (b) A consumer that does nothing with the same ticks: the cost of walking the array. */
  @Benchmark
  @OperationsPerInvocation(TICKS)
  public void noopConsumer(Blackhole bh) {
    for (Tick t : ticks) {
      bh.consume(t);
    }
  }

  /**
   * (b') A consumer that reads the fields the pipeline reads (symbol, source, price, volume, event time,
   * sequence) and does nothing else: the cost of visiting each tick's objects in memory.
   */
  @Benchmark
  @OperationsPerInvocation(TICKS)
  public void readOnlyConsumer(Blackhole bh) {
    for (Tick t : ticks) {
      bh.consume(t.symbol().length() + t.source().length() + t.price().scale() + t.volume().scale()
          + t.eventTime().getEpochSecond() + t.eventTime().getNano() + t.sequence());
    }
  }

  /** The aggregation step alone (every tick, duplicates and spikes included). */
  @Benchmark
  @OperationsPerInvocation(TICKS)
  public void aggregateOnly(Pipeline p, Blackhole bh) {
    for (Tick t : ticks) {
      bh.consume(p.bars.onTick(t));
    }
  }

  /** The duplicate check alone. */
  @Benchmark
  @OperationsPerInvocation(TICKS)
  public void dedupOnly(Pipeline p, Blackhole bh) {
    for (Tick t : ticks) {
      bh.consume(p.dedup.add(t));
    }
  }

  /** The outlier check alone. */
  @Benchmark
  @OperationsPerInvocation(TICKS)
  public void hampelOnly(Pipeline p, Blackhole bh) {
    for (Tick t : ticks) {
      bh.consume(p.hampel.isOutlier(t));
    }
  }
}
