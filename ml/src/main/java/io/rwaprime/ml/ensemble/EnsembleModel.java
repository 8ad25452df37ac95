package io.rwaprime.ml.ensemble;

import io.rwaprime.ml.backtest.BacktestResult;
import io.rwaprime.ml.forecast.FittedModel;
import io.rwaprime.ml.forecast.Forecast;
import io.rwaprime.ml.forecast.Levels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ensemble fitted by {@link EnsembleForecaster}: members with their weights and the
 * conformal calibration of the combination.
 */
public final class EnsembleModel implements FittedModel {

    private final List<String> names;
    private final List<FittedModel> members;
    private final double[] weights;
    private final ConformalCalibration calibration;
    private final List<String> notes;
    private final List<BacktestResult> backtests;
    private final Map<String, Double> backtestWeights;

    EnsembleModel(List<String> names, List<FittedModel> members, double[] weights,
                  ConformalCalibration calibration, List<String> notes,
                  List<BacktestResult> backtests, Map<String, Double> backtestWeights) {
        this.backtests = List.copyOf(backtests);
        this.backtestWeights = Collections.unmodifiableMap(new LinkedHashMap<>(backtestWeights));
        this.names = List.copyOf(names);
        this.members = List.copyOf(members);
        this.weights = weights.clone();
        this.calibration = calibration;
        this.notes = List.copyOf(notes);
    }

    /** E.g. {@code Ensemble(auto-arima: ARIMA(0,1,1)(0,1,1)[12] 0.52, drift 0.21, ...)}. */
    @Override
    public String model() {
        StringBuilder sb = new StringBuilder("Ensemble(");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i));
            if (names.get(i).contains("arima")) {
                sb.append(": ").append(members.get(i).model());
            }
            sb.append(' ').append(String.format(java.util.Locale.ROOT, "%.3f", weights[i]));
        }
        return sb.append(')').toString();
    }

    /** Member weights by member name. */
    @Override
    public Map<String, Double> coefficients() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), weights[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public double sigma2() {
        return Double.NaN;
    }

    /** The fitted members, in the order of {@link #coefficients()}. */
    public List<FittedModel> members() {
        return members;
    }

    /** The conformal calibration of the combined forecasts. */
    public ConformalCalibration calibration() {
        return calibration;
    }

    /** Members left out, with the reason (failed backtest or refit). */
    public List<String> notes() {
        return notes;
    }

    /**
     * The rolling-origin backtest of every member that could be backtested, in the order the
     * weights were computed; callers use it to publish the accuracy behind the weights.
     */
    public List<BacktestResult> backtests() {
        return backtests;
    }

    /**
     * The inverse-MASE weight of each backtested member by name, before members whose refit
     * failed were dropped (the weights the calibration errors were combined with).
     */
    public Map<String, Double> backtestWeights() {
        return backtestWeights;
    }

    @Override
    public Forecast forecast(int h, double... levels) {
        Levels.checkHorizon(h);
        double[] lv = Levels.normalise(levels);
        List<Forecast> fcs = new ArrayList<>();
        for (FittedModel m : members) {
            fcs.add(m.forecast(h, lv));
        }
        List<Forecast.Step> steps = new ArrayList<>(h);
        for (int j = 0; j < h; j++) {
            double mean = 0;
            double[] lo = new double[lv.length];
            double[] up = new double[lv.length];
            for (int i = 0; i < fcs.size(); i++) {
                Forecast.Step s = fcs.get(i).steps().get(j);
                mean += weights[i] * s.mean();
                for (int l = 0; l < lv.length; l++) {
                    lo[l] += weights[i] * s.intervals().get(l).lower();
                    up[l] += weights[i] * s.intervals().get(l).upper();
                }
            }
            List<Forecast.Interval> iv = new ArrayList<>(lv.length);
            for (int l = 0; l < lv.length; l++) {
                iv.add(new Forecast.Interval(lv[l], lo[l], up[l]));
            }
            steps.add(new Forecast.Step(j + 1, mean, iv));
        }
        return calibration.apply(new Forecast(model(), steps), model());
    }
}
