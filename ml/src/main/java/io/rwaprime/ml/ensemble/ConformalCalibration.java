package io.rwaprime.ml.ensemble;

import io.rwaprime.ml.forecast.Forecast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Split-conformal prediction intervals per horizon step (Vovk et al. 2005; Lei et al. 2018,
 * applied per step as in Stankeviciute et al. 2021). The nonconformity score of a backtest
 * forecast is its absolute error |y - ŷ|; with K scores for step j sorted ascending, the
 * interval at level L is ŷ ± s_(k), k = ⌈(K + 1) L / 100⌉. If the scores were exchangeable
 * its coverage would be at least L and below L + 100/(K + 1) percent.
 *
 * <p>A level needs K ≥ L / (100 - L) scores (4 for 80 %, 19 for 95 %); where there are fewer,
 * and for steps beyond the calibrated horizon, the model's own interval is kept: see
 * {@link #isCalibrated(int, double)}.
 */
public final class ConformalCalibration {

    private final double[][] sortedScores;

    private ConformalCalibration(double[][] sortedScores) {
        this.sortedScores = sortedScores;
    }

    /** Calibration from backtest errors, [origin][step]. */
    public static ConformalCalibration of(double[][] errors) {
        if (errors.length == 0) {
            throw new IllegalArgumentException("calibration needs at least one backtest origin");
        }
        int h = errors[0].length;
        double[][] s = new double[h][errors.length];
        for (int j = 0; j < h; j++) {
            for (int k = 0; k < errors.length; k++) {
                s[j][k] = Math.abs(errors[k][j]);
            }
            Arrays.sort(s[j]);
        }
        return new ConformalCalibration(s);
    }

    /** Steps covered, the backtest horizon. */
    public int horizon() {
        return sortedScores.length;
    }

    /** Number of scores per step (backtest origins). */
    public int size() {
        return sortedScores.length == 0 ? 0 : sortedScores[0].length;
    }

    /** Whether step (1-based) at level has a conformal half-width. */
    public boolean isCalibrated(int step, double level) {
        return step <= horizon() && rank(level) <= size();
    }

    /** The conformal half-width s_(k) at step (1-based) and level; NaN if not calibrated. */
    public double halfWidth(int step, double level) {
        if (!isCalibrated(step, level)) {
            return Double.NaN;
        }
        return sortedScores[step - 1][rank(level) - 1];
    }

    private int rank(double level) {
        return (int) Math.ceil((size() + 1) * level / 100 - 1e-9);
    }

    /**
     * {@code fc} with each interval replaced by mean ± the conformal half-width where one
     * exists; other intervals are kept as they are.
     */
    public Forecast apply(Forecast fc, String model) {
        List<Forecast.Step> steps = new ArrayList<>(fc.horizon());
        for (Forecast.Step s : fc.steps()) {
            List<Forecast.Interval> iv = new ArrayList<>(s.intervals().size());
            for (Forecast.Interval i : s.intervals()) {
                double w = halfWidth(s.step(), i.level());
                iv.add(Double.isNaN(w) ? i
                        : new Forecast.Interval(i.level(), s.mean() - w, s.mean() + w));
            }
            steps.add(new Forecast.Step(s.step(), s.mean(), iv));
        }
        return new Forecast(model, steps);
    }
}
