package io.rwaprime.risk.analytics;

/**
 * Period returns from prices. Every metric in this package says which of these it uses:
 * log returns for volatility, simple returns for VaR/CVaR, Sharpe, Sortino, beta and correlation.
 *
 * <p>All methods need at least 2 prices (one return) and reject NaN or non-positive prices
 * with the index, the same way {@link PriceSeries} does.
 */
public final class Returns {

    private Returns() {
    }

    /** Simple returns {@code r[t] = P[t+1]/P[t] − 1}; {@code n} prices give {@code n − 1} returns. */
    public static double[] simple(double[] prices) {
        return overlapping(prices, 1);
    }

    /** Log returns {@code r[t] = ln(P[t+1]/P[t])}; {@code n} prices give {@code n − 1} returns. */
    public static double[] log(double[] prices) {
        checkPrices("log returns", prices, 2);
        double[] r = new double[prices.length - 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.log(prices[i + 1] / prices[i]);
        }
        return r;
    }

    /**
     * Overlapping h-period simple returns {@code r[t] = P[t+h]/P[t] − 1} for every start t;
     * {@code n} prices give {@code n − h} returns. Needs at least {@code h + 1} prices.
     */
    public static double[] overlapping(double[] prices, int h) {
        Require.positive("horizon h", h);
        checkPrices(h == 1 ? "simple returns" : h + "-period returns", prices, h + 1);
        double[] r = new double[prices.length - h];
        for (int i = 0; i < r.length; i++) {
            r[i] = prices[i + h] / prices[i] - 1.0;
        }
        return r;
    }

    private static void checkPrices(String metric, double[] prices, int min) {
        Require.minLength(metric, prices, min, "prices");
        for (int i = 0; i < prices.length; i++) {
            if (!Double.isFinite(prices[i])) {
                throw new IllegalArgumentException(metric + ": price at index " + i
                        + " is not a finite number (" + prices[i] + ")");
            }
            if (prices[i] <= 0) {
                throw new IllegalArgumentException(metric + ": price at index " + i
                        + " is not positive (" + prices[i] + ")");
            }
        }
    }
}
