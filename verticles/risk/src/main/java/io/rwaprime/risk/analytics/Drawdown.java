package io.rwaprime.risk.analytics;

/**
 * The maximum drawdown of a price series and the episode it belongs to. Drawdown at t is
 * 1 − P[t] / max(P[0..t]); the maximum drawdown is the largest such value (a positive
 * fraction, 0 when prices never fall). Indices are price indices; durations are in periods.
 *
 * <p>Two durations: {@code peakToTroughPeriods} = trough − peak (the one called "duration"),
 * and {@code peakToRecoveryPeriods} = recovery − peak where recovery is the first later index
 * whose price is back at or above the peak, or −1 when the series ends under water.
 * When the maximum drawdown is 0, peak = trough = 0 and both durations are 0.
 *
 * @param maxDrawdown           largest drawdown, in [0, 1)
 * @param peakIndex             index of the running maximum before the trough
 * @param troughIndex           index of the lowest point of the episode
 * @param recoveryIndex         first index at or above the peak after the trough, −1 if none
 * @param peakToTroughPeriods   troughIndex − peakIndex
 * @param peakToRecoveryPeriods recoveryIndex − peakIndex, −1 if not recovered
 */
public record Drawdown(double maxDrawdown, int peakIndex, int troughIndex, int recoveryIndex,
                       int peakToTroughPeriods, int peakToRecoveryPeriods) {

    /** Fewest prices a drawdown needs. */
    public static final int MIN_PRICES = 2;

    /** Whether the series came back to the peak after the trough. */
    public boolean recovered() {
        return recoveryIndex >= 0;
    }

    /** Maximum drawdown of {@code prices}; needs at least {@value #MIN_PRICES} prices. */
    public static Drawdown of(PriceSeries prices) {
        double[] p = prices.pricesUnsafe();
        if (p.length < MIN_PRICES) {
            throw new IllegalArgumentException("max drawdown needs at least " + MIN_PRICES
                    + " prices, got " + p.length);
        }
        int runningPeak = 0;
        int peak = 0;
        int trough = 0;
        double max = 0;
        for (int t = 1; t < p.length; t++) {
            if (p[t] > p[runningPeak]) {
                runningPeak = t;
            }
            double dd = 1.0 - p[t] / p[runningPeak];
            if (dd > max) {
                max = dd;
                peak = runningPeak;
                trough = t;
            }
        }
        if (max == 0) {
            return new Drawdown(0, 0, 0, 0, 0, 0);
        }
        int recovery = -1;
        for (int t = trough + 1; t < p.length; t++) {
            if (p[t] >= p[peak]) {
                recovery = t;
                break;
            }
        }
        return new Drawdown(max, peak, trough, recovery, trough - peak,
                recovery < 0 ? -1 : recovery - peak);
    }
}
