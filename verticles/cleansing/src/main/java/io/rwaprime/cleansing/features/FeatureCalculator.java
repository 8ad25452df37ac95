package io.rwaprime.cleansing.features;

import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rolling features per asset from its closed 1m and 1d bars (other intervals are ignored), plus
 * reference inputs: the token's NAV and yield, and the 3-month T-bill rate. Plain Java, one thread.
 * A re-published bar (higher revision) replaces the one with the same open time; the features are
 * recomputed from the retained closes on every bar, so they do not depend on arrival order (except
 * the running drawdown, see below).
 *
 * <h2>Definitions</h2>
 * Tokens trade 24/7, so a year is 365 days of 1440 minutes: annualizing uses 525,600 one-minute
 * periods or 365 daily periods per year.
 * <ul>
 *   <li><b>lastPrice, asOf</b>: close and end of the newest bar (by end time; a 1m bar wins a tie
 *       with the 1d bar ending at the same midnight).</li>
 *   <li><b>logReturn1d</b> = ln(lastPrice / P), P the close of the newest 1m bar ending at or before
 *       {@code asOf − 24 h} and at most 1 h before it (else of the 1d bar ending in that hour); null
 *       without such a bar.</li>
 *   <li><b>SMA(n)</b>: mean of the last n daily closes. <b>EMA(n)</b>: seeded with the mean of the first
 *       n retained daily closes, then {@code ema = α·close + (1 − α)·ema}, α = 2 / (n + 1). Null with
 *       fewer than n daily closes. Days without a bar are skipped, not filled.</li>
 *   <li><b>Realized volatility</b> over a window W (1 d on 1m closes; 7 d and 30 d on daily closes):
 *       σ = √(Σ r² / T × periodsPerYear), r the log returns between consecutive retained closes from
 *       the last close at or before {@code last − W} up to the last close, and T their total span in
 *       periods (the number of returns when no bar is missing; a return across a gap counts for the
 *       periods it spans, so gaps do not inflate the volatility). Zero-mean, the usual estimator of
 *       realized volatility. Null until the closes span at least {@code minWindowCoverage × W} with at
 *       least two returns.</li>
 *   <li><b>maxDrawdown</b>: max over time of (running peak − close) / running peak, over every 1m and
 *       1d close in arrival order since the calculator started; positive, 0 with no fall.</li>
 *   <li><b>navPremium</b> = (lastPrice − NAV) / NAV.</li>
 *   <li><b>yieldApy</b>: the token's yield as given ({@link #setReference}); <b>tbillYield</b>: the
 *       3-month T-bill discount rate (FRED {@code DTB3}, percent) converted to an APY, see
 *       {@link #tbillApy}; <b>yieldSpreadOverTbill</b> = yieldApy − tbillYield.</li>
 * </ul>
 */
public final class FeatureCalculator {

  /** One-minute periods in a 365-day year. */
  public static final double MINUTES_PER_YEAR = 365.0 * 24 * 60;
  /** Daily periods in a year of a 24/7 market. */
  public static final double DAYS_PER_YEAR = 365.0;
  /** Days in a 13-week T-bill. */
  public static final int TBILL_DAYS = 91;

  private static final long MINUTE = 60;
  private static final long HOUR = 3_600;
  private static final long DAY = 86_400;

  /**
   * Settings.
   *
   * @param fastPeriod        shorter SMA/EMA period in daily closes; &gt;= 1
   * @param slowPeriod        longer period; &gt; fastPeriod
   * @param minWindowCoverage fraction of a volatility window the closes must span; (0, 1]
   * @param dailyHistory      daily closes kept; &gt;= max(slowPeriod, 30) + 1
   */
  public record Config(int fastPeriod, int slowPeriod, double minWindowCoverage, int dailyHistory) {

    /** Validates the settings. */
    public Config {
      if (fastPeriod < 1 || slowPeriod <= fastPeriod) {
        throw new IllegalArgumentException("periods must satisfy 1 <= fast < slow, were " + fastPeriod + " and "
            + slowPeriod);
      }
      if (!(minWindowCoverage > 0 && minWindowCoverage <= 1)) {
        throw new IllegalArgumentException("minWindowCoverage must be in (0, 1], was " + minWindowCoverage);
      }
      if (dailyHistory < Math.max(slowPeriod, 30) + 1) {
        throw new IllegalArgumentException("dailyHistory must be >= max(slowPeriod, 30) + 1, was " + dailyHistory);
      }
    }

    /** Periods 20 and 50, full windows required, 400 days kept. */
    public static Config defaults() {
      return new Config(20, 50, 1.0, 400);
    }
  }

  private final Config config;
  private final Map<String, Asset> assets = new HashMap<>();
  private Double tbillYield;

  /** A calculator with the given settings. */
  public FeatureCalculator(Config config) {
    this.config = config;
  }

  /**
   * Sets the token's reference values, e.g. from the asset catalogue or the issuer's page.
   *
   * @param nav      NAV per token in the price currency; null if the issuer publishes none
   * @param yieldApy yield as a fraction; null if the token bears none
   */
  public void setReference(String symbol, BigDecimal nav, BigDecimal yieldApy) {
    if (nav != null && nav.signum() <= 0) {
      throw new IllegalArgumentException("nav must be > 0, was " + nav);
    }
    Asset a = asset(symbol);
    a.nav = nav;
    a.yieldApy = yieldApy;
  }

  /** Sets the 3-month T-bill discount rate in percent (FRED {@code DTB3}, e.g. 4.19); null clears it. */
  public void setTbillDiscountRate(BigDecimal percent) {
    tbillYield = percent == null ? null : finite(tbillApy(percent.doubleValue()));
  }

  /**
   * The APY of a 13-week T-bill quoted at a bank discount rate {@code d} (percent, 360-day basis):
   * price = 1 − d/100 × 91/360, APY = (1 / price)^(365/91) − 1. The discount rate understates the
   * yield an investor earns (4.19 % discount is a 4.36 % APY), and token yields are quoted as APYs, so
   * the spread compares like with like.
   */
  public static double tbillApy(double discountRatePercent) {
    double price = 1 - discountRatePercent / 100 * TBILL_DAYS / 360.0;
    return Math.pow(1 / price, 365.0 / TBILL_DAYS) - 1;
  }

  /**
   * Adds a closed (or corrected) bar.
   *
   * @return the symbol's features after it; empty for intervals other than 1m and 1d
   */
  public Optional<Features> onBar(Bar bar) {
    boolean minute = bar.interval() == BarInterval.M1;
    if (!minute && bar.interval() != BarInterval.D1) {
      return Optional.empty();
    }
    Asset a = asset(bar.symbol());
    long open = bar.openTime().getEpochSecond();
    double close = bar.close().doubleValue();
    if (minute) {
      a.minutes.put(open, close);
      // keep one close at or before last − 25 h: the 1d window and the 24 h-ago price both reach back that far
      Long keep = a.minutes.floorKey(a.minutes.lastKey() - DAY - HOUR);
      if (keep != null) {
        a.minutes.headMap(keep, false).clear();
      }
    } else {
      a.days.put(open, close);
      while (a.days.size() > config.dailyHistory()) {
        a.days.pollFirstEntry();
      }
    }
    long end = open + bar.interval().duration().toSeconds();
    if (a.lastPrice == null || end > a.lastEnd || (end == a.lastEnd && (minute || !a.lastFromMinute))) {
      a.lastPrice = bar.close();
      a.lastEnd = end;
      a.lastFromMinute = minute;
    }
    if (Double.isNaN(a.peak)) {
      a.peak = close;
      a.maxDrawdown = 0;
    } else {
      a.peak = Math.max(a.peak, close);
      a.maxDrawdown = Math.max(a.maxDrawdown, (a.peak - close) / a.peak);
    }
    return Optional.of(compute(bar.symbol(), a));
  }

  /** The symbol's features now (e.g. after a new T-bill rate); empty before its first bar. */
  public Optional<Features> features(String symbol) {
    Asset a = assets.get(symbol);
    return a == null || a.lastPrice == null ? Optional.empty() : Optional.of(compute(symbol, a));
  }

  private Features compute(String symbol, Asset a) {
    double last = a.lastPrice.doubleValue();
    double[] daily = a.days.values().stream().mapToDouble(Double::doubleValue).toArray();
    int fast = config.fastPeriod();
    int slow = config.slowPeriod();
    Double navPremium = a.nav == null ? null
        : finite(a.lastPrice.subtract(a.nav).divide(a.nav, MathContext.DECIMAL64).doubleValue());
    Double yield = a.yieldApy == null ? null : finite(a.yieldApy.doubleValue());
    Double spread = yield == null || tbillYield == null ? null : finite(yield - tbillYield);
    return new Features(symbol, Instant.ofEpochSecond(a.lastEnd), a.lastPrice, logReturn1d(a, last),
        fast, sma(daily, fast), ema(daily, fast), slow, sma(daily, slow), ema(daily, slow),
        realizedVol(a.minutes, DAY, MINUTE, MINUTES_PER_YEAR),
        realizedVol(a.days, 7 * DAY, DAY, DAYS_PER_YEAR),
        realizedVol(a.days, 30 * DAY, DAY, DAYS_PER_YEAR),
        a.maxDrawdown, a.nav, navPremium, yield, tbillYield, spread);
  }

  private static Double logReturn1d(Asset a, double last) {
    long target = a.lastEnd - DAY;
    Map.Entry<Long, Double> ref = a.minutes.floorEntry(target - MINUTE);
    if (ref == null || ref.getKey() + MINUTE < target - HOUR) {
      ref = a.days.floorEntry(target - DAY);
      if (ref == null || ref.getKey() + DAY < target - HOUR) {
        return null;
      }
    }
    return finite(Math.log(last / ref.getValue()));
  }

  static Double sma(double[] closes, int n) {
    if (closes.length < n) {
      return null;
    }
    double sum = 0;
    for (int i = closes.length - n; i < closes.length; i++) {
      sum += closes[i];
    }
    return finite(sum / n);
  }

  static Double ema(double[] closes, int n) {
    if (closes.length < n) {
      return null;
    }
    double ema = 0;
    for (int i = 0; i < n; i++) {
      ema += closes[i];
    }
    ema /= n;
    double alpha = 2.0 / (n + 1);
    for (int i = n; i < closes.length; i++) {
      ema = alpha * closes[i] + (1 - alpha) * ema;
    }
    return finite(ema);
  }

  private Double realizedVol(NavigableMap<Long, Double> closes, long window, long period, double periodsPerYear) {
    if (closes.size() < 3) {
      return null;
    }
    long last = closes.lastKey();
    Long from = closes.floorKey(last - window);
    if (from == null) {
      from = closes.firstKey();
    }
    if (last - from < (long) Math.ceil(config.minWindowCoverage() * window)) {
      return null;
    }
    double sumSquares = 0;
    int returns = 0;
    Double previous = null;
    for (double close : closes.subMap(from, true, last, true).values()) {
      if (previous != null) {
        double r = Math.log(close / previous);
        sumSquares += r * r;
        returns++;
      }
      previous = close;
    }
    if (returns < 2) {
      return null;
    }
    double periods = (double) (last - from) / period;
    return finite(Math.sqrt(sumSquares / periods * periodsPerYear));
  }

  private Asset asset(String symbol) {
    return assets.computeIfAbsent(symbol, s -> new Asset());
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** One asset's retained closes (by bar open time, epoch seconds) and running values. */
  private static final class Asset {
    final TreeMap<Long, Double> minutes = new TreeMap<>();
    final TreeMap<Long, Double> days = new TreeMap<>();
    BigDecimal lastPrice;
    long lastEnd;
    boolean lastFromMinute;
    double peak = Double.NaN;
    double maxDrawdown = Double.NaN;
    BigDecimal nav;
    BigDecimal yieldApy;
  }
}
