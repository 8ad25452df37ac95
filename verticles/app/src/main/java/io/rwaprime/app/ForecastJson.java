package io.rwaprime.app;

import io.rwaprime.ml.forecast.FittedModel;
import io.rwaprime.ml.forecast.Forecast;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/** JSON rendering for the forecasting commands; NaN and infinities become null (JSON has no NaN). */
final class ForecastJson {

  private ForecastJson() {
  }

  /** A number, or null where it is not finite. */
  static Object num(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** 80 → "80", 99.5 → "99.5": the suffix of {@code lower80}, {@code coverage99.5}. */
  static String levelKey(double level) {
    return level == Math.rint(level) ? Long.toString((long) level) : Double.toString(level);
  }

  static JsonObject numbers(Map<?, Double> m) {
    JsonObject o = new JsonObject();
    m.forEach((k, v) -> o.put(String.valueOf(k), num(v)));
    return o;
  }

  /** The fit and its forecast: model, coefficients, loglik, sigma2, aic, aicc, bic, forecast steps. */
  static JsonObject fit(FittedModel fit, Forecast fc) {
    JsonArray steps = new JsonArray();
    for (Forecast.Step s : fc.steps()) {
      JsonObject o = new JsonObject().put("step", s.step()).put("mean", num(s.mean()));
      for (Forecast.Interval i : s.intervals()) {
        o.put("lower" + levelKey(i.level()), num(i.lower())).put("upper" + levelKey(i.level()), num(i.upper()));
      }
      steps.add(o);
    }
    return new JsonObject()
        .put("model", fit.model())
        .put("coefficients", numbers(fit.coefficients()))
        .put("loglik", num(fit.loglik()))
        .put("sigma2", num(fit.sigma2()))
        .put("aic", num(fit.aic()))
        .put("aicc", num(fit.aicc()))
        .put("bic", num(fit.bic()))
        .put("forecast", steps);
  }
}
