package io.rwaprime.ml.stats;

/**
 * Real polynomials given by coefficients in increasing powers, as R's {@code polyroot} takes
 * them. Roots come from the Aberth–Ehrlich simultaneous iteration, which is robust for the
 * low degrees (at most a few dozen) of expanded seasonal ARMA polynomials.
 */
public final class Polynomials {

    private static final int MAX_ITERATIONS = 2000;

    private Polynomials() {
    }

    /** Complex roots of a polynomial; {@code re[k] + i im[k]}. */
    public record Roots(double[] re, double[] im) {

        /** Modulus of the {@code k}-th root. */
        public double modulus(int k) {
            return Math.hypot(re[k], im[k]);
        }

        /** Smallest modulus, or +Inf for a constant polynomial. */
        public double minModulus() {
            double m = Double.POSITIVE_INFINITY;
            for (int k = 0; k < re.length; k++) {
                m = Math.min(m, modulus(k));
            }
            return m;
        }
    }

    /** Product of two polynomials (R's internal {@code TSconv}). */
    public static double[] multiply(double[] a, double[] b) {
        double[] ab = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                ab[i + j] += a[i] * b[j];
            }
        }
        return ab;
    }

    /**
     * Roots of {@code c[0] + c[1] z + ... + c[n] z^n}; trailing zero coefficients are dropped,
     * so the degree is that of the last non-zero coefficient.
     */
    public static Roots roots(double[] c) {
        int n = c.length - 1;
        while (n > 0 && c[n] == 0.0) {
            n--;
        }
        if (n <= 0) {
            return new Roots(new double[0], new double[0]);
        }
        double[] a = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            a[k] = c[k] / c[n];
        }
        double radius = 0;
        for (int k = 0; k < n; k++) {
            radius = Math.max(radius, Math.pow(Math.abs(a[k]), 1.0 / (n - k)));
        }
        radius = Math.max(radius, 1e-3);
        double[] zr = new double[n];
        double[] zi = new double[n];
        for (int k = 0; k < n; k++) {
            // An offset angle avoids starting on the real axis, where conjugate pairs would
            // otherwise be slow to separate.
            double angle = 2 * Math.PI * k / n + 0.4;
            zr[k] = radius * Math.cos(angle);
            zi[k] = radius * Math.sin(angle);
        }
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double maxStep = 0;
            for (int k = 0; k < n; k++) {
                // Horner for p and p' at z_k.
                double pr = 1;
                double pi = 0;
                double dr = 0;
                double di = 0;
                for (int j = n - 1; j >= 0; j--) {
                    double ndr = dr * zr[k] - di * zi[k] + pr;
                    double ndi = dr * zi[k] + di * zr[k] + pi;
                    dr = ndr;
                    di = ndi;
                    double npr = pr * zr[k] - pi * zi[k] + a[j];
                    double npi = pr * zi[k] + pi * zr[k];
                    pr = npr;
                    pi = npi;
                }
                if (pr == 0 && pi == 0) {
                    continue;
                }
                double den = dr * dr + di * di;
                double rr = (pr * dr + pi * di) / den;
                double ri = (pi * dr - pr * di) / den;
                double sr = 0;
                double si = 0;
                for (int j = 0; j < n; j++) {
                    if (j != k) {
                        double xr = zr[k] - zr[j];
                        double xi = zi[k] - zi[j];
                        double d2 = xr * xr + xi * xi;
                        if (d2 > 0) {
                            sr += xr / d2;
                            si -= xi / d2;
                        }
                    }
                }
                // w = ratio / (1 - ratio * sum)
                double qr = 1 - (rr * sr - ri * si);
                double qi = -(rr * si + ri * sr);
                double qd = qr * qr + qi * qi;
                double wr = qd == 0 ? rr : (rr * qr + ri * qi) / qd;
                double wi = qd == 0 ? ri : (ri * qr - rr * qi) / qd;
                zr[k] -= wr;
                zi[k] -= wi;
                maxStep = Math.max(maxStep, Math.hypot(wr, wi) / (1 + Math.hypot(zr[k], zi[k])));
            }
            if (maxStep < 1e-15) {
                break;
            }
        }
        return new Roots(zr, zi);
    }
}
