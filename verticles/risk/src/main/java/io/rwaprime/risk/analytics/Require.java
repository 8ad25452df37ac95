package io.rwaprime.risk.analytics;

/** Argument checks shared by the analytics; every failure is an {@link IllegalArgumentException}. */
final class Require {

    /** Variances below this are treated as zero: the ratio they would divide is undefined. */
    static final double ZERO_VARIANCE = 1e-24;

    private Require() {
    }

    static void minLength(String metric, double[] values, int min, String unit) {
        if (values == null) {
            throw new IllegalArgumentException(metric + ": " + unit + " must not be null");
        }
        if (values.length < min) {
            throw new IllegalArgumentException(metric + " needs at least " + min + " " + unit
                    + ", got " + values.length);
        }
    }

    static void finite(String metric, double[] values, String unit) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(metric + ": " + unit + " at index " + i
                        + " is not a finite number (" + values[i] + ")");
            }
        }
    }

    static void confidence(double confidence) {
        if (!(confidence > 0.5 && confidence < 1.0)) {
            throw new IllegalArgumentException(
                    "confidence must be in (0.5, 1), e.g. 0.95 or 0.99; got " + confidence);
        }
    }

    static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    static void periodsPerYear(double periodsPerYear) {
        if (!(periodsPerYear > 0) || Double.isInfinite(periodsPerYear)) {
            throw new IllegalArgumentException(
                    "periodsPerYear must be positive and finite (e.g. 252 or 365), got " + periodsPerYear);
        }
    }

    static void finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
    }

    static void nonZeroVariance(String metric, String seriesName, double variance) {
        if (!(variance > ZERO_VARIANCE)) {
            throw new IllegalArgumentException(metric + " is undefined: " + seriesName
                    + " has zero variance (all returns equal)");
        }
    }
}
