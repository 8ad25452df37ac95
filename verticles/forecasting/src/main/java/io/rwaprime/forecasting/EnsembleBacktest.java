package io.rwaprime.forecasting;

import io.rwaprime.ml.backtest.Accuracy;
import io.rwaprime.ml.backtest.BacktestResult;
import io.rwaprime.ml.ensemble.EnsembleModel;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The published accuracy of an ensemble: its members' rolling-origin backtests (the ones behind the weights)
 * combined with the weights at the origins where every weighted member succeeded. Intervals are judged
 * honestly: at each origin the conformal half-width comes from the other origins' errors only (leave-one-out),
 * and where too few are left for a level the members' weighted bounds are used, as the ensemble itself does.
 */
final class EnsembleBacktest {

  private static final double[] LEVELS = {80, 95};

  private EnsembleBacktest() {}

  /** Accuracy over steps 1..min(h, backtest horizon), or null when no origin is common to the members. */
  static JsonObject of(EnsembleModel m, int h) {
    Map<String, Double> w = m.backtestWeights();
    List<BacktestResult> used = m.backtests().stream().filter(r -> w.getOrDefault(r.method(), 0.0) > 0).toList();
    if (used.isEmpty()) {
      return null;
    }
    int steps = Math.min(h, used.get(0).horizon());
    TreeMap<Integer, int[]> index = new TreeMap<>();
    for (int i = 0; i < used.size(); i++) {
      BacktestResult r = used.get(i);
      for (int k = 0; k < r.originCount(); k++) {
        index.computeIfAbsent(r.origins()[k], o -> filled(used.size()))[i] = k;
      }
    }
    index.values().removeIf(ks -> Arrays.stream(ks).anyMatch(k -> k < 0));
    int n = index.size();
    if (n == 0) {
      return null;
    }
    int[] origins = new int[n];
    double[][] actual = new double[n][steps];
    double[][] mean = new double[n][steps];
    double[][][] lower = new double[LEVELS.length][n][steps];
    double[][][] upper = new double[LEVELS.length][n][steps];
    double[] scale = new double[n];
    double[] last = new double[n];
    int row = 0;
    for (Map.Entry<Integer, int[]> e : index.entrySet()) {
      origins[row] = e.getKey();
      for (int i = 0; i < used.size(); i++) {
        BacktestResult r = used.get(i);
        int k = e.getValue()[i];
        double wi = w.get(r.method());
        scale[row] = r.scale()[k];
        last[row] = r.last()[k];
        for (int j = 0; j < steps; j++) {
          actual[row][j] = r.actual()[k][j];
          mean[row][j] += wi * r.mean()[k][j];
          for (int l = 0; l < LEVELS.length; l++) {
            lower[l][row][j] += wi * r.lower()[r.levelIndex(LEVELS[l])][k][j];
            upper[l][row][j] += wi * r.upper()[r.levelIndex(LEVELS[l])][k][j];
          }
        }
      }
      row++;
    }
    leaveOneOutConformal(actual, mean, lower, upper);
    BacktestResult combined = new BacktestResult("ensemble", 1, origins, LEVELS, actual, mean, lower, upper, scale,
        last, List.of());
    JsonObject members = new JsonObject();
    for (BacktestResult r : m.backtests()) {
      Accuracy a = Accuracy.of(truncate(r, steps));
      members.put(r.method(), new JsonObject().put("weight", ForecastJson.num(w.getOrDefault(r.method(), 0.0)))
          .put("mae", ForecastJson.num(a.mae())).put("mase", ForecastJson.num(a.mase())));
    }
    return json(Accuracy.of(combined), n, steps).put("intervals", "leave-one-out conformal").put("members", members);
  }

  /** Accuracy as stored in {@code details.backtest} and served by the backtest endpoint. */
  static JsonObject json(Accuracy a, int origins, int steps) {
    return new JsonObject().put("origins", origins).put("steps", steps)
        .put("mae", ForecastJson.num(a.mae())).put("rmse", ForecastJson.num(a.rmse()))
        .put("mape", ForecastJson.num(a.mape())).put("smape", ForecastJson.num(a.smape()))
        .put("mase", ForecastJson.num(a.mase()))
        .put("coverage_80", ForecastJson.num(a.coverage().get(80.0)))
        .put("coverage_95", ForecastJson.num(a.coverage().get(95.0)))
        .put("winkler_80", ForecastJson.num(a.winkler().get(80.0)))
        .put("winkler_95", ForecastJson.num(a.winkler().get(95.0)));
  }

  private static void leaveOneOutConformal(double[][] actual, double[][] mean, double[][][] lower,
                                           double[][][] upper) {
    int n = actual.length;
    for (int j = 0; j < actual[0].length; j++) {
      for (int k = 0; k < n; k++) {
        List<Double> scores = new ArrayList<>(n - 1);
        for (int o = 0; o < n; o++) {
          if (o != k) {
            scores.add(Math.abs(actual[o][j] - mean[o][j]));
          }
        }
        scores.sort(null);
        for (int l = 0; l < LEVELS.length; l++) {
          int rank = (int) Math.ceil(n * LEVELS[l] / 100 - 1e-9);
          if (rank >= 1 && rank <= scores.size()) {
            double hw = scores.get(rank - 1);
            lower[l][k][j] = mean[k][j] - hw;
            upper[l][k][j] = mean[k][j] + hw;
          }
        }
      }
    }
  }

  /** {@code r} restricted to its first {@code steps} steps. */
  static BacktestResult truncate(BacktestResult r, int steps) {
    int n = r.originCount();
    double[][] a = new double[n][];
    double[][] m = new double[n][];
    double[][][] lo = new double[r.levels().length][n][];
    double[][][] up = new double[r.levels().length][n][];
    for (int k = 0; k < n; k++) {
      a[k] = Arrays.copyOf(r.actual()[k], steps);
      m[k] = Arrays.copyOf(r.mean()[k], steps);
      for (int l = 0; l < r.levels().length; l++) {
        lo[l][k] = Arrays.copyOf(r.lower()[l][k], steps);
        up[l][k] = Arrays.copyOf(r.upper()[l][k], steps);
      }
    }
    return new BacktestResult(r.method(), r.frequency(), r.origins(), r.levels(), a, m, lo, up, r.scale(), r.last(),
        r.failures());
  }

  private static int[] filled(int size) {
    int[] a = new int[size];
    Arrays.fill(a, -1);
    return a;
  }
}
