package io.rwaprime.forecasting;

import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;
import io.rwaprime.events.ForecastStep;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The retrain rule. For each asset it keeps the path of the latest forecast (its longest horizon) and compares
 * each closed bar of the fitted interval whose open time is a step's time with that step's point forecast. When
 * the mean absolute error over the realized steps exceeds {@code threshold} × the forecast's expected error (the
 * backtest MAE of its first horizon; the innovation standard deviation for a baseline), the asset is due for a
 * refit, once: a new forecast replaces the path. Event-loop confined.
 */
final class LiveErrors {

  private record Tracked(BarInterval interval, Map<Instant, Double> means, double scale, double[] sum) {}

  private final double threshold;
  private final Map<String, Tracked> bySymbol = new HashMap<>();

  LiveErrors(double threshold) {
    this.threshold = threshold;
  }

  /** Starts tracking a new forecast of the asset. */
  void track(AssetForecast r) {
    List<ForecastStep> path = r.horizons().get(r.horizons().size() - 1).steps();
    Map<Instant, Double> means = new HashMap<>();
    path.forEach(s -> means.put(s.time(), s.mean().doubleValue()));
    bySymbol.put(r.symbol(), new Tracked(r.series().interval(), means, r.liveScale(), new double[2]));
  }

  /** Records a closed bar; true when the asset has just degraded beyond the threshold. */
  boolean observe(Bar bar) {
    Tracked t = bySymbol.get(bar.symbol());
    if (t == null || t.interval() != bar.interval() || !(t.scale() > 0)) {
      return false;
    }
    Double mean = t.means().remove(bar.openTime());
    if (mean == null) {
      return false;
    }
    t.sum()[0] += Math.abs(bar.close().doubleValue() - mean);
    t.sum()[1]++;
    if (t.sum()[0] / t.sum()[1] > threshold * t.scale()) {
      bySymbol.remove(bar.symbol());
      return true;
    }
    return false;
  }

  /** Mean absolute error of the realized steps so far, or NaN. */
  double liveError(String symbol) {
    Tracked t = bySymbol.get(symbol);
    return t == null || t.sum()[1] == 0 ? Double.NaN : t.sum()[0] / t.sum()[1];
  }
}
