package io.rwaprime.ml.stats;

/**
 * KPSS level-stationarity test statistic as {@code urca::ur.kpss(type = "mu")} computes it:
 * cumulated demeaned values over a Bartlett-weighted long-run variance.
 */
public final class Kpss {

    /** 5 % critical value of the level test (Kwiatkowski et al. 1992, table 1). */
    public static final double CRITICAL_5PCT = 0.463;

    private static final double[] CRITICAL = {0.347, 0.463, 0.574, 0.739};
    private static final double[] LEVELS = {0.10, 0.05, 0.025, 0.01};

    private Kpss() {
    }

    /** The lag truncation forecast's {@code ndiffs} passes: trunc(3 sqrt(n) / 13). */
    public static int ndiffsLag(int n) {
        return (int) (3 * Math.sqrt(n) / 13);
    }

    /** The test statistic with {@code lags} Bartlett lags; NaN values are dropped first. */
    public static double statistic(double[] y, int lags) {
        double[] x = java.util.Arrays.stream(y).filter(v -> !Double.isNaN(v)).toArray();
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("KPSS needs at least 2 observations, got " + n);
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double[] res = new double[n];
        double s = 0;
        double num = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            res[i] = x[i] - mean;
            s += res[i];
            num += s * s;
            s2 += res[i] * res[i];
        }
        num /= (double) n * n;
        s2 /= n;
        double den = s2;
        for (int l = 1; l <= lags; l++) {
            double cov = 0;
            for (int i = l; i < n; i++) {
                cov += res[i] * res[i - l];
            }
            den += 2.0 / n * (1 - l / (lags + 1.0)) * cov;
        }
        return num / den;
    }

    /**
     * p-value as forecast interpolates it in urca's table (linear, clamped to [0.01, 0.10]).
     */
    public static double pValue(double statistic) {
        if (statistic <= CRITICAL[0]) {
            return LEVELS[0];
        }
        for (int i = 1; i < CRITICAL.length; i++) {
            if (statistic <= CRITICAL[i]) {
                double f = (statistic - CRITICAL[i - 1]) / (CRITICAL[i] - CRITICAL[i - 1]);
                return LEVELS[i - 1] + f * (LEVELS[i] - LEVELS[i - 1]);
            }
        }
        return LEVELS[LEVELS.length - 1];
    }
}
