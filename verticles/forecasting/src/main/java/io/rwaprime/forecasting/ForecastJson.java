package io.rwaprime.forecasting;

import io.rwaprime.events.Forecast;
import io.rwaprime.events.ForecastStep;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON forms of a forecast. {@link #view} is the body the API serves for
 * {@code GET /api/v1/predictions/{symbol}}: the forecasting role writes it to the cache and, with the backtest
 * added, to {@code predictions.details}, so the API reads either without knowing this code.
 */
final class ForecastJson {

  private ForecastJson() {}

  /** The event published on {@code rwa.forecasts}. */
  static Forecast event(AssetForecast r, AssetForecast.Horizon h) {
    return new Forecast(r.symbol(), r.family(), r.modelVersion(), h.days(), r.generatedAt(), r.series().last(),
        h.steps());
  }

  /** The prediction body: point and bands at the horizon, the per-step path, the bars and the weights. */
  static JsonObject view(AssetForecast r, AssetForecast.Horizon h) {
    Series s = r.series();
    ForecastStep p = h.point();
    JsonArray steps = new JsonArray();
    h.steps().forEach(st -> steps.add(st.toJson()));
    JsonObject weights = new JsonObject();
    r.weights().forEach((k, v) -> weights.put(k, num(v)));
    return new JsonObject()
        .put("symbol", r.symbol())
        .put("horizon_days", h.days())
        .put("model", r.family())
        .put("model_description", r.model())
        .put("model_version", r.modelVersion())
        .put("generated_at", r.generatedAt().toString())
        .put("base_time", s.last().toString())
        .put("bars", new JsonObject().put("interval", s.interval().label()).put("count", s.size())
            .put("from", s.first().toString()).put("to", s.last().toString())
            .put("last_close", s.closes()[s.size() - 1]))
        .put("point", new JsonObject().put("time", p.time().toString()).put("mean", p.mean().toPlainString())
            .put("lower_80", p.lower80().toPlainString()).put("upper_80", p.upper80().toPlainString())
            .put("lower_95", p.lower95().toPlainString()).put("upper_95", p.upper95().toPlainString()))
        .put("weights", weights)
        .put("steps", steps);
  }

  /** {@code predictions.details}: the view plus the backtest accuracy and the fit's notes. */
  static JsonObject details(AssetForecast r, AssetForecast.Horizon h) {
    return view(r, h).put("backtest", h.backtest()).put("notes", new JsonArray(r.notes()));
  }

  /** A JSON number, or null for NaN and infinities (JSON has neither). */
  static Double num(Double v) {
    return v == null || !Double.isFinite(v) ? null : v;
  }
}
