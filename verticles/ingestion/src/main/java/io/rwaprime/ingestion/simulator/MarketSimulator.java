package io.rwaprime.ingestion.simulator;

import io.rwaprime.common.assets.Asset;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reproducible stream of simulated trades over the asset catalogue, for demos, tests and load generation.
 *
 * <p>Trades arrive as one global Poisson stream: the time between two ticks is exponential with mean
 * {@code 1 / ticksPerSecond}. Each tick belongs to one asset, drawn with a weight of √(daily volume × price)
 * (floored at 2 % of the largest weight), so liquid assets trade more often and thin ones still move. How each
 * asset class moves is described in {@link AssetPath}; the time since the asset's previous tick sets the size of
 * its step. Doubles throughout; a tick's price and volume become {@code BigDecimal}s only when it is emitted.
 *
 * <p>The stream is a pure function of (assets, seed, start, ticksPerSecond): the same inputs give the same
 * ticks, on any JVM. Simulated time is independent of the wall clock; the caller decides how fast to replay it.
 * Not thread-safe: one owner calls {@link #next()}.
 */
public final class MarketSimulator {

  /** Mean total ticks per second when none is given. */
  public static final double DEFAULT_TICKS_PER_SECOND = 20;
  private static final double WEIGHT_FLOOR = 0.02;

  private final Instant start;
  private final double ticksPerSecond;
  private final double meanIntervalNanos;
  private final Xoshiro256 rng;
  private final AssetPath[] paths;
  private final double[] cumulative;
  private final Map<String, Double> shares;
  private long nowNanos;

  /** A simulator at {@value #DEFAULT_TICKS_PER_SECOND} ticks per second. */
  public MarketSimulator(List<Asset> assets, long seed, Instant start) {
    this(assets, seed, start, DEFAULT_TICKS_PER_SECOND);
  }

  /**
   * @param assets         the assets to trade, at least one (their {@code simulation} profiles drive the paths)
   * @param seed           the random seed
   * @param start          simulated time of the start; the first tick comes after it
   * @param ticksPerSecond mean number of ticks per simulated second over all assets
   */
  public MarketSimulator(List<Asset> assets, long seed, Instant start, double ticksPerSecond) {
    Objects.requireNonNull(assets, "assets");
    this.start = Objects.requireNonNull(start, "start");
    if (assets.isEmpty()) {
      throw new IllegalArgumentException("the simulator needs at least one asset");
    }
    if (!(Double.isFinite(ticksPerSecond) && ticksPerSecond > 0)) {
      throw new IllegalArgumentException("ticksPerSecond must be > 0 (was " + ticksPerSecond + ")");
    }
    this.ticksPerSecond = ticksPerSecond;
    this.meanIntervalNanos = 1e9 / ticksPerSecond;
    this.rng = new Xoshiro256(seed);

    int n = assets.size();
    double[] weights = new double[n];
    double max = 0;
    for (int i = 0; i < n; i++) {
      var sim = assets.get(i).simulation();
      weights[i] = Math.sqrt(sim.dailyVolume() * sim.startPrice().doubleValue());
      max = Math.max(max, weights[i]);
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      weights[i] = Math.max(weights[i], WEIGHT_FLOOR * max);
      total += weights[i];
    }
    this.paths = new AssetPath[n];
    this.cumulative = new double[n];
    Map<String, Double> byShare = new LinkedHashMap<>();
    Map<String, AssetPath.Reference> references = new LinkedHashMap<>();
    Map<String, Asset> firstTracker = new LinkedHashMap<>();
    double running = 0;
    for (int i = 0; i < n; i++) {
      double share = weights[i] / total;
      running += share;
      cumulative[i] = running;
      paths[i] = new AssetPath(assets.get(i), share, ticksPerSecond, reference(assets.get(i), references, firstTracker),
          rng);
      if (byShare.put(assets.get(i).symbol(), share) != null) {
        throw new IllegalArgumentException("duplicate symbol " + assets.get(i).symbol());
      }
    }
    cumulative[n - 1] = 1.0;
    this.shares = Collections.unmodifiableMap(byShare);
  }

  /** The shared path of the asset's {@code tracks} reference; trackers of one reference must agree on its volatility. */
  private static AssetPath.Reference reference(Asset asset, Map<String, AssetPath.Reference> references,
                                               Map<String, Asset> firstTracker) {
    String key = asset.simulation().tracks();
    if (key == null) {
      return null;
    }
    Asset first = firstTracker.putIfAbsent(key, asset);
    if (first != null && first.simulation().annualVolatility() != asset.simulation().annualVolatility()) {
      throw new IllegalArgumentException(asset.symbol() + " and " + first.symbol() + " track " + key
          + " with different annual_volatility (" + asset.simulation().annualVolatility() + " vs "
          + first.simulation().annualVolatility() + ")");
    }
    return references.computeIfAbsent(key, k -> new AssetPath.Reference(asset.simulation().annualVolatility()));
  }

  /** The next tick of the stream; its event time is after every earlier tick's. */
  public SimulatedTick next() {
    nowNanos += Math.max(1L, (long) (rng.nextExponential() * meanIntervalNanos));
    AssetPath path = paths[pick(rng.nextDouble())];
    double price = path.advance(nowNanos, rng);
    return new SimulatedTick(path.symbol(), path.roundPrice(price), path.nextVolume(rng), start.plusNanos(nowNanos),
        path.nextSequence());
  }

  /** Simulated time of the latest tick (the start before the first). */
  public Instant now() {
    return start.plusNanos(nowNanos);
  }

  /** The mean total rate. */
  public double ticksPerSecond() {
    return ticksPerSecond;
  }

  /** Expected fraction of ticks per symbol. */
  public Map<String, Double> shares() {
    return shares;
  }

  private int pick(double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (u < cumulative[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
