package io.rwaprime.ml.arima;

/**
 * Starting value and optimiser scale of the single regression coefficient (intercept or
 * drift), as R's arima derives them from {@code lm(dx ~ dxreg - 1)} on the differenced data.
 */
final class RegressionStart {

    private RegressionStart() {
    }

    /**
     * Least-squares coefficient and parscale (10 standard errors); the undifferenced data
     * are used when differencing leaves nothing to regress on, as in R.
     */
    static double[] of(double[] x, double[] xreg, ArimaSpec spec) {
        double[] dx = difference(x, spec);
        double[] dr = difference(xreg, spec);
        double sxy = 0;
        double sxx = 0;
        int m = 0;
        for (int i = 0; i < dx.length; i++) {
            if (!Double.isNaN(dx[i]) && !Double.isNaN(dr[i])) {
                sxy += dx[i] * dr[i];
                sxx += dr[i] * dr[i];
                m++;
            }
        }
        if (dx.length <= 1 || sxx == 0) {
            dx = x;
            dr = xreg;
            sxy = 0;
            sxx = 0;
            m = 0;
            for (int i = 0; i < dx.length; i++) {
                if (!Double.isNaN(dx[i])) {
                    sxy += dx[i] * dr[i];
                    sxx += dr[i] * dr[i];
                    m++;
                }
            }
        }
        double beta = sxy / sxx;
        double rss = 0;
        for (int i = 0; i < dx.length; i++) {
            if (!Double.isNaN(dx[i]) && !Double.isNaN(dr[i])) {
                double e = dx[i] - beta * dr[i];
                rss += e * e;
            }
        }
        double se = m > 1 ? Math.sqrt(rss / (m - 1) / sxx) : Double.NaN;
        // A perfect fit has se = 0; R would then divide by a zero parscale and fail, so the
        // scale falls back to 1 to keep the optimiser defined.
        double scale = Double.isFinite(se) && se > 0 ? 10 * se : 1.0;
        return new double[] {beta, scale};
    }

    private static double[] difference(double[] v, ArimaSpec spec) {
        double[] out = v;
        for (int i = 0; i < spec.d(); i++) {
            out = Differencing.diff(out, 1);
        }
        for (int i = 0; i < spec.seasonalD(); i++) {
            out = Differencing.diff(out, spec.period());
        }
        return out;
    }
}
