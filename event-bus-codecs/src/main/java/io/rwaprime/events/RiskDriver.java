package io.rwaprime.events;

import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * One factor behind a {@link RiskScore}: its raw reading, where that sits on the factor's scale,
 * its weight and its share of the category score. Only travels inside a {@code RiskScore}; its JSON
 * form is {@code $defs/riskDriver} of {@code schemas/risk-score.schema.json}.
 *
 * @param category     one of {@link #CATEGORIES}: {@code market}, {@code credit}, {@code regulatory},
 *                     {@code technical}
 * @param factor       factor name, e.g. {@code volatility_30d}; non-blank
 * @param rawValue     the factor's reading in its own unit; finite
 * @param normalized   the reading mapped onto the score scale; finite
 * @param weight       weight of the factor inside its category; finite
 * @param contribution points the factor adds to the category score; finite
 */
public record RiskDriver(String category, String factor, double rawValue, double normalized, double weight,
                         double contribution) {

  /** The risk categories, which are also the sub-scores of a {@link RiskScore}. */
  public static final Set<String> CATEGORIES = Set.of("market", "credit", "regulatory", "technical");

  private static final Set<String> FIELDS = Set.of("category", "factor", "raw_value", "normalized", "weight",
      "contribution");

  /** Validates every component; see the parameter descriptions. */
  public RiskDriver {
    Checks.nonNull(category, "category");
    if (!CATEGORIES.contains(category)) {
      throw new IllegalArgumentException("category must be one of market, credit, regulatory, technical, was "
          + Checks.show(category));
    }
    Checks.nonBlank(factor, "factor");
    Checks.finite(rawValue, "rawValue");
    Checks.finite(normalized, "normalized");
    Checks.finite(weight, "weight");
    Checks.finite(contribution, "contribution");
  }

  /** The JSON form described by {@code $defs/riskDriver} of {@code risk-score.schema.json}. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("category", category)
        .put("factor", factor)
        .put("raw_value", rawValue)
        .put("normalized", normalized)
        .put("weight", weight)
        .put("contribution", contribution);
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static RiskDriver fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "RiskDriver", FIELDS);
    return new RiskDriver(in.string("category"), in.string("factor"), in.doubleValue("raw_value"),
        in.doubleValue("normalized"), in.doubleValue("weight"), in.doubleValue("contribution"));
  }
}
