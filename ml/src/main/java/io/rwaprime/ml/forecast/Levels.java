package io.rwaprime.ml.forecast;

import io.rwaprime.ml.stats.Normal;
import java.util.Arrays;

/** Validation of prediction-interval levels, shared by every {@link Forecaster}. */
public final class Levels {

    private Levels() {
    }

    /**
     * The levels sorted ascending without duplicates; {80, 95} when none are given.
     *
     * @throws IllegalArgumentException if a level is not strictly between 0 and 100 percent
     */
    public static double[] normalise(double... levels) {
        if (levels == null || levels.length == 0) {
            return new double[] {80, 95};
        }
        double[] lv = Arrays.stream(levels).sorted().distinct().toArray();
        for (double l : lv) {
            if (!(l > 0 && l < 100)) {
                throw new IllegalArgumentException(
                        "confidence levels must be in (0, 100) percent, got " + l);
            }
        }
        return lv;
    }

    /** The two-sided normal quantile for a level in percent, qnorm(0.5 + level / 200). */
    public static double z(double level) {
        return Normal.quantile(0.5 + level / 200);
    }

    /** Checks a forecast horizon. */
    public static void checkHorizon(int h) {
        if (h < 1) {
            throw new IllegalArgumentException("forecast horizon must be >= 1, got " + h);
        }
    }
}
