package io.rwaprime.ml.forecast;

import java.util.List;

/**
 * Point forecasts with central prediction intervals, one {@link Step} per horizon step.
 *
 * @param model the fitted model that produced it, as {@link FittedModel#model()} names it
 * @param steps steps 1..h in order
 */
public record Forecast(String model, List<Step> steps) {

    /** Copies the step list so that a forecast is immutable. */
    public Forecast {
        steps = List.copyOf(steps);
    }

    /**
     * One horizon step.
     *
     * @param step      1 for the first value after the series
     * @param mean      point forecast
     * @param intervals one interval per requested level, in ascending level order
     */
    public record Step(int step, double mean, List<Interval> intervals) {

        /** Copies the interval list. */
        public Step {
            intervals = List.copyOf(intervals);
        }

        /** The interval at {@code level} percent. */
        public Interval interval(double level) {
            for (Interval i : intervals) {
                if (i.level() == level) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no interval at level " + level + " in this forecast");
        }
    }

    /**
     * A central prediction interval.
     *
     * @param level nominal coverage in percent, e.g. 95
     * @param lower lower bound
     * @param upper upper bound
     */
    public record Interval(double level, double lower, double upper) {
    }

    /** Number of steps, h. */
    public int horizon() {
        return steps.size();
    }

    /** Point forecasts for steps 1..h. */
    public double[] means() {
        double[] m = new double[steps.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = steps.get(i).mean();
        }
        return m;
    }

    /** Lower bounds at {@code level} for steps 1..h. */
    public double[] lower(double level) {
        double[] out = new double[steps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = steps.get(i).interval(level).lower();
        }
        return out;
    }

    /** Upper bounds at {@code level} for steps 1..h. */
    public double[] upper(double level) {
        double[] out = new double[steps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = steps.get(i).interval(level).upper();
        }
        return out;
    }
}
