package io.rwaprime.ml.backtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy of backtest forecasts, pooled over the origins (and steps) it covers. With
 * e = y - ŷ:
 * <ul>
 *   <li>MAE = mean |e|; RMSE = √ mean e²;</li>
 *   <li>MAPE = 100 mean |e / y| (NaN when an actual is 0, where it is undefined);</li>
 *   <li>sMAPE = 200 mean |e| / (|y| + |ŷ|), {@code forecast::accuracy}'s definition (terms
 *       with |y| + |ŷ| = 0 are skipped);</li>
 *   <li>MASE = mean |e / s|, s the in-sample seasonal naive MAE of the origin's training set
 *       (Hyndman &amp; Koehler 2006); origins with s = 0 are skipped, NaN if all are;</li>
 *   <li>coverage at level L = share of actuals inside [lower, upper];</li>
 *   <li>Winkler score at level L, α = 1 - L/100: (u - l) + (2/α)(l - y) if y &lt; l,
 *       + (2/α)(y - u) if y &gt; u, averaged (Winkler 1972; lower is better).</li>
 * </ul>
 *
 * @param count    number of forecast errors pooled
 * @param mae      mean absolute error
 * @param rmse     root mean squared error
 * @param mape     mean absolute percentage error, percent
 * @param smape    symmetric MAPE, percent
 * @param mase     mean absolute scaled error
 * @param coverage empirical coverage (0..1) by level in percent
 * @param winkler  mean Winkler score by level in percent
 */
public record Accuracy(int count, double mae, double rmse, double mape, double smape,
                       double mase, Map<Double, Double> coverage, Map<Double, Double> winkler) {

    /** Copies the maps. */
    public Accuracy {
        coverage = Collections.unmodifiableMap(new LinkedHashMap<>(coverage));
        winkler = Collections.unmodifiableMap(new LinkedHashMap<>(winkler));
    }

    /** Accuracy over every origin and step. */
    public static Accuracy of(BacktestResult r) {
        return compute(r, 0, r.horizon());
    }

    /** Accuracy of each horizon step separately, steps 1..h. */
    public static List<Accuracy> perStep(BacktestResult r) {
        List<Accuracy> out = new ArrayList<>(r.horizon());
        for (int j = 0; j < r.horizon(); j++) {
            out.add(compute(r, j, j + 1));
        }
        return out;
    }

    private static Accuracy compute(BacktestResult r, int fromStep, int toStep) {
        int n = 0;
        double abs = 0;
        double sq = 0;
        double ape = 0;
        boolean zeroActual = false;
        double sape = 0;
        int sCount = 0;
        double scaled = 0;
        int scaledCount = 0;
        double[] lv = r.levels();
        int[] covered = new int[lv.length];
        double[] wink = new double[lv.length];
        for (int k = 0; k < r.originCount(); k++) {
            for (int j = fromStep; j < toStep; j++) {
                double y = r.actual()[k][j];
                double f = r.mean()[k][j];
                double e = y - f;
                n++;
                abs += Math.abs(e);
                sq += e * e;
                if (y == 0) {
                    zeroActual = true;
                } else {
                    ape += Math.abs(e / y);
                }
                double den = Math.abs(y) + Math.abs(f);
                if (den > 0) {
                    sape += Math.abs(e) / den;
                    sCount++;
                }
                double s = r.scale()[k];
                if (s > 0) {
                    scaled += Math.abs(e) / s;
                    scaledCount++;
                }
                for (int i = 0; i < lv.length; i++) {
                    double lo = r.lower()[i][k][j];
                    double up = r.upper()[i][k][j];
                    double alpha = 1 - lv[i] / 100;
                    double w = up - lo;
                    if (y < lo) {
                        w += 2 / alpha * (lo - y);
                    } else if (y > up) {
                        w += 2 / alpha * (y - up);
                    } else {
                        covered[i]++;
                    }
                    wink[i] += w;
                }
            }
        }
        Map<Double, Double> cov = new LinkedHashMap<>();
        Map<Double, Double> win = new LinkedHashMap<>();
        for (int i = 0; i < lv.length; i++) {
            cov.put(lv[i], n == 0 ? Double.NaN : (double) covered[i] / n);
            win.put(lv[i], n == 0 ? Double.NaN : wink[i] / n);
        }
        return new Accuracy(n, abs / n, Math.sqrt(sq / n), zeroActual ? Double.NaN : 100 * ape / n,
                sCount == 0 ? Double.NaN : 200 * sape / sCount,
                scaledCount == 0 ? Double.NaN : scaled / scaledCount, cov, win);
    }
}
