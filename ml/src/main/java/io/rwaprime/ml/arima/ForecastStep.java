package io.rwaprime.ml.arima;

import java.util.List;

/**
 * One step of an ARIMA forecast.
 *
 * @param step      horizon, 1 for the first value after the series
 * @param mean      point forecast
 * @param se        standard error of the forecast error (R's {@code predict(...)$se})
 * @param intervals normal prediction intervals, one per requested level, in that order
 */
public record ForecastStep(int step, double mean, double se, List<Interval> intervals) {

    /** Copies the interval list so that a step is immutable. */
    public ForecastStep {
        intervals = List.copyOf(intervals);
    }

    /**
     * A central prediction interval.
     *
     * @param level coverage in percent, e.g. 95
     * @param lower lower bound
     * @param upper upper bound
     */
    public record Interval(double level, double lower, double upper) {
    }

    /** The interval at {@code level} percent. */
    public Interval interval(double level) {
        return intervals.stream().filter(i -> i.level() == level).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no interval at level " + level + " in this forecast"));
    }
}
