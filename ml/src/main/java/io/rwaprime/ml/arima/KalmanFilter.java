package io.rwaprime.ml.arima;

/**
 * The three numerical kernels of R's arima.c: the exact Gaussian likelihood by the Kalman
 * filter ({@code ARIMA_Like}), the conditional sum of squares ({@code ARIMA_CSS}) and the
 * Kalman forecast ({@code KalmanFore}).
 *
 * <p>Missing observations (NaN) are skipped by the filter: the state is only predicted, as
 * R does, so gaps are handled by the likelihood itself.
 */
final class KalmanFilter {

    /** Innovations with a variance at least this large are diffuse and do not count. */
    private static final double DIFFUSE_GAIN = 1e4;

    private KalmanFilter() {
    }

    /**
     * Result of {@link #likelihood}: sum of squared standardised innovations, sum of log
     * innovation variances, number of counted innovations, and the standardised residuals
     * (NaN where the observation is missing) when requested.
     */
    record Likelihood(double ssq, double sumlog, int nu, double[] residuals) {
    }

    /**
     * R's {@code ARIMA_Like(y, mod, 0L, giveResid)}; updates {@code mod.a}, {@code mod.p} and
     * {@code mod.pn} in place, leaving the filtered state at the end of {@code y}.
     */
    static Likelihood likelihood(double[] y, StateSpace mod, boolean giveResid) {
        int n = y.length;
        int rd = mod.rd;
        int r = mod.r;
        int d = mod.delta.length;
        int p = mod.phi.length;
        int q = mod.theta.length;
        double[] phi = mod.phi;
        double[] theta = mod.theta;
        double[] delta = mod.delta;
        double[] a = mod.a;
        double[] pm = mod.p;
        double[] pnew = mod.pn;
        double[] anew = new double[rd];
        double[] m = new double[rd];
        double[] mm = d > 0 ? new double[rd * rd] : null;
        double[] resid = giveResid ? new double[n] : null;
        int[] nzDelta = nonZero(delta, delta.length);
        int[] nzPhi = nonZero(phi, p);
        double ssq = 0;
        double sumlog = 0;
        int nu = 0;
        for (int l = 0; l < n; l++) {
            for (int i = 0; i < r; i++) {
                double tmp = i < r - 1 ? a[i + 1] : 0.0;
                if (i < p) {
                    tmp += phi[i] * a[0];
                }
                anew[i] = tmp;
            }
            if (d > 0) {
                for (int i = r + 1; i < rd; i++) {
                    anew[i] = a[i - 1];
                }
                double tmp = a[0];
                for (int i = 0; i < d; i++) {
                    tmp += delta[i] * a[r + i];
                }
                anew[r] = tmp;
            }
            if (l > 0) {
                if (d == 0) {
                    predictStationary(r, p, q, phi, theta, pm, pnew);
                } else {
                    predictDifferenced(r, rd, d, q, phi, theta, delta, nzPhi, nzDelta, pm, pnew,
                            mm);
                }
            }
            if (!Double.isNaN(y[l])) {
                double res = y[l] - anew[0];
                for (int i = 0; i < d; i++) {
                    res -= delta[i] * anew[r + i];
                }
                // Loops below run along columns (contiguous), adding in R's order per element.
                System.arraycopy(pnew, 0, m, 0, rd);
                for (int j : nzDelta) {
                    double dj = delta[j];
                    int off = (r + j) * rd;
                    for (int i = 0; i < rd; i++) {
                        m[i] += pnew[off + i] * dj;
                    }
                }
                double gain = m[0];
                for (int j = 0; j < d; j++) {
                    gain += delta[j] * m[r + j];
                }
                if (gain < DIFFUSE_GAIN) {
                    nu++;
                    ssq += res * res / gain;
                    sumlog += Math.log(gain);
                }
                if (resid != null) {
                    resid[l] = res / Math.sqrt(gain);
                }
                for (int i = 0; i < rd; i++) {
                    a[i] = anew[i] + m[i] * res / gain;
                }
                for (int j = 0; j < rd; j++) {
                    double mj = m[j];
                    int off = j * rd;
                    for (int i = 0; i < rd; i++) {
                        pm[off + i] = pnew[off + i] - m[i] * mj / gain;
                    }
                }
            } else {
                System.arraycopy(anew, 0, a, 0, rd);
                System.arraycopy(pnew, 0, pm, 0, rd * rd);
                if (resid != null) {
                    resid[l] = Double.NaN;
                }
            }
        }
        return new Likelihood(ssq, sumlog, nu, resid);
    }

    private static void predictStationary(int r, int p, int q, double[] phi, double[] theta,
                                          double[] pm, double[] pnew) {
        for (int j = 0; j < r; j++) {
            double thj = j == 0 ? 1.0 : (j - 1 < q ? theta[j - 1] : 0.0);
            for (int i = 0; i < r; i++) {
                double vi = i == 0 ? 1.0 : (i - 1 < q ? theta[i - 1] : 0.0);
                double tmp = j == 0 ? vi : (j - 1 < q ? vi * thj : 0.0);
                if (i < p && j < p) {
                    tmp += phi[i] * phi[j] * pm[0];
                }
                if (i < r - 1 && j < r - 1) {
                    tmp += pm[i + 1 + r * (j + 1)];
                }
                if (i < p && j < r - 1) {
                    tmp += phi[i] * pm[j + 1];
                }
                if (j < p && i < r - 1) {
                    tmp += phi[j] * pm[i + 1];
                }
                pnew[i + r * j] = tmp;
            }
        }
    }

    /**
     * Indices i &lt; len of the non-zero coefficients. A seasonal polynomial is mostly zeros
     * (d = m + 1 differencing states with three non-zero coefficients); a zero term adds
     * exactly 0 and is skipped, leaving every non-zero result bit for bit as before.
     */
    private static int[] nonZero(double[] c, int len) {
        int k = 0;
        int[] out = new int[len];
        for (int i = 0; i < len; i++) {
            if (c[i] != 0.0) {
                out[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /**
     * Pnew = T P T' + V for the state with differencing, R's code with its loops turned to
     * run along the columns of the column-major matrices (so that they vectorise); every
     * element is still the same sum in the same order.
     */
    private static void predictDifferenced(int r, int rd, int d, int q, double[] phi,
                                           double[] theta, double[] delta, int[] nzPhi,
                                           int[] nzDelta, double[] pm, double[] pnew,
                                           double[] mm) {
        // mm = T P
        for (int j = 0; j < rd; j++) {
            int base = rd * j;
            double p0 = pm[base];
            System.arraycopy(pm, base + 1, mm, base, r - 1);
            mm[base + r - 1] = 0.0;
            for (int i : nzPhi) {
                mm[base + i] = i < r - 1 ? phi[i] * p0 + pm[base + i + 1] : phi[i] * p0;
            }
            double tmp = p0;
            for (int k : nzDelta) {
                tmp += delta[k] * pm[r + k + base];
            }
            mm[r + base] = tmp;
            System.arraycopy(pm, r + base, mm, r + 1 + base, d - 1);
        }
        // Pnew = mm T'
        for (int i = 0; i < r; i++) {
            int bi = rd * i;
            int next = rd * (i + 1);
            boolean ar = i < phi.length && phi[i] != 0.0;
            if (ar && i < r - 1) {
                double ph = phi[i];
                for (int j = 0; j < rd; j++) {
                    pnew[bi + j] = ph * mm[j] + mm[next + j];
                }
            } else if (ar) {
                double ph = phi[i];
                for (int j = 0; j < rd; j++) {
                    pnew[bi + j] = ph * mm[j];
                }
            } else if (i < r - 1) {
                System.arraycopy(mm, next, pnew, bi, rd);
            } else {
                java.util.Arrays.fill(pnew, bi, bi + rd, 0.0);
            }
        }
        int br = rd * r;
        System.arraycopy(mm, 0, pnew, br, rd);
        for (int k : nzDelta) {
            double dk = delta[k];
            int off = rd * (r + k);
            for (int j = 0; j < rd; j++) {
                pnew[br + j] += dk * mm[off + j];
            }
        }
        for (int i = 1; i < d; i++) {
            System.arraycopy(mm, rd * (r + i - 1), pnew, rd * (r + i), rd);
        }
        // + V = (1, theta)(1, theta)'; zero MA terms (most of a seasonal polynomial) add
        // exactly 0, so they are skipped.
        for (int j = 0; j <= q; j++) {
            double vj = j == 0 ? 1. : theta[j - 1];
            if (vj == 0.0) {
                continue;
            }
            int off = rd * j;
            for (int i = 0; i <= q; i++) {
                double vi = i == 0 ? 1. : theta[i - 1];
                if (vi != 0.0) {
                    pnew[i + off] += vi * vj;
                }
            }
        }
    }

    /**
     * R's {@code ARIMA_CSS}: differences {@code y}, then the sum of squared one-step errors
     * after the first {@code ncond} values; returns ssq / nu and fills {@code residOut}.
     */
    static double css(double[] y, int[] arma, double[] phi, double[] theta, int ncond,
                      double[] residOut) {
        int n = y.length;
        double[] w = y.clone();
        for (int i = 0; i < arma[5]; i++) {
            for (int l = n - 1; l > 0; l--) {
                w[l] -= w[l - 1];
            }
        }
        int ns = arma[4];
        for (int i = 0; i < arma[6]; i++) {
            for (int l = n - 1; l >= ns; l--) {
                w[l] -= w[l - ns];
            }
        }
        double[] resid = residOut != null ? residOut : new double[n];
        java.util.Arrays.fill(resid, 0, Math.min(ncond, n), 0.0);
        double ssq = 0.0;
        int nu = 0;
        int p = phi.length;
        int q = theta.length;
        for (int l = ncond; l < n; l++) {
            double tmp = w[l];
            for (int j = 0; j < p; j++) {
                tmp -= phi[j] * w[l - j - 1];
            }
            int jmax = Math.min(l - ncond, q);
            for (int j = 0; j < jmax; j++) {
                tmp -= theta[j] * resid[l - j - 1];
            }
            resid[l] = tmp;
            if (!Double.isNaN(tmp)) {
                nu++;
                ssq += tmp * tmp;
            }
        }
        return ssq / nu;
    }

    /**
     * R's {@code KalmanForecast(n.ahead, mod)}: forecasts of the (regression-free) series and
     * their variances in units of sigma^2, starting from the filtered state in {@code mod}.
     */
    static double[][] forecast(int nAhead, StateSpace mod) {
        int rd = mod.rd;
        double[] t = mod.transition();
        double[] v = mod.noiseCovariance();
        double[] z = mod.observation();
        double[] a = mod.a.clone();
        double[] pm = mod.p.clone();
        double[] anew = new double[rd];
        double[] mm = new double[rd * rd];
        double[] pred = new double[nAhead];
        double[] var = new double[nAhead];
        for (int l = 0; l < nAhead; l++) {
            double fc = 0.0;
            for (int i = 0; i < rd; i++) {
                double tmp = 0.0;
                for (int k = 0; k < rd; k++) {
                    tmp += t[i + rd * k] * a[k];
                }
                anew[i] = tmp;
                fc += tmp * z[i];
            }
            System.arraycopy(anew, 0, a, 0, rd);
            pred[l] = fc;
            for (int i = 0; i < rd; i++) {
                for (int j = 0; j < rd; j++) {
                    double tmp = 0.0;
                    for (int k = 0; k < rd; k++) {
                        tmp += t[i + rd * k] * pm[k + rd * j];
                    }
                    mm[i + rd * j] = tmp;
                }
            }
            double tmpVar = 0.0;
            for (int i = 0; i < rd; i++) {
                for (int j = 0; j < rd; j++) {
                    double tmp = v[i + rd * j];
                    for (int k = 0; k < rd; k++) {
                        tmp += mm[i + rd * k] * t[j + rd * k];
                    }
                    pm[i + rd * j] = tmp;
                }
            }
            for (int i = 0; i < rd; i++) {
                for (int j = 0; j < rd; j++) {
                    tmpVar += z[i] * z[j] * pm[i + j * rd];
                }
            }
            var[l] = tmpVar;
        }
        return new double[][] {pred, var};
    }
}
