package io.rwaprime.ml.stats;

/** Small dense linear algebra for the few-parameter problems of time-series estimation. */
public final class Matrices {

    private Matrices() {
    }

    /**
     * Inverse by Gauss–Jordan elimination with partial pivoting, or {@code null} when the
     * matrix is singular to working precision (where R's {@code solve} stops with
     * "system is computationally singular").
     */
    public static double[][] inverse(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = m[i][j];
                if (!Double.isFinite(m[i][j])) {
                    return null;
                }
                scale = Math.max(scale, Math.abs(m[i][j]));
            }
            a[i][n + i] = 1.0;
        }
        if (scale == 0) {
            return n == 0 ? new double[0][0] : null;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) <= 1e-14 * scale) {
                return null;
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double inv = 1.0 / a[col][col];
            for (int j = 0; j < 2 * n; j++) {
                a[col][j] *= inv;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        a[r][j] -= f * a[col][j];
                    }
                }
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, out[i], 0, n);
        }
        return out;
    }

    /** {@code A' B A} for square matrices of equal size. */
    public static double[][] sandwich(double[][] a, double[][] b) {
        int n = a.length;
        double[][] ba = multiply(b, a);
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[k][i] * ba[k][j];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    /** Matrix product. */
    public static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b.length == 0 ? 0 : b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                for (int j = 0; j < m; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }
}
