package io.rwaprime.ml.arima;

import io.rwaprime.ml.stats.Polynomials;

/**
 * Parameter maps of R's arima.c: the PACF (tanh + Durbin–Levinson) reparametrisation that
 * keeps AR parts stationary during optimisation, the expansion of seasonal ARMA products
 * into plain phi/theta, and R's {@code maInvert}/{@code arCheck} helpers.
 *
 * <p>Parameter vectors are laid out as R lays them out: ar, ma, sar, sma, then regressors;
 * {@code arma} is R's vector p, q, P, Q, period, d, D.
 */
final class ParameterTransform {

    private static final double GRAD_EPS = 1e-3;

    private ParameterTransform() {
    }

    /** Expanded non-seasonal polynomials, {@code phi} and {@code theta}. */
    record Expanded(double[] phi, double[] theta) {
    }

    /** R's {@code partrans}: unconstrained values to stationary AR coefficients. */
    static void partrans(int p, double[] raw, int offset, double[] out) {
        double[] work = new double[p];
        for (int j = 0; j < p; j++) {
            out[offset + j] = Math.tanh(raw[offset + j]);
            work[j] = out[offset + j];
        }
        for (int j = 1; j < p; j++) {
            double a = out[offset + j];
            for (int k = 0; k < j; k++) {
                work[k] -= a * out[offset + j - k - 1];
            }
            System.arraycopy(work, 0, out, offset, j);
        }
    }

    /** R's {@code invpartrans}: stationary AR coefficients back to unconstrained values. */
    static void invpartrans(int p, double[] phi, int offset, double[] out) {
        double[] work = new double[p];
        for (int j = 0; j < p; j++) {
            out[offset + j] = phi[offset + j];
            work[j] = out[offset + j];
        }
        for (int j = p - 1; j > 0; j--) {
            double a = out[offset + j];
            for (int k = 0; k < j; k++) {
                work[k] = (out[offset + k] + a * out[offset + j - k - 1]) / (1 - a * a);
            }
            System.arraycopy(work, 0, out, offset, j);
        }
        for (int j = 0; j < p; j++) {
            out[offset + j] = atanh(out[offset + j]);
        }
    }

    /** R's {@code ARIMA_transPars}: parameters to the expanded phi and theta. */
    static Expanded transPars(double[] in, int[] arma, boolean trans) {
        int mp = arma[0];
        int mq = arma[1];
        int msp = arma[2];
        int msq = arma[3];
        int ns = arma[4];
        int p = mp + ns * msp;
        int q = mq + ns * msq;
        double[] params = in.clone();
        if (trans) {
            if (mp > 0) {
                partrans(mp, in, 0, params);
            }
            if (msp > 0) {
                partrans(msp, in, mp + mq, params);
            }
        }
        double[] phi = new double[p];
        double[] theta = new double[q];
        System.arraycopy(params, 0, phi, 0, mp);
        System.arraycopy(params, mp, theta, 0, mq);
        for (int j = 0; j < msp; j++) {
            phi[(j + 1) * ns - 1] += params[j + mp + mq];
            for (int i = 0; i < mp; i++) {
                phi[(j + 1) * ns + i] -= params[i] * params[j + mp + mq];
            }
        }
        for (int j = 0; j < msq; j++) {
            theta[(j + 1) * ns - 1] += params[j + mp + mq + msp];
            for (int i = 0; i < mq; i++) {
                theta[(j + 1) * ns + i] += params[i + mp] * params[j + mp + mq + msp];
            }
        }
        return new Expanded(phi, theta);
    }

    /** R's {@code ARIMA_undoPars}: applies {@link #partrans} to the AR blocks only. */
    static double[] undoPars(double[] in, int[] arma) {
        double[] out = in.clone();
        if (arma[0] > 0) {
            partrans(arma[0], in, 0, out);
        }
        if (arma[2] > 0) {
            partrans(arma[2], in, arma[0] + arma[1], out);
        }
        return out;
    }

    /** R's {@code ARIMA_Invtrans}. */
    static double[] invTrans(double[] in, int[] arma) {
        double[] out = in.clone();
        if (arma[0] > 0) {
            invpartrans(arma[0], in, 0, out);
        }
        if (arma[2] > 0) {
            invpartrans(arma[2], in, arma[0] + arma[1], out);
        }
        return out;
    }

    /**
     * R's {@code ARIMA_Gradtrans}: forward-difference Jacobian of {@link #undoPars}, used to
     * map the Hessian from the transformed space back to the coefficients.
     */
    static double[][] gradTrans(double[] raw, int[] arma) {
        int n = raw.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 1.0;
        }
        jacobianBlock(raw, 0, arma[0], a);
        jacobianBlock(raw, arma[0] + arma[1], arma[2], a);
        return a;
    }

    private static void jacobianBlock(double[] raw, int v, int m, double[][] a) {
        if (m == 0) {
            return;
        }
        double[] w1 = new double[m];
        double[] w2 = new double[m];
        double[] w3 = new double[m];
        System.arraycopy(raw, v, w1, 0, m);
        partrans(m, w1, 0, w2);
        for (int i = 0; i < m; i++) {
            w1[i] += GRAD_EPS;
            partrans(m, w1, 0, w3);
            for (int j = 0; j < m; j++) {
                a[i + v][j + v] = (w3[j] - w2[j]) / GRAD_EPS;
            }
            w1[i] -= GRAD_EPS;
        }
    }

    /** R's {@code arCheck}: all roots of 1 - ar(z) outside the unit circle. */
    static boolean arCheck(double[] ar, int offset, int length) {
        double[] poly = new double[length + 1];
        poly[0] = 1;
        int last = 0;
        for (int i = 0; i < length; i++) {
            poly[i + 1] = -ar[offset + i];
            if (poly[i + 1] != 0) {
                last = i + 1;
            }
        }
        if (last == 0) {
            return true;
        }
        return Polynomials.roots(java.util.Arrays.copyOf(poly, last + 1)).minModulus() > 1;
    }

    /**
     * R's {@code maInvert}: reflects roots of 1 + ma(z) inside the unit circle to make the MA
     * part invertible (the likelihood is unchanged).
     */
    static double[] maInvert(double[] ma) {
        int q = ma.length;
        int q0 = 0;
        for (int i = 0; i < q; i++) {
            if (ma[i] != 0) {
                q0 = i + 1;
            }
        }
        if (q0 == 0) {
            return ma.clone();
        }
        double[] poly = new double[q0 + 1];
        poly[0] = 1;
        System.arraycopy(ma, 0, poly, 1, q0);
        Polynomials.Roots roots = Polynomials.roots(poly);
        boolean any = false;
        for (int k = 0; k < roots.re().length; k++) {
            any |= roots.modulus(k) < 1;
        }
        if (!any) {
            return ma.clone();
        }
        double[] out = new double[q];
        if (q0 == 1) {
            out[0] = 1 / ma[0];
            return out;
        }
        double[] re = roots.re().clone();
        double[] im = roots.im().clone();
        for (int k = 0; k < re.length; k++) {
            double m2 = re[k] * re[k] + im[k] * im[k];
            if (Math.sqrt(m2) < 1) {
                re[k] = re[k] / m2;
                im[k] = -im[k] / m2;
            }
        }
        // x <- 1; for (r in roots) x <- c(x, 0) - c(0, x)/r, in complex arithmetic.
        double[] xr = {1};
        double[] xi = {0};
        for (int k = 0; k < re.length; k++) {
            double m2 = re[k] * re[k] + im[k] * im[k];
            double ir = re[k] / m2;
            double ii = -im[k] / m2;
            double[] nr = new double[xr.length + 1];
            double[] ni = new double[xr.length + 1];
            for (int j = 0; j < xr.length; j++) {
                nr[j] += xr[j];
                ni[j] += xi[j];
                nr[j + 1] -= xr[j] * ir - xi[j] * ii;
                ni[j + 1] -= xr[j] * ii + xi[j] * ir;
            }
            xr = nr;
            xi = ni;
        }
        System.arraycopy(xr, 1, out, 0, q0);
        return out;
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }
}
