package io.rwaprime.ml.backtest;

import java.util.List;

/**
 * The forecasts of one method at every origin of a {@link BacktestPlan}, side by side with
 * what happened. Arrays are indexed [origin][step] ([level][origin][step] for bounds) and
 * hold only the origins whose fit succeeded; the others are listed in {@code failures}.
 * Arrays are shared, not copied: treat them as read-only.
 *
 * @param method    the forecaster's name
 * @param frequency seasonal period used for fitting and for the MASE scale
 * @param origins   training length at each origin
 * @param levels    interval levels in percent, ascending
 * @param actual    observed values
 * @param mean      point forecasts
 * @param lower     lower interval bounds per level
 * @param upper     upper interval bounds per level
 * @param scale     MASE scale per origin: in-sample MAE of the seasonal naive method
 *                  (lag = frequency; lag 1 when the training set is not longer than a season)
 * @param last      last training observation per origin (for the sign strategy)
 * @param failures  "origin T: message" for each origin whose fit or forecast failed
 */
public record BacktestResult(String method, int frequency, int[] origins, double[] levels,
                             double[][] actual, double[][] mean, double[][][] lower,
                             double[][][] upper, double[] scale, double[] last,
                             List<String> failures) {

    /** Copies the failure list. */
    public BacktestResult {
        failures = List.copyOf(failures);
    }

    /** Number of successful origins. */
    public int originCount() {
        return origins.length;
    }

    /** Horizon h. */
    public int horizon() {
        return actual.length == 0 ? 0 : actual[0].length;
    }

    /** Forecast errors actual - mean, [origin][step]. */
    public double[][] errors() {
        double[][] e = new double[actual.length][];
        for (int k = 0; k < e.length; k++) {
            e[k] = new double[actual[k].length];
            for (int j = 0; j < e[k].length; j++) {
                e[k][j] = actual[k][j] - mean[k][j];
            }
        }
        return e;
    }

    /** Index of {@code level} in {@link #levels()}. */
    public int levelIndex(double level) {
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] == level) {
                return i;
            }
        }
        throw new IllegalArgumentException("no level " + level + " in this backtest");
    }
}
