package io.rwaprime.ml.stats;

/**
 * STL seasonal-trend decomposition by loess (Cleveland et al. 1990), a literal port of the
 * netlib Fortran that R's {@code stats::stl} calls, restricted to the non-robust fit
 * ({@code robust = FALSE}: two inner passes, no outer passes) that forecast's
 * {@code mstl}/{@code nsdiffs} use. Indices in comments and loops follow the Fortran (1-based).
 */
public final class Stl {

    /**
     * The decomposition; {@code remainder = data - seasonal - trend}.
     *
     * @param seasonal  seasonal component
     * @param trend     trend-cycle component
     * @param remainder what is left
     */
    public record Decomposition(double[] seasonal, double[] trend, double[] remainder) {
    }

    private Stl() {
    }

    /**
     * {@code stl(x, s.window)} with R's defaults for everything else: s.degree 0, t.degree 1,
     * t.window = nextodd(ceiling(1.5 period / (1 - 1.5 / s.window))), l.window =
     * nextodd(period), jumps ceiling(window / 10).
     */
    public static Decomposition decompose(double[] y, int period, int sWindow) {
        int n = y.length;
        if (period < 2 || n <= 2 * period) {
            throw new IllegalArgumentException(
                    "series is not periodic or has less than two periods: n = " + n
                            + ", period = " + period);
        }
        for (double v : y) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("STL needs a series without missing values");
            }
        }
        int tWindow = nextOdd(Math.ceil(1.5 * period / (1 - 1.5 / sWindow)));
        int lWindow = nextOdd(period);
        int sJump = (int) Math.ceil(sWindow / 10.0);
        int tJump = (int) Math.ceil(tWindow / 10.0);
        int lJump = (int) Math.ceil(lWindow / 10.0);
        int ns = odd(Math.max(3, sWindow));
        int nt = odd(Math.max(3, tWindow));
        int nl = odd(Math.max(3, lWindow));
        int np = Math.max(2, period);
        double[] season = new double[n];
        double[] trend = new double[n];
        int wlen = n + 2 * np;
        double[] w1 = new double[wlen];
        double[] w2 = new double[wlen];
        double[] w3 = new double[wlen];
        double[] w4 = new double[wlen];
        double[] w5 = new double[wlen];
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                w1[i] = y[i] - trend[i];
            }
            seasonalSmooth(w1, n, np, ns, 0, sJump, w2, w3, w4, w5);
            lowPass(w2, n + 2 * np, np, w3, w1);
            ess(w3, 0, n, nl, 1, lJump, w1, 0, w5);
            for (int i = 0; i < n; i++) {
                season[i] = w2[np + i] - w1[i];
            }
            for (int i = 0; i < n; i++) {
                w1[i] = y[i] - season[i];
            }
            ess(w1, 0, n, nt, 1, tJump, trend, 0, w3);
        }
        double[] rem = new double[n];
        for (int i = 0; i < n; i++) {
            rem[i] = y[i] - season[i] - trend[i];
        }
        return new Decomposition(season, trend, rem);
    }

    private static int nextOdd(double x) {
        int v = (int) Math.round(x);
        return v % 2 == 0 ? v + 1 : v;
    }

    private static int odd(int v) {
        return v % 2 == 0 ? v + 1 : v;
    }

    /** Fortran stless: loess smoothing of y(1..n) at every njump-th point, interpolated. */
    private static void ess(double[] y, int yo, int n, int len, int ideg, int njump,
                            double[] ys, int yso, double[] res) {
        if (n < 2) {
            ys[yso] = y[yo];
            return;
        }
        int newnj = Math.min(njump, n - 1);
        int nleft = 0;
        int nright = 0;
        if (len >= n) {
            nleft = 1;
            nright = n;
            for (int i = 1; i <= n; i += newnj) {
                ys[yso + i - 1] = est(y, yo, n, len, ideg, i, nleft, nright, res, y[yo + i - 1]);
            }
        } else if (newnj == 1) {
            int nsh = (len + 1) / 2;
            nleft = 1;
            nright = len;
            for (int i = 1; i <= n; i++) {
                if (i > nsh && nright != n) {
                    nleft++;
                    nright++;
                }
                ys[yso + i - 1] = est(y, yo, n, len, ideg, i, nleft, nright, res, y[yo + i - 1]);
            }
        } else {
            int nsh = (len + 1) / 2;
            for (int i = 1; i <= n; i += newnj) {
                if (i < nsh) {
                    nleft = 1;
                    nright = len;
                } else if (i >= n - nsh + 1) {
                    nleft = n - len + 1;
                    nright = n;
                } else {
                    nleft = i - nsh + 1;
                    nright = len + i - nsh;
                }
                ys[yso + i - 1] = est(y, yo, n, len, ideg, i, nleft, nright, res, y[yo + i - 1]);
            }
        }
        if (newnj != 1) {
            for (int i = 1; i <= n - newnj; i += newnj) {
                double delta = (ys[yso + i + newnj - 1] - ys[yso + i - 1]) / newnj;
                for (int j = i + 1; j <= i + newnj - 1; j++) {
                    ys[yso + j - 1] = ys[yso + i - 1] + delta * (j - i);
                }
            }
            int k = ((n - 1) / newnj) * newnj + 1;
            if (k != n) {
                ys[yso + n - 1] = est(y, yo, n, len, ideg, n, nleft, nright, res, y[yo + n - 1]);
                if (k != n - 1) {
                    double delta = (ys[yso + n - 1] - ys[yso + k - 1]) / (n - k);
                    for (int j = k + 1; j <= n - 1; j++) {
                        ys[yso + j - 1] = ys[yso + k - 1] + delta * (j - k);
                    }
                }
            }
        }
    }

    /**
     * Fortran stlest: the local (tricube-weighted, degree 0 or 1) fit at {@code xs} over
     * nleft..nright; {@code fallback} when all weights vanish.
     */
    private static double est(double[] y, int yo, int n, int len, int ideg, double xs,
                              int nleft, int nright, double[] w, double fallback) {
        double range = n - 1.0;
        double h = Math.max(xs - nleft, nright - xs);
        if (len > n) {
            h += (len - n) / 2;
        }
        double h9 = 0.999 * h;
        double h1 = 0.001 * h;
        double a = 0.0;
        for (int j = nleft; j <= nright; j++) {
            double r = Math.abs(j - xs);
            if (r <= h9) {
                if (r <= h1) {
                    w[j - 1] = 1.0;
                } else {
                    double u = r / h;
                    double c = 1.0 - u * u * u;
                    w[j - 1] = c * c * c;
                }
                a += w[j - 1];
            } else {
                w[j - 1] = 0.0;
            }
        }
        if (a <= 0.0) {
            return fallback;
        }
        for (int j = nleft; j <= nright; j++) {
            w[j - 1] /= a;
        }
        if (h > 0.0 && ideg > 0) {
            a = 0.0;
            for (int j = nleft; j <= nright; j++) {
                a += w[j - 1] * j;
            }
            double b = xs - a;
            double c = 0.0;
            for (int j = nleft; j <= nright; j++) {
                c += w[j - 1] * (j - a) * (j - a);
            }
            if (Math.sqrt(c) > 0.001 * range) {
                b /= c;
                for (int j = nleft; j <= nright; j++) {
                    w[j - 1] *= b * (j - a) + 1.0;
                }
            }
        }
        double ys = 0.0;
        for (int j = nleft; j <= nright; j++) {
            ys += w[j - 1] * y[yo + j - 1];
        }
        return ys;
    }

    /** Fortran stlss: smooths each cycle-subseries, extended by one period at both ends. */
    private static void seasonalSmooth(double[] y, int n, int np, int ns, int isdeg, int nsjump,
                                       double[] season, double[] work1, double[] work2,
                                       double[] work4) {
        for (int j = 1; j <= np; j++) {
            int k = (n - j) / np + 1;
            for (int i = 1; i <= k; i++) {
                work1[i - 1] = y[(i - 1) * np + j - 1];
            }
            ess(work1, 0, k, ns, isdeg, nsjump, work2, 1, work4);
            int nright = Math.min(ns, k);
            work2[0] = est(work1, 0, k, ns, isdeg, 0, 1, nright, work4, work2[1]);
            int nleft = Math.max(1, k - ns + 1);
            work2[k + 1] = est(work1, 0, k, ns, isdeg, k + 1, nleft, k, work4, work2[k]);
            for (int m = 1; m <= k + 2; m++) {
                season[(m - 1) * np + j - 1] = work2[m - 1];
            }
        }
    }

    /** Fortran stlfts: moving averages of length np, np and 3. */
    private static void lowPass(double[] x, int n, int np, double[] trend, double[] work) {
        movingAverage(x, n, np, trend);
        movingAverage(trend, n - np + 1, np, work);
        movingAverage(work, n - 2 * np + 2, 3, trend);
    }

    private static void movingAverage(double[] x, int n, int len, double[] ave) {
        int newn = n - len + 1;
        double v = 0.0;
        for (int i = 0; i < len; i++) {
            v += x[i];
        }
        ave[0] = v / len;
        for (int j = 1, k = len, m = 0; j < newn; j++, k++, m++) {
            v = v - x[m] + x[k];
            ave[j] = v / len;
        }
    }
}
