package io.rwaprime.ml.arima;

import io.rwaprime.ml.stats.Kpss;
import io.rwaprime.ml.stats.SeasonalStrength;
import java.util.Arrays;

/**
 * Orders of differencing as forecast chooses them: {@code ndiffs} with repeated KPSS level
 * tests at 5 % (lag trunc(3 sqrt(n) / 13)) and {@code nsdiffs} with the seasonal-strength
 * heuristic (strength > 0.64).
 */
final class Differencing {

    /** forecast's threshold, chosen on the seasonal M3 series. */
    static final double SEASONAL_STRENGTH_THRESHOLD = 0.64;

    private static final double ALPHA = 0.05;
    private static final double ALL_EQUAL_TOLERANCE = 1.5e-8;

    private Differencing() {
    }

    /** forecast's {@code ndiffs(x, test = "kpss", max.d)}; NaNs are dropped as there. */
    static int ndiffs(double[] x, int maxD) {
        double[] y = Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
        int d = 0;
        if (isConstant(y) || y.length < 2) {
            return d;
        }
        boolean dodiff = kpssRejects(y);
        while (dodiff && d < maxD) {
            d++;
            y = diff(y, 1);
            if (isConstant(y) || y.length < 2) {
                return d;
            }
            dodiff = kpssRejects(y);
        }
        return d;
    }

    private static boolean kpssRejects(double[] y) {
        return Kpss.pValue(Kpss.statistic(y, Kpss.ndiffsLag(y.length))) < ALPHA;
    }

    /** forecast's {@code nsdiffs(x, test = "seas", max.D)} for a series of period {@code m}. */
    static int nsdiffs(double[] x, int m, int maxD) {
        int bigD = 0;
        if (isConstant(x) || m >= x.length) {
            return bigD;
        }
        boolean dodiff = strongSeason(x, m);
        double[] y = x;
        while (dodiff && bigD < maxD) {
            bigD++;
            y = diff(y, m);
            if (isConstant(y)) {
                return bigD;
            }
            dodiff = y.length >= 2 * m && bigD < maxD && strongSeason(y, m);
        }
        return bigD;
    }

    /** The heuristic; a series STL cannot decompose counts as not seasonal, as in forecast. */
    private static boolean strongSeason(double[] x, int m) {
        try {
            return SeasonalStrength.of(x, m) > SEASONAL_STRENGTH_THRESHOLD;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Lagged differences, {@code diff(x, lag)}. */
    static double[] diff(double[] x, int lag) {
        double[] out = new double[Math.max(0, x.length - lag)];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i + lag] - x[i];
        }
        return out;
    }

    /**
     * forecast's {@code is.constant}: {@code all.equal(x, rep(x[1], n))}, i.e. mean absolute
     * deviation from the first value within 1.5e-8 relative to mean |x|; a series with gaps
     * is not constant unless it is entirely missing.
     */
    static boolean isConstant(double[] x) {
        if (x.length == 0) {
            return true;
        }
        double first = x[0];
        double dev = 0;
        double mag = 0;
        int n = 0;
        for (double v : x) {
            if (Double.isNaN(v) != Double.isNaN(first)) {
                return false;
            }
            if (!Double.isNaN(v)) {
                dev += Math.abs(v - first);
                mag += Math.abs(v);
                n++;
            }
        }
        if (n == 0) {
            return true;
        }
        dev /= n;
        mag /= n;
        return (mag > ALL_EQUAL_TOLERANCE ? dev / mag : dev) <= ALL_EQUAL_TOLERANCE;
    }
}
