package io.rwaprime.events;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * One observation of a macro-economic series (a policy rate, a treasury yield, CPI, …). Values may
 * be negative (real yields, growth rates).
 *
 * <p>Travels on {@link Addresses#MACRO} (cleansing → forecasting, risk, storage). JSON Schema:
 * {@code schemas/macro-point.schema.json}.
 *
 * @param series series id as the source names it, e.g. {@code DGS10}; non-blank
 * @param time   the observation date-time
 * @param value  the observed value
 * @param source source label, e.g. {@code fred}; non-blank
 */
public record MacroPoint(String series, Instant time, BigDecimal value, String source) {

  private static final Set<String> FIELDS = Set.of("series", "time", "value", "source");

  /** Validates every component; see the parameter descriptions. */
  public MacroPoint {
    Checks.nonBlank(series, "series");
    Checks.nonNull(time, "time");
    Checks.nonNull(value, "value");
    Checks.nonBlank(source, "source");
  }

  /** The JSON form described by {@code macro-point.schema.json}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("series", series);
    JsonFields.putInstant(json, "time", time);
    JsonFields.putDecimal(json, "value", value);
    return json.put("source", source);
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static MacroPoint fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "MacroPoint", FIELDS);
    return new MacroPoint(in.string("series"), in.instant("time"), in.decimal("value"), in.string("source"));
  }
}
