package io.rwaprime.ml.backtest;

import io.rwaprime.ml.forecast.Forecast;
import io.rwaprime.ml.forecast.Forecaster;
import io.rwaprime.ml.forecast.Levels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rolling-origin evaluation (Tashman 2000; Hyndman &amp; Athanasopoulos, <i>FPP</i> §5.10):
 * at each origin of a {@link BacktestPlan} the forecaster is refitted on the training window
 * only and forecasts the next h values. A fit that fails at one origin is recorded and
 * skipped; the backtest fails only when every origin fails. Single-threaded.
 */
public final class Backtest {

    /** Told after each origin, e.g. to print progress. */
    @FunctionalInterface
    public interface Listener {
        /** {@code done} of {@code total} origins are finished. */
        void originDone(int done, int total);
    }

    private Backtest() {
    }

    /** Runs the plan with intervals at {@code levels} percent (80 and 95 when none). */
    public static BacktestResult run(Forecaster forecaster, double[] y, int frequency,
                                     BacktestPlan plan, double... levels) {
        return run(forecaster, y, frequency, plan, (d, t) -> { }, levels);
    }

    /** As {@link #run(Forecaster, double[], int, BacktestPlan, double...)}, with progress. */
    public static BacktestResult run(Forecaster forecaster, double[] y, int frequency,
                                     BacktestPlan plan, Listener listener, double... levels) {
        if (frequency < 1) {
            throw new IllegalArgumentException("frequency must be >= 1, got " + frequency);
        }
        double[] lv = Levels.normalise(levels);
        int[] planned = plan.originsFor(y.length);
        int h = plan.horizon();
        int window = planned[0];
        List<Integer> ok = new ArrayList<>();
        List<double[]> actual = new ArrayList<>();
        List<double[]> mean = new ArrayList<>();
        List<double[][]> lower = new ArrayList<>();
        List<double[][]> upper = new ArrayList<>();
        List<Double> scale = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < planned.length; k++) {
            int t = planned[k];
            int from = plan.window() == BacktestPlan.Window.SLIDING ? t - window : 0;
            double[] train = Arrays.copyOfRange(y, from, t);
            try {
                Forecast fc = forecaster.fit(train, frequency).forecast(h, lv);
                double[][] lo = new double[lv.length][];
                double[][] up = new double[lv.length][];
                for (int i = 0; i < lv.length; i++) {
                    lo[i] = fc.lower(lv[i]);
                    up[i] = fc.upper(lv[i]);
                }
                mean.add(fc.means());
                lower.add(lo);
                upper.add(up);
                actual.add(Arrays.copyOfRange(y, t, t + h));
                scale.add(naiveScale(train, frequency));
                ok.add(t);
            } catch (RuntimeException e) {
                failures.add("origin " + t + ": " + e.getMessage());
            }
            listener.originDone(k + 1, planned.length);
        }
        if (ok.isEmpty()) {
            throw new IllegalArgumentException("every backtest origin failed for "
                    + forecaster.name() + "; first: " + failures.get(0));
        }
        int n = ok.size();
        double[][][] lo = new double[lv.length][n][];
        double[][][] up = new double[lv.length][n][];
        double[] last = new double[n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < lv.length; i++) {
                lo[i][k] = lower.get(k)[i];
                up[i][k] = upper.get(k)[i];
            }
            last[k] = y[ok.get(k) - 1];
        }
        return new BacktestResult(forecaster.name(), frequency,
                ok.stream().mapToInt(Integer::intValue).toArray(), lv,
                actual.toArray(double[][]::new), mean.toArray(double[][]::new), lo, up,
                scale.stream().mapToDouble(Double::doubleValue).toArray(), last, failures);
    }

    /**
     * In-sample MAE of the seasonal naive method, the MASE denominator of Hyndman &amp;
     * Koehler (2006) as {@code forecast::accuracy} computes it: mean |y_t - y_{t-m}|, with
     * m = 1 when the series is not longer than one season. Missing values are skipped.
     */
    public static double naiveScale(double[] train, int frequency) {
        int lag = train.length > frequency ? frequency : 1;
        double sum = 0;
        int cnt = 0;
        for (int t = lag; t < train.length; t++) {
            double d = train[t] - train[t - lag];
            if (!Double.isNaN(d)) {
                sum += Math.abs(d);
                cnt++;
            }
        }
        return cnt == 0 ? Double.NaN : sum / cnt;
    }
}
