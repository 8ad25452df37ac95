package io.rwaprime.ml.arima;

/**
 * State-space form of an ARIMA model as R's {@code makeARIMA} builds it: the ARMA part in
 * Harvey's form with r = max(p, q + 1) states, the differencing folded into {@code d} extra
 * states through {@code Delta}, a Gardner et al. (1980) stationary covariance Q0 for the ARMA
 * states and a diffuse variance {@code kappa} for the differencing states.
 *
 * <p>{@code a}, {@code p} and {@code pn} are mutable: the Kalman filter leaves the filtered
 * state at the end of the series in them, which is where forecasting starts (as in R).
 */
final class StateSpace {

    /** R's default diffuse prior variance for the differencing states. */
    static final double KAPPA = 1e6;

    final double[] phi;
    final double[] theta;
    final double[] delta;
    final int r;
    final int rd;
    final double[] a;
    final double[] p;
    final double[] pn;

    private StateSpace(double[] phi, double[] theta, double[] delta) {
        this.phi = phi;
        this.delta = delta;
        this.r = Math.max(phi.length, theta.length + 1);
        this.rd = r + delta.length;
        this.theta = java.util.Arrays.copyOf(theta, Math.max(theta.length, r - 1));
        this.a = new double[rd];
        this.p = new double[rd * rd];
        this.pn = new double[rd * rd];
    }

    /** R's {@code makeARIMA(phi, theta, Delta, kappa = 1e6, SSinit = "Gardner1980")}. */
    static StateSpace of(double[] phi, double[] theta, double[] delta) {
        StateSpace s = new StateSpace(phi, theta, delta);
        if (s.r > 1) {
            double[] q0 = gardnerQ0(phi, theta);
            for (int j = 0; j < s.r; j++) {
                System.arraycopy(q0, j * s.r, s.pn, j * s.rd, s.r);
            }
        } else {
            s.pn[0] = phi.length > 0 ? 1 / (1 - phi[0] * phi[0]) : 1;
        }
        for (int i = 0; i < delta.length; i++) {
            s.pn[(s.r + i) + s.rd * (s.r + i)] = KAPPA;
        }
        return s;
    }

    /** A copy, so that forecasting does not disturb the state kept by a fit. */
    StateSpace copy() {
        StateSpace s = new StateSpace(phi, theta, delta);
        System.arraycopy(a, 0, s.a, 0, rd);
        System.arraycopy(p, 0, s.p, 0, rd * rd);
        System.arraycopy(pn, 0, s.pn, 0, rd * rd);
        return s;
    }

    /** Transition matrix T (column-major), as makeARIMA builds it. */
    double[] transition() {
        double[] t = new double[rd * rd];
        for (int i = 0; i < phi.length; i++) {
            t[i] = phi[i];
        }
        for (int i = 1; i < r; i++) {
            t[(i - 1) + rd * i] = 1;
        }
        if (delta.length > 0) {
            double[] z = observation();
            for (int j = 0; j < rd; j++) {
                t[r + rd * j] = z[j];
            }
            for (int i = 1; i < delta.length; i++) {
                t[(r + i) + rd * (r + i - 1)] = 1;
            }
        }
        return t;
    }

    /** Observation vector Z = (1, 0, ..., 0, Delta). */
    double[] observation() {
        double[] z = new double[rd];
        z[0] = 1;
        System.arraycopy(delta, 0, z, r, delta.length);
        return z;
    }

    /** State noise covariance V = R R' with R = (1, theta, 0...). */
    double[] noiseCovariance() {
        double[] rv = new double[rd];
        rv[0] = 1;
        System.arraycopy(theta, 0, rv, 1, Math.min(theta.length, r - 1));
        double[] v = new double[rd * rd];
        for (int i = 0; i < rd; i++) {
            for (int j = 0; j < rd; j++) {
                v[i + rd * j] = rv[i] * rv[j];
            }
        }
        return v;
    }

    /**
     * R's {@code getQ0}: the stationary covariance of the ARMA states by Gardner, Harvey and
     * Phillips (1980), AS 154, solving for vec(P0) row by row with Givens updates.
     * Returns an r x r column-major matrix.
     */
    static double[] gardnerQ0(double[] phi, double[] theta) {
        int p = phi.length;
        int q = theta.length;
        int r = Math.max(p, q + 1);
        int np = r * (r + 1) / 2;
        int nrbar = np * (np - 1) / 2;
        double[] v = new double[np];
        int ind = 0;
        for (int j = 0; j < r; j++) {
            double vj = j == 0 ? 1.0 : (j - 1 < q ? theta[j - 1] : 0.0);
            for (int i = j; i < r; i++) {
                double vi = i == 0 ? 1.0 : (i - 1 < q ? theta[i - 1] : 0.0);
                v[ind++] = vi * vj;
            }
        }
        double[] res = new double[Math.max(r * r, np)];
        if (r == 1) {
            res[0] = p == 0 ? 1.0 : 1.0 / (1.0 - phi[0] * phi[0]);
            return res;
        }
        if (p > 0) {
            double[] rbar = new double[nrbar];
            double[] thetab = new double[np];
            double[] xnext = new double[np];
            double[] xrow = new double[np];
            ind = 0;
            int ind1 = -1;
            int npr = np - r;
            int npr1 = npr + 1;
            int indj = npr;
            int ind2 = npr - 1;
            for (int j = 0; j < r; j++) {
                double phij = j < p ? phi[j] : 0.0;
                xnext[indj++] = 0.0;
                int indi = npr1 + j;
                for (int i = j; i < r; i++) {
                    double ynext = v[ind++];
                    double phii = i < p ? phi[i] : 0.0;
                    if (j != r - 1) {
                        xnext[indj] = -phii;
                        if (i != r - 1) {
                            xnext[indi] -= phij;
                            xnext[++ind1] = -1.0;
                        }
                    }
                    xnext[npr] = -phii * phij;
                    if (++ind2 >= np) {
                        ind2 = 0;
                    }
                    xnext[ind2] += 1.0;
                    inclu2(np, xnext, xrow, ynext, res, rbar, thetab);
                    xnext[ind2] = 0.0;
                    if (i != r - 1) {
                        xnext[indi++] = 0.0;
                        xnext[ind1] = 0.0;
                    }
                }
            }
            int ithisr = nrbar - 1;
            int im = np - 1;
            for (int i = 0; i < np; i++) {
                double bi = thetab[im];
                int jm = np - 1;
                for (int j = 0; j < i; j++) {
                    bi -= rbar[ithisr--] * res[jm--];
                }
                res[im--] = bi;
            }
            // Re-order: the solve above permuted vec(P0) to get more leading zeros.
            ind = npr;
            for (int i = 0; i < r; i++) {
                xnext[i] = res[ind++];
            }
            ind = np - 1;
            ind1 = npr - 1;
            for (int i = 0; i < npr; i++) {
                res[ind--] = res[ind1--];
            }
            System.arraycopy(xnext, 0, res, 0, r);
        } else {
            // Pure MA: P0 by back-substitution.
            int indn = np;
            ind = np;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j <= i; j++) {
                    --ind;
                    res[ind] = v[ind];
                    if (j != 0) {
                        res[ind] += res[--indn];
                    }
                }
            }
        }
        ind = np;
        for (int i = r - 1; i > 0; i--) {
            for (int j = r - 1; j >= i; j--) {
                res[r * i + j] = res[--ind];
            }
        }
        for (int i = 0; i < r - 1; i++) {
            for (int j = i + 1; j < r; j++) {
                res[i + r * j] = res[j + r * i];
            }
        }
        return res;
    }

    private static void inclu2(int np, double[] xnext, double[] xrow, double ynext,
                               double[] d, double[] rbar, double[] thetab) {
        System.arraycopy(xnext, 0, xrow, 0, np);
        int ithisr = 0;
        for (int i = 0; i < np; i++) {
            if (xrow[i] != 0.0) {
                double xi = xrow[i];
                double di = d[i];
                double dpi = di + xi * xi;
                d[i] = dpi;
                double cbar = di / dpi;
                double sbar = xi / dpi;
                for (int k = i + 1; k < np; k++) {
                    double xk = xrow[k];
                    double rbthis = rbar[ithisr];
                    xrow[k] = xk - xi * rbthis;
                    rbar[ithisr++] = cbar * rbthis + sbar * xk;
                }
                double xk = ynext;
                ynext = xk - xi * thetab[i];
                thetab[i] = cbar * thetab[i] + sbar * xk;
                if (di == 0.0) {
                    return;
                }
            } else {
                ithisr = ithisr + np - i - 1;
            }
        }
    }
}
