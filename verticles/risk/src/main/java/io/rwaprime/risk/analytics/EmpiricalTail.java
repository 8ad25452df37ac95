package io.rwaprime.risk.analytics;

import java.util.Arrays;

/**
 * The quantile rule shared by historical and Monte Carlo VaR: the <b>lower empirical quantile</b>
 * (inverse of the empirical CDF, R {@code quantile(type = 1)}). With returns sorted ascending
 * r(1) ≤ … ≤ r(n) and tail probability α = 1 − c, the tail holds the k = ⌈n·α⌉ worst returns
 * (k ≥ 1); VaR = −r(k) and CVaR = −(r(1) + … + r(k)) / k.
 */
final class EmpiricalTail {

    /** Guards ⌈n·α⌉ against binary round-off: 100 × (1 − 0.95) is 5.000000000000004, not 5. */
    private static final double ROUND_OFF = 1e-9;

    private EmpiricalTail() {
    }

    /** k = max(1, ⌈n·(1 − c)⌉), the number of observations in the tail. */
    static int tailCount(int n, double confidence) {
        return Math.max(1, (int) Math.ceil(n * (1.0 - confidence) - ROUND_OFF));
    }

    /** Returns {var, cvar} of the given returns (the array is sorted in place). */
    static double[] varCvarSortingInPlace(double[] returns, double confidence) {
        Arrays.sort(returns);
        int k = tailCount(returns.length, confidence);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += returns[i];
        }
        return new double[] {-returns[k - 1], -sum / k};
    }
}
