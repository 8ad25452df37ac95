package io.rwaprime.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A price forecast of one instrument by one model: consecutive steps after {@code baseTime}, each
 * with a mean and nested 80 %/95 % intervals.
 *
 * <p>Travels on {@link Addresses#FORECASTS} (forecasting → api cache, fanout, alerts, Kafka
 * {@link Topics#PREDICTIONS}). JSON Schema: {@code schemas/forecast.schema.json}.
 *
 * @param symbol       instrument symbol, {@code [A-Z0-9][A-Z0-9._-]{0,31}}
 * @param model        model family, e.g. {@code arima}, {@code lstm}, {@code ensemble}; non-blank
 * @param modelVersion version of the trained model; non-blank
 * @param horizonDays  how far ahead the forecast reaches, in days (7, 30); &gt;= 1
 * @param generatedAt  when the forecast was computed
 * @param baseTime     time of the last observation the model saw
 * @param steps        non-empty; {@code step} numbers run 1, 2, 3, … and times strictly increase,
 *                     all after {@code baseTime}
 */
public record Forecast(String symbol, String model, String modelVersion, int horizonDays, Instant generatedAt,
                       Instant baseTime, List<ForecastStep> steps) {

  private static final Set<String> FIELDS = Set.of("symbol", "model", "model_version", "horizon_days", "generated_at",
      "base_time", "steps");

  /** Validates every component and copies {@code steps}; see the parameter descriptions. */
  public Forecast {
    Checks.symbol(symbol, "symbol");
    Checks.nonBlank(model, "model");
    Checks.nonBlank(modelVersion, "modelVersion");
    Checks.atLeast(horizonDays, 1, "horizonDays");
    Checks.nonNull(generatedAt, "generatedAt");
    Checks.nonNull(baseTime, "baseTime");
    steps = Checks.list(steps, "steps");
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("steps must not be empty");
    }
    Instant previous = baseTime;
    for (int i = 0; i < steps.size(); i++) {
      ForecastStep s = steps.get(i);
      if (s.step() != i + 1) {
        throw new IllegalArgumentException("steps must be numbered consecutively from 1: steps[" + i + "].step was "
            + s.step() + ", expected " + (i + 1));
      }
      if (!s.time().isAfter(previous)) {
        throw new IllegalArgumentException("steps[" + i + "].time must be after " + (i == 0 ? "baseTime " : "the previous step's ")
            + previous + ", was " + s.time());
      }
      previous = s.time();
    }
  }

  /** The JSON form described by {@code forecast.schema.json}. */
  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    for (ForecastStep s : steps) {
      array.add(s.toJson());
    }
    JsonObject json = new JsonObject()
        .put("symbol", symbol)
        .put("model", model)
        .put("model_version", modelVersion)
        .put("horizon_days", horizonDays);
    JsonFields.putInstant(json, "generated_at", generatedAt);
    JsonFields.putInstant(json, "base_time", baseTime);
    return json.put("steps", array);
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static Forecast fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "Forecast", FIELDS);
    return new Forecast(in.string("symbol"), in.string("model"), in.string("model_version"), in.intValue("horizon_days"),
        in.instant("generated_at"), in.instant("base_time"), in.objects("steps", ForecastStep::fromJson));
  }
}
