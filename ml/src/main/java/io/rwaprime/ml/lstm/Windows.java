package io.rwaprime.ml.lstm;

/**
 * Sliding windows over a {@link FeatureFrame}: window i holds feature rows of times
 * t-W+1..t with t = W + i, its target the cumulative log returns log(p_{t+k} / p_t),
 * k = 1..H. Windows are in time order; the last {@code validation} ones are held out, and the
 * standardisation statistics come from the rows the training windows see.
 */
final class Windows {

    /** Fewest windows a fit accepts (a few for training, at least two for validation). */
    static final int MIN_WINDOWS = 10;

    final int count;
    final int validation;
    final int width;
    final float[] x;
    final float[] y;
    final float[] last;
    final float[] mean;
    final float[] std;
    final float returnSigma;

    Windows(FeatureFrame frame, LstmOptions o) {
        double[] p = frame.prices();
        int n = p.length;
        int w = o.window();
        int h = o.horizon();
        count = n - w - h;
        if (count < MIN_WINDOWS) {
            throw new IllegalArgumentException("series too short for the LSTM: " + n + " values, need at least "
                    + (w + h + MIN_WINDOWS) + " (window W=" + w + " + horizon H=" + h + " + " + MIN_WINDOWS
                    + " training windows)");
        }
        validation = Math.max(2, (int) Math.round(count * o.validationFraction()));
        double[][] rows = frame.rows();
        width = frame.width();
        int trainRows = w + count - validation;
        mean = new float[width];
        std = new float[width];
        for (int f = 0; f < width; f++) {
            double s = 0;
            double ss = 0;
            for (int r = 0; r < trainRows; r++) {
                s += rows[r][f];
                ss += rows[r][f] * rows[r][f];
            }
            double m = s / trainRows;
            double sd = Math.sqrt(Math.max(0, ss / trainRows - m * m));
            mean[f] = (float) m;
            std[f] = sd > 1e-12 ? (float) sd : 1f;
            if (f == 0 && !(sd > 1e-12)) {
                throw new IllegalArgumentException("LSTM: the series is constant over the training split"
                        + " (log returns have no variance); use the naive method");
            }
        }
        returnSigma = std[0];
        x = new float[count * w * width];
        y = new float[count * h];
        for (int i = 0; i < count; i++) {
            int t = w + i;
            copyRows(rows, t - w, w, x, i * w * width);
            for (int k = 1; k <= h; k++) {
                y[i * h + k - 1] = (float) Math.log(p[t + k] / p[t]);
            }
        }
        last = new float[w * width];
        copyRows(rows, n - 1 - w, w, last, 0);
    }

    private static void copyRows(double[][] rows, int from, int w, float[] dst, int off) {
        int k = off;
        for (int r = from; r < from + w; r++) {
            for (double v : rows[r]) {
                dst[k++] = (float) v;
            }
        }
    }

    int train() {
        return count - validation;
    }
}
