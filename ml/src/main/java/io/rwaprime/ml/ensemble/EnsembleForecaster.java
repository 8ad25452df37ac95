package io.rwaprime.ml.ensemble;

import io.rwaprime.ml.backtest.Accuracy;
import io.rwaprime.ml.backtest.Backtest;
import io.rwaprime.ml.backtest.BacktestPlan;
import io.rwaprime.ml.backtest.BacktestResult;
import io.rwaprime.ml.forecast.ArimaForecaster;
import io.rwaprime.ml.forecast.FittedModel;
import io.rwaprime.ml.forecast.Forecast;
import io.rwaprime.ml.forecast.Forecaster;
import io.rwaprime.ml.forecast.RandomWalkForecaster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A weighted combination of forecasters with conformal intervals. Fitting a series:
 * <ol>
 *   <li>backtests every member with the same {@link BacktestPlan} on the series;</li>
 *   <li>weights each member by 1 / MASE, normalised to sum to 1 (a member whose backtest
 *       failed or whose MASE is undefined gets 0; if some MASE is 0, those members share
 *       the weight equally);</li>
 *   <li>combines the members' backtest forecasts at the origins where all weighted members
 *       succeeded and calibrates the combination's intervals on those errors
 *       ({@link ConformalCalibration});</li>
 *   <li>refits the weighted members on the whole series (one that now fails is dropped and
 *       the others renormalised).</li>
 * </ol>
 * The point forecast is Σ w_i ŷ_i. Where a level or step is not calibrated (too few
 * origins, or beyond the backtest horizon) the interval is the weighted mean of the
 * members' bounds. The weights and the calibration use the same backtest, a mild optimism
 * that the held-out coverage test in this module bounds.
 */
public final class EnsembleForecaster implements Forecaster {

    /** Told after each backtest origin of each member, e.g. to print progress. */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of {@code total} origins of {@code member}'s backtest are finished. */
        void originDone(String member, int done, int total);
    }

    private final List<Forecaster> members;
    private final BacktestPlan plan;
    private final Progress progress;

    /** An ensemble of {@code members}, weighted and calibrated on a backtest with {@code plan}. */
    public EnsembleForecaster(List<Forecaster> members, BacktestPlan plan) {
        this(members, plan, (m, d, t) -> { });
    }

    /** As {@link #EnsembleForecaster(List, BacktestPlan)}, reporting backtest progress. */
    public EnsembleForecaster(List<Forecaster> members, BacktestPlan plan, Progress progress) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        this.members = List.copyOf(members);
        this.plan = plan;
        this.progress = progress;
    }

    /** This ensemble reporting backtest progress to {@code p}. */
    public EnsembleForecaster withProgress(Progress p) {
        return new EnsembleForecaster(members, plan, p);
    }

    /** auto-ARIMA and the three baselines (the seasonal naive only for seasonal series). */
    public static EnsembleForecaster defaults(BacktestPlan plan) {
        return new EnsembleForecaster(List.of(ArimaForecaster.auto(), RandomWalkForecaster.naive(),
                RandomWalkForecaster.seasonalNaive(), RandomWalkForecaster.drift()), plan);
    }

    @Override
    public String name() {
        return "ensemble";
    }

    @Override
    public FittedModel fit(double[] y, int frequency) {
        List<Forecaster> used = new ArrayList<>();
        List<BacktestResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Forecaster f : members) {
            if (frequency == 1 && f.name().equals("snaive")) {
                continue;
            }
            try {
                results.add(Backtest.run(f, y, frequency, plan,
                        (d, t) -> progress.originDone(f.name(), d, t)));
                used.add(f);
            } catch (RuntimeException e) {
                notes.add(f.name() + ": " + e.getMessage());
            }
        }
        double[] w = weights(results);
        if (w == null) {
            throw new IllegalArgumentException("no ensemble member could be backtested on this series"
                    + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
        }
        ConformalCalibration cal = ConformalCalibration.of(combinedErrors(results, w));
        List<String> names = new ArrayList<>();
        List<FittedModel> fitted = new ArrayList<>();
        List<Double> kept = new ArrayList<>();
        for (int i = 0; i < used.size(); i++) {
            if (w[i] == 0) {
                continue;
            }
            try {
                fitted.add(used.get(i).fit(y, frequency));
                names.add(used.get(i).name());
                kept.add(w[i]);
            } catch (RuntimeException e) {
                notes.add(used.get(i).name() + ": " + e.getMessage());
            }
        }
        if (fitted.isEmpty()) {
            throw new IllegalArgumentException("no weighted ensemble member could be fitted: "
                    + String.join("; ", notes));
        }
        double total = kept.stream().mapToDouble(Double::doubleValue).sum();
        double[] kw = kept.stream().mapToDouble(v -> v / total).toArray();
        Map<String, Double> btWeights = new java.util.LinkedHashMap<>();
        for (int i = 0; i < used.size(); i++) {
            btWeights.put(used.get(i).name(), w[i]);
        }
        return new EnsembleModel(names, fitted, kw, cal, notes, results, btWeights);
    }

    /** Normalised inverse-MASE weights, or null when no member has a usable MASE. */
    static double[] weights(List<BacktestResult> results) {
        double[] mase = results.stream().mapToDouble(r -> Accuracy.of(r).mase()).toArray();
        double[] w = new double[mase.length];
        int zeros = 0;
        for (double m : mase) {
            zeros += m == 0 ? 1 : 0;
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (zeros > 0) {
                w[i] = mase[i] == 0 ? 1 : 0;
            } else {
                w[i] = mase[i] > 0 && Double.isFinite(mase[i]) ? 1 / mase[i] : 0;
            }
            sum += w[i];
        }
        if (sum == 0) {
            return null;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /** Errors of the weighted combination at the origins every weighted member forecast. */
    private static double[][] combinedErrors(List<BacktestResult> results, double[] w) {
        Map<Integer, double[]> sum = new HashMap<>();
        Map<Integer, double[]> actual = new HashMap<>();
        Map<Integer, Integer> seen = new HashMap<>();
        int needed = 0;
        for (int i = 0; i < results.size(); i++) {
            if (w[i] == 0) {
                continue;
            }
            needed++;
            BacktestResult r = results.get(i);
            for (int k = 0; k < r.originCount(); k++) {
                double[] s = sum.computeIfAbsent(r.origins()[k], o -> new double[r.horizon()]);
                for (int j = 0; j < s.length; j++) {
                    s[j] += w[i] * r.mean()[k][j];
                }
                actual.put(r.origins()[k], r.actual()[k]);
                seen.merge(r.origins()[k], 1, Integer::sum);
            }
        }
        List<double[]> errors = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : new java.util.TreeMap<>(sum).entrySet()) {
            if (seen.get(e.getKey()) == needed) {
                double[] a = actual.get(e.getKey());
                double[] err = new double[a.length];
                for (int j = 0; j < a.length; j++) {
                    err[j] = a[j] - e.getValue()[j];
                }
                errors.add(err);
            }
        }
        if (errors.isEmpty()) {
            throw new IllegalArgumentException(
                    "the ensemble members never succeeded at the same backtest origin");
        }
        return errors.toArray(double[][]::new);
    }
}
