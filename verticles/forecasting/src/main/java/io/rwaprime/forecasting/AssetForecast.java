package io.rwaprime.forecasting;

import io.rwaprime.events.ForecastStep;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one fit of one asset produced: the forecasts per horizon with their per-step paths, the ensemble
 * weights and the backtest accuracy per horizon.
 *
 * @param symbol       the asset
 * @param family       {@code ensemble} or the baseline's name ({@code drift})
 * @param model        the fitted model as the library names it
 * @param modelVersion the version written to {@code predictions.model_version}: family, bars and fit time
 * @param generatedAt  when the fit finished (microsecond precision, as stored)
 * @param series       the closes that were fitted
 * @param weights      ensemble member weights (empty for a baseline)
 * @param liveScale    the error a step of the path may be expected to have (backtest MAE of the first horizon,
 *                     else the baseline's innovation standard deviation): the unit of the retrain rule
 * @param horizons     one entry per horizon, shortest first
 * @param notes        why members were left out or the ensemble fell back to a baseline
 */
record AssetForecast(String symbol, String family, String model, String modelVersion, Instant generatedAt,
                     Series series, Map<String, Double> weights, double liveScale, List<Horizon> horizons,
                     List<String> notes) {

  /**
   * One horizon.
   *
   * @param days     horizon in days (forecast_horizon)
   * @param steps    the path, one step per bar up to the horizon
   * @param backtest rolling-origin accuracy over the horizon's steps, or null when none was run
   */
  record Horizon(int days, List<ForecastStep> steps, JsonObject backtest) {

    /** The last step: the point and bands stored in the row's columns. */
    ForecastStep point() {
      return steps.get(steps.size() - 1);
    }
  }
}
