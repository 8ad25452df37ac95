package io.rwaprime.ml.stats;

/**
 * Seasonal strength of Wang, Smith and Hyndman (2006) as forecast's {@code seas.heuristic}
 * computes it: max(0, min(1, 1 - var(R) / var(R + S))) from an STL decomposition with
 * s.window = 11 (the first window of {@code mstl}).
 */
public final class SeasonalStrength {

    private static final int MSTL_S_WINDOW = 11;

    private SeasonalStrength() {
    }

    /** Strength in [0, 1]; gaps are filled by linear interpolation first (see class note). */
    public static double of(double[] y, int period) {
        Stl.Decomposition d = Stl.decompose(interpolate(y), period, MSTL_S_WINDOW);
        double[] rs = new double[y.length];
        for (int i = 0; i < rs.length; i++) {
            rs[i] = d.remainder()[i] + d.seasonal()[i];
        }
        double strength = 1 - variance(d.remainder()) / variance(rs);
        return Math.max(0, Math.min(1, strength));
    }

    /** Sample variance (n - 1 denominator, as R's var). */
    public static double variance(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    /**
     * Linear interpolation of interior gaps, the ends held at the nearest value. forecast's
     * {@code na.interp} uses an STL-based fill for seasonal series; this simpler fill only
     * matters for series with gaps.
     */
    static double[] interpolate(double[] y) {
        double[] out = y.clone();
        int prev = -1;
        for (int i = 0; i < out.length; i++) {
            if (!Double.isNaN(out[i])) {
                if (prev < 0) {
                    java.util.Arrays.fill(out, 0, i, out[i]);
                } else if (prev < i - 1) {
                    for (int k = prev + 1; k < i; k++) {
                        out[k] = out[prev] + (out[i] - out[prev]) * (k - prev) / (i - prev);
                    }
                }
                prev = i;
            }
        }
        if (prev < 0) {
            throw new IllegalArgumentException("series has no non-missing observations");
        }
        java.util.Arrays.fill(out, prev + 1, out.length, out[prev]);
        return out;
    }
}
