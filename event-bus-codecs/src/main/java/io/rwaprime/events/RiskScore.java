package io.rwaprime.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The risk of one instrument: a composite score and four category sub-scores, each 1 (lowest risk)
 * to 100 (highest), with the drivers that explain them.
 *
 * <p>Travels on {@link Addresses#RISK} (risk → fanout, alerts, storage, Kafka
 * {@link Topics#RISK_SCORES}). JSON Schema: {@code schemas/risk-score.schema.json}.
 *
 * @param symbol       instrument symbol, {@code [A-Z0-9][A-Z0-9._-]{0,31}}
 * @param calculatedAt when the score was computed
 * @param composite    overall score, 1..100
 * @param market       market-risk sub-score, 1..100
 * @param credit       credit-risk sub-score, 1..100
 * @param regulatory   regulatory-risk sub-score, 1..100
 * @param technical    technical (smart-contract, custody, oracle) sub-score, 1..100
 * @param drivers      the factors behind the scores, most important first; may be empty
 */
public record RiskScore(String symbol, Instant calculatedAt, int composite, int market, int credit, int regulatory,
                        int technical, List<RiskDriver> drivers) {

  private static final Set<String> FIELDS = Set.of("symbol", "calculated_at", "composite", "market", "credit",
      "regulatory", "technical", "drivers");

  /** Validates every component and copies {@code drivers}; see the parameter descriptions. */
  public RiskScore {
    Checks.symbol(symbol, "symbol");
    Checks.nonNull(calculatedAt, "calculatedAt");
    Checks.between(composite, 1, 100, "composite");
    Checks.between(market, 1, 100, "market");
    Checks.between(credit, 1, 100, "credit");
    Checks.between(regulatory, 1, 100, "regulatory");
    Checks.between(technical, 1, 100, "technical");
    drivers = Checks.list(drivers, "drivers");
  }

  /** The JSON form described by {@code risk-score.schema.json}. */
  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    for (RiskDriver d : drivers) {
      array.add(d.toJson());
    }
    JsonObject json = new JsonObject().put("symbol", symbol);
    JsonFields.putInstant(json, "calculated_at", calculatedAt);
    return json.put("composite", composite)
        .put("market", market)
        .put("credit", credit)
        .put("regulatory", regulatory)
        .put("technical", technical)
        .put("drivers", array);
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static RiskScore fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "RiskScore", FIELDS);
    return new RiskScore(in.string("symbol"), in.instant("calculated_at"), in.intValue("composite"),
        in.intValue("market"), in.intValue("credit"), in.intValue("regulatory"), in.intValue("technical"),
        in.objects("drivers", RiskDriver::fromJson));
  }
}
