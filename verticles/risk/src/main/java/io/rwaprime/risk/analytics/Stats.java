package io.rwaprime.risk.analytics;

/**
 * Descriptive statistics used by the metrics. Variance and covariance are sample ones
 * (denominator n − 1); skewness and excess kurtosis are the moment estimators
 * g1 = m3 / m2^(3/2) and g2 = m4 / m2² − 3 with central moments m_k = (1/n) Σ (x − x̄)^k.
 */
public final class Stats {

    private Stats() {
    }

    /** Arithmetic mean; needs at least 1 value. */
    public static double mean(double[] x) {
        Require.minLength("mean", x, 1, "values");
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample variance Σ(x − x̄)² / (n − 1); needs at least 2 values. */
    public static double variance(double[] x) {
        Require.minLength("variance", x, 2, "values");
        return centralSum(x, mean(x), 2) / (x.length - 1);
    }

    /** Sample standard deviation √variance; needs at least 2 values. */
    public static double stdDev(double[] x) {
        return Math.sqrt(variance(x));
    }

    /** Sample covariance Σ(x − x̄)(y − ȳ) / (n − 1); equal lengths, at least 2 values. */
    public static double covariance(double[] x, double[] y) {
        Require.minLength("covariance", x, 2, "values");
        if (y == null || y.length != x.length) {
            throw new IllegalArgumentException("covariance needs two series of equal length, got "
                    + x.length + " and " + (y == null ? "null" : y.length));
        }
        double mx = mean(x);
        double my = mean(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - mx) * (y[i] - my);
        }
        return s / (x.length - 1);
    }

    /** Moment skewness g1 = m3 / m2^(3/2); needs at least 3 values and non-zero variance. */
    public static double skewness(double[] x) {
        Require.minLength("skewness", x, 3, "values");
        double m = mean(x);
        double m2 = centralSum(x, m, 2) / x.length;
        Require.nonZeroVariance("skewness", "the series", m2);
        return (centralSum(x, m, 3) / x.length) / Math.pow(m2, 1.5);
    }

    /** Moment excess kurtosis g2 = m4 / m2² − 3; needs at least 4 values and non-zero variance. */
    public static double excessKurtosis(double[] x) {
        Require.minLength("excess kurtosis", x, 4, "values");
        double m = mean(x);
        double m2 = centralSum(x, m, 2) / x.length;
        Require.nonZeroVariance("excess kurtosis", "the series", m2);
        return (centralSum(x, m, 4) / x.length) / (m2 * m2) - 3.0;
    }

    private static double centralSum(double[] x, double mean, int power) {
        double s = 0;
        for (double v : x) {
            double d = v - mean;
            double p = d;
            for (int k = 1; k < power; k++) {
                p *= d;
            }
            s += p;
        }
        return s;
    }
}
