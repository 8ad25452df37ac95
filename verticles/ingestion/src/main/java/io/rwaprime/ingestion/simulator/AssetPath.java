package io.rwaprime.ingestion.simulator;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetClass;
import io.rwaprime.common.assets.SimulationProfile;

import java.math.BigDecimal;

/**
 * The simulated price path of one asset. All arithmetic is in doubles; only the final rounding to the tick size
 * makes a {@link BigDecimal}. Each call to {@link #advance} moves the path from the asset's previous tick to the
 * given time, so the step grows with the time elapsed since the asset last traded.
 *
 * <ul>
 *   <li><b>tokenized_treasury</b>: price = NAV(t) × (1 + premium). NAV accrues {@code yield_apy} continuously
 *       (constant for {@code stable_nav} $1 tokens, whose yield is paid as new tokens); the premium is an
 *       Ornstein-Uhlenbeck process reverting within about a day, with diffusion {@code annual_volatility}, so the
 *       price stays within a few basis points of NAV.</li>
 *   <li><b>commodity</b>, <b>tokenized_equity</b>: geometric Brownian motion with {@code annual_volatility} and no
 *       drift in expectation. Tokens that track the same reference ({@code simulation.tracks}, e.g. gold) share one
 *       such path, each times (1 + its own small mean-reverting basis), so PAXG and XAUT move together.</li>
 *   <li><b>real_estate</b>, <b>private_credit</b>: a quiet diffusion ({@code annual_volatility}, plus the
 *       {@code yield_apy} accrual for credit) with NAV repricings arriving as a Poisson process of rate
 *       {@code repricing_per_year}, each a jump of 0.5 to 1.5 × {@code repricing_size}, either sign. For private
 *       credit one repricing in ten is a credit event instead: a drop of 5 to 15 × {@code repricing_size}.</li>
 * </ul>
 */
final class AssetPath {

  private enum Model { NAV_ACCRUAL, DIFFUSION, REPRICING }

  static final double NANOS_PER_YEAR = 365.25 * 86_400 * 1e9;
  /** Premium to NAV reverts with a time constant of about one day. */
  private static final double PREMIUM_REVERSION_PER_YEAR = 365.25;
  /** Share of private-credit repricings that are credit events (losses). */
  private static final double CREDIT_EVENT_SHARE = 0.1;
  /** Diffusion of a tracker's basis to its reference (mean-reverting like the treasury premium: about 0.07 %). */
  private static final double BASIS_VOLATILITY = 0.02;
  /** Dispersion of one print's volume around the mean (log-normal). */
  private static final double VOLUME_SIGMA = 0.75;
  private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

  private final String symbol;
  private final Model model;
  private final double sigma;
  private final double accrual;
  private final double startPrice;
  private final int priceDecimals;
  private final double priceUnits;
  private final boolean credit;
  private final double repricingSize;
  private final double meanJumpIntervalNanos;
  private final double meanVolume;
  private final int volumeDecimals;
  private final double volumeUnits;
  private final Reference reference;

  /** Log of the price level (independent diffusions and repricing paths). */
  private double logLevel;
  /** Relative premium to NAV (treasuries) or basis to the tracked reference (trackers); reverts to 0. */
  private double premium;
  private long lastNanos;
  private long nextJumpNanos = Long.MAX_VALUE;
  private long sequence;

  /**
   * @param share          expected fraction of all ticks that are this asset's
   * @param ticksPerSecond the simulator's total rate, to spread the daily volume over the asset's ticks
   */
  AssetPath(Asset asset, double share, double ticksPerSecond, Reference reference, Xoshiro256 rng) {
    SimulationProfile sim = asset.simulation();
    this.symbol = asset.symbol();
    this.model = switch (asset.assetClass()) {
      case TOKENIZED_TREASURY -> Model.NAV_ACCRUAL;
      case COMMODITY, TOKENIZED_EQUITY -> Model.DIFFUSION;
      case REAL_ESTATE, PRIVATE_CREDIT -> Model.REPRICING;
    };
    this.sigma = sim.annualVolatility();
    this.reference = reference;
    boolean accrues = (asset.assetClass() == AssetClass.TOKENIZED_TREASURY && !sim.stableNav())
        || asset.assetClass() == AssetClass.PRIVATE_CREDIT;
    this.accrual = accrues && asset.yieldApy() != null ? StrictMath.log1p(asset.yieldApy().doubleValue()) : 0;
    this.startPrice = sim.startPrice().doubleValue();
    this.priceDecimals = sim.priceDecimals();
    this.priceUnits = POW10[priceDecimals];
    this.credit = asset.assetClass() == AssetClass.PRIVATE_CREDIT;
    this.repricingSize = sim.repricingSize();
    this.meanJumpIntervalNanos = sim.repricingPerYear() > 0 ? NANOS_PER_YEAR / sim.repricingPerYear() : 0;
    this.logLevel = StrictMath.log(startPrice);
    if (model == Model.REPRICING) {
      nextJumpNanos = (long) (rng.nextExponential() * meanJumpIntervalNanos);
    }
    double ticksPerDay = share * ticksPerSecond * 86_400;
    this.meanVolume = sim.dailyVolume() / ticksPerDay;
    this.volumeDecimals = (int) Math.max(0, Math.min(8, Math.ceil(2 - StrictMath.log10(meanVolume))));
    this.volumeUnits = POW10[volumeDecimals];
  }

  String symbol() {
    return symbol;
  }

  /** The next per-symbol sequence number (0, 1, 2…). */
  long nextSequence() {
    return sequence++;
  }

  /** Moves the path to {@code nowNanos} (since the simulation start) and returns the unrounded price there. */
  double advance(long nowNanos, Xoshiro256 rng) {
    double dt = (nowNanos - lastNanos) / NANOS_PER_YEAR;
    lastNanos = nowNanos;
    switch (model) {
      case NAV_ACCRUAL -> {
        premium = meanReverting(premium, sigma, dt, rng);
        double nav = startPrice * StrictMath.exp(accrual * (nowNanos / NANOS_PER_YEAR));
        return nav * (1 + premium);
      }
      case DIFFUSION -> {
        if (reference != null) {
          double move = reference.advance(nowNanos, rng);
          premium = meanReverting(premium, BASIS_VOLATILITY, dt, rng);
          return startPrice * StrictMath.exp(move) * (1 + premium);
        }
        logLevel += -0.5 * sigma * sigma * dt + sigma * StrictMath.sqrt(dt) * rng.nextGaussian();
        return StrictMath.exp(logLevel);
      }
      default -> {
        logLevel += (accrual - 0.5 * sigma * sigma) * dt + sigma * StrictMath.sqrt(dt) * rng.nextGaussian();
        while (nextJumpNanos <= nowNanos) {
          logLevel += StrictMath.log1p(jump(rng));
          nextJumpNanos += Math.max(1L, (long) (rng.nextExponential() * meanJumpIntervalNanos));
        }
        return StrictMath.exp(logLevel);
      }
    }
  }

  /** One exact step of an Ornstein-Uhlenbeck process reverting to 0 within about a day. */
  private static double meanReverting(double x, double diffusion, double dt, Xoshiro256 rng) {
    double decay = StrictMath.exp(-PREMIUM_REVERSION_PER_YEAR * dt);
    double spread = diffusion * StrictMath.sqrt((1 - decay * decay) / (2 * PREMIUM_REVERSION_PER_YEAR));
    return x * decay + spread * rng.nextGaussian();
  }

  private double jump(Xoshiro256 rng) {
    if (credit && rng.nextDouble() < CREDIT_EVENT_SHARE) {
      return Math.max(-0.9, -repricingSize * (5 + 10 * rng.nextDouble()));
    }
    double size = repricingSize * (0.5 + rng.nextDouble());
    return rng.nextDouble() < 0.5 ? size : -size;
  }

  /** The price rounded half-up to the tick size, never below one tick. */
  BigDecimal roundPrice(double price) {
    long units = Math.max(1L, Math.round(price * priceUnits));
    return BigDecimal.valueOf(units, priceDecimals);
  }

  /** A positive traded quantity around the asset's mean per tick. */
  BigDecimal nextVolume(Xoshiro256 rng) {
    double v = meanVolume * StrictMath.exp(VOLUME_SIGMA * rng.nextGaussian() - 0.5 * VOLUME_SIGMA * VOLUME_SIGMA);
    long units = Math.max(1L, Math.round(v * volumeUnits));
    return BigDecimal.valueOf(units, volumeDecimals);
  }

  /**
   * A reference price path shared by the tokens that track it (gold, an index): a driftless geometric Brownian
   * motion in log terms, 0 at the start, advanced lazily to the time of whichever of its tokens ticks.
   */
  static final class Reference {

    private final double sigma;
    private double logMove;
    private long lastNanos;

    Reference(double annualVolatility) {
      this.sigma = annualVolatility;
    }

    double advance(long nowNanos, Xoshiro256 rng) {
      if (nowNanos > lastNanos) {
        double dt = (nowNanos - lastNanos) / NANOS_PER_YEAR;
        lastNanos = nowNanos;
        logMove += -0.5 * sigma * sigma * dt + sigma * StrictMath.sqrt(dt) * rng.nextGaussian();
      }
      return logMove;
    }
  }
}
