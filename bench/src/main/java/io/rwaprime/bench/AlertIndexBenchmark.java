package io.rwaprime.bench;

import io.rwaprime.alerts.index.Direction;
import io.rwaprime.alerts.index.LinearScan;
import io.rwaprime.alerts.index.Metrics;
import io.rwaprime.alerts.index.RuleBook;
import io.rwaprime.alerts.index.ThresholdIndex;
import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Issue 8: evaluating one price tick against the alert rules of its symbol, through a {@link RuleBook} of
 * {@link ThresholdIndex}es ({@code index}) and through a {@link RuleBook} of {@link LinearScan}s holding the same
 * rules ({@code scan}). One operation is one tick; the score is ns per tick (AverageTime) or its distribution
 * (SampleTime, for p99).
 *
 * <p>Rules: {@code rules} in all, spread evenly over the 22 catalogued symbols (so 4,545 or 45,454 per symbol),
 * threshold {@code start price × (1 ± U(0, 5 %))}, direction independent of the side (so some fire at once), half with
 * {@code requireCross}, half with a hysteresis of {@code U(0, 0.5 %)} of the price. Ticks: 2^20 of them, each for
 * a uniformly drawn symbol whose log price follows a random walk of {@code stepBp} basis points per tick (normal),
 * pulled back weakly to the start price (stationary spread about 1.5 %) so that it stays among the thresholds; the
 * array is replayed forwards then backwards, so replays are continuous. The walk crosses thresholds all the time:
 * the {@code Counts} columns give the rules fired and re-armed per iteration, and the ticks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class AlertIndexBenchmark {

  private static final int TICKS = 1 << 20;
  private static final double SPREAD = 0.015;

  /** Active rules in all. */
  @Param({"100000", "1000000"})
  public int rules;

  /** Standard deviation of one tick's move, in basis points of the price. */
  @Param({"0.25", "2.5"})
  public double stepBp;

  private RuleBook index;
  private RuleBook scan;
  private String[] tickSymbol;
  private double[] tickPrice;
  private int cursor;
  private long firedIds;
  private final LongConsumer sink = id -> firedIds ^= id;

  /** What the rules did, per iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counts {
    /** Rules fired. */
    public long fired;
    /** Rules re-armed. */
    public long rearmed;
    /** Ticks evaluated. */
    public long ticks;

    @Setup(Level.Iteration)
    public void reset() {
      fired = rearmed = ticks = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    List<Asset> assets = AssetCatalogue.load().assets();
    int n = assets.size();
    String[] symbols = new String[n];
    double[] start = new double[n];
    for (int s = 0; s < n; s++) {
      symbols[s] = assets.get(s).symbol();
      start[s] = assets.get(s).simulation().startPrice().doubleValue();
    }
    SplittableRandom rnd = new SplittableRandom(8);
    index = new RuleBook(ThresholdIndex::new);
    scan = new RuleBook(LinearScan::new);
    for (long id = 0; id < rules; id++) {
      int s = (int) (id % n);
      double p = start[s];
      Direction dir = rnd.nextBoolean() ? Direction.ABOVE : Direction.BELOW;
      double threshold = p * (1 + (rnd.nextBoolean() ? 1 : -1) * rnd.nextDouble() * 0.05);
      double hysteresis = rnd.nextBoolean() ? 0 : p * rnd.nextDouble() * 0.005;
      boolean cross = rnd.nextBoolean();
      index.add(id, symbols[s], Metrics.PRICE, dir, threshold, hysteresis, cross);
      scan.add(id, symbols[s], Metrics.PRICE, dir, threshold, hysteresis, cross);
    }
    double sigma = stepBp * 1e-4;
    double pull = sigma * sigma / (2 * SPREAD * SPREAD);
    double[] logMove = new double[n];
    tickSymbol = new String[TICKS];
    tickPrice = new double[TICKS];
    for (int i = 0; i < TICKS / 2; i++) {
      int s = rnd.nextInt(n);
      logMove[s] = logMove[s] * (1 - pull) + sigma * gaussian(rnd);
      tickSymbol[i] = tickSymbol[TICKS - 1 - i] = symbols[s];
      tickPrice[i] = tickPrice[TICKS - 1 - i] = start[s] * Math.exp(logMove[s]);
    }
  }

  @Benchmark
  public int index(Counts counts) {
    return tick(index, counts);
  }

  @Benchmark
  public int scan(Counts counts) {
    return tick(scan, counts);
  }

  private int tick(RuleBook book, Counts counts) {
    int i = cursor;
    cursor = (i + 1) & (TICKS - 1);
    long rearmedBefore = book.rearmed();
    int fired = book.observe(tickSymbol[i], Metrics.PRICE, tickPrice[i], sink);
    counts.fired += fired;
    counts.rearmed += book.rearmed() - rearmedBefore;
    counts.ticks++;
    return fired;
  }

  private static double gaussian(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
