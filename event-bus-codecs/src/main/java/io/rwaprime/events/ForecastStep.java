package io.rwaprime.events;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * One step of a {@link Forecast}: the predicted mean price at {@code time} with its 80 % and 95 %
 * prediction intervals. Only travels inside a {@code Forecast}; its JSON form is
 * {@code $defs/forecastStep} of {@code schemas/forecast.schema.json}.
 *
 * @param step    1-based position in the forecast
 * @param time    the time the step predicts
 * @param mean    point forecast
 * @param lower80 lower bound of the 80 % interval
 * @param upper80 upper bound of the 80 % interval
 * @param lower95 lower bound of the 95 % interval
 * @param upper95 upper bound of the 95 % interval; the bounds nest:
 *                {@code lower95 <= lower80 <= mean <= upper80 <= upper95}
 */
public record ForecastStep(int step, Instant time, BigDecimal mean, BigDecimal lower80, BigDecimal upper80,
                           BigDecimal lower95, BigDecimal upper95) {

  private static final Set<String> FIELDS = Set.of("step", "time", "mean", "lower80", "upper80", "lower95", "upper95");

  /** Validates every component; see the parameter descriptions. */
  public ForecastStep {
    Checks.atLeast(step, 1, "step");
    Checks.nonNull(time, "time");
    Checks.nonNull(mean, "mean");
    Checks.nonNull(lower80, "lower80");
    Checks.nonNull(upper80, "upper80");
    Checks.nonNull(lower95, "lower95");
    Checks.nonNull(upper95, "upper95");
    if (lower95.compareTo(lower80) > 0 || lower80.compareTo(mean) > 0 || mean.compareTo(upper80) > 0
        || upper80.compareTo(upper95) > 0) {
      throw new IllegalArgumentException("interval bounds of step " + step
          + " must nest as lower95 <= lower80 <= mean <= upper80 <= upper95, was " + Checks.show(lower95) + " <= "
          + Checks.show(lower80) + " <= " + Checks.show(mean) + " <= " + Checks.show(upper80) + " <= "
          + Checks.show(upper95));
    }
  }

  /** The JSON form described by {@code $defs/forecastStep} of {@code forecast.schema.json}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("step", step);
    JsonFields.putInstant(json, "time", time);
    JsonFields.putDecimal(json, "mean", mean);
    JsonFields.putDecimal(json, "lower80", lower80);
    JsonFields.putDecimal(json, "upper80", upper80);
    JsonFields.putDecimal(json, "lower95", lower95);
    JsonFields.putDecimal(json, "upper95", upper95);
    return json;
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static ForecastStep fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "ForecastStep", FIELDS);
    return new ForecastStep(in.intValue("step"), in.instant("time"), in.decimal("mean"), in.decimal("lower80"),
        in.decimal("upper80"), in.decimal("lower95"), in.decimal("upper95"));
  }
}
