package io.rwaprime.risk;

import io.rwaprime.events.BarInterval;

import java.time.Duration;

/**
 * The latest closed bars of one asset at one interval, oldest first: what the market factors and VaR of the
 * composite score are computed from.
 *
 * @param symbol    the asset
 * @param interval  the bar interval
 * @param openTimes bar open times, epoch milliseconds, strictly increasing
 * @param closes    closing prices, finite and &gt; 0
 * @param volumes   traded units per bar, ≥ 0
 */
public record BarWindow(String symbol, BarInterval interval, long[] openTimes, double[] closes, double[] volumes) {

  /** Checks that the three arrays have one entry per bar. */
  public BarWindow {
    if (openTimes.length != closes.length || closes.length != volumes.length) {
      throw new IllegalArgumentException("bar window of " + symbol + ": arrays of different lengths");
    }
  }

  /** Number of bars. */
  public int size() {
    return closes.length;
  }

  /** The last close. */
  public double lastClose() {
    return closes[closes.length - 1];
  }

  /**
   * Periods per year P used to annualize at this interval. Tokens trade every day, so a year is 365 days of
   * 24 hours: 365 for 1d, 8,760 for 1h, 105,120 for 5m and 525,600 for 1m bars.
   */
  public static double periodsPerYear(BarInterval interval) {
    return Duration.ofDays(365).toSeconds() / (double) interval.duration().toSeconds();
  }

  /** Bars per day at this interval (1 for 1d, 24 for 1h, …). */
  public static int periodsPerDay(BarInterval interval) {
    return (int) (Duration.ofDays(1).toSeconds() / interval.duration().toSeconds());
  }

  /**
   * Average traded value per day in the price currency: Σ volume × close over the window, divided by the days
   * the window covers (bars × interval).
   */
  public double dailyTradedValue() {
    double sum = 0;
    for (int i = 0; i < closes.length; i++) {
      sum += volumes[i] * closes[i];
    }
    double days = closes.length * interval.duration().toSeconds() / 86_400.0;
    return sum / days;
  }
}
