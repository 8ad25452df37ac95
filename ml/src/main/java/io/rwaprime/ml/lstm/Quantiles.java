package io.rwaprime.ml.lstm;

/**
 * The quantile outputs of the network: 2.5, 10, 50, 90 and 97.5 %, i.e. the median and the
 * central 80 % and 95 % intervals. Indices into the last axis of the {@code quantiles} output.
 */
public final class Quantiles {

    /** Probabilities in output order. */
    static final float[] TAUS = {0.025f, 0.1f, 0.5f, 0.9f, 0.975f};

    /** Index of the median. */
    public static final int MEDIAN = 2;

    private Quantiles() {
    }

    /** Number of quantile outputs. */
    public static int count() {
        return TAUS.length;
    }

    /** Index of the lower bound of a central interval at {@code level} (80 or 95). */
    public static int lower(double level) {
        return level == 80 ? 1 : level == 95 ? 0 : unsupported(level);
    }

    /** Index of the upper bound of a central interval at {@code level} (80 or 95). */
    public static int upper(double level) {
        return level == 80 ? 3 : level == 95 ? 4 : unsupported(level);
    }

    private static int unsupported(double level) {
        throw new IllegalArgumentException("the LSTM is trained for 80 and 95 % intervals only (pinball"
                + " quantiles 2.5/10/50/90/97.5 %), got level " + level);
    }
}
