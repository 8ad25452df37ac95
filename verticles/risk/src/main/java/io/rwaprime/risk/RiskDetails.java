package io.rwaprime.risk;

import io.rwaprime.risk.score.RiskCategory;
import io.rwaprime.risk.score.RiskScore;
import io.rwaprime.risk.score.RiskWeights;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Locale;

/**
 * The {@code details} column of a {@code risk_scores} row: what the integer columns cannot hold — the unrounded
 * scores, the weights used, the bars the market factors came from and the full market-risk report (VaR and CVaR
 * by method, confidence and horizon in days).
 */
final class RiskDetails {

  private RiskDetails() {}

  static JsonObject of(Assessment a, RiskWeights weights, int minPrices) {
    RiskScore s = a.score();
    JsonObject exact = new JsonObject().put("composite", s.compositeScore());
    JsonObject w = new JsonObject();
    for (RiskCategory c : RiskCategory.values()) {
      String key = c.name().toLowerCase(Locale.ROOT);
      exact.put(key, s.subScore(c));
      w.put(key, weights.category(c));
    }
    JsonObject out = new JsonObject().put("asset_class", a.assetClass()).put("scores", exact)
        .put("category_weights", w).put("imputed_count", s.imputedCount())
        .put("scale", "1-100, higher is riskier");
    if (a.bars() == null || a.report() == null) {
      return out.putNull("bars").putNull("market")
          .put("market_note", "fewer than " + minPrices + " bars at every interval: market factors imputed");
    }
    BarWindow b = a.bars();
    int perDay = BarWindow.periodsPerDay(b.interval());
    out.put("bars", new JsonObject().put("interval", b.interval().label()).put("count", b.size())
        .put("from", Instant.ofEpochMilli(b.openTimes()[0]).toString())
        .put("to", Instant.ofEpochMilli(b.openTimes()[b.size() - 1]).toString())
        .put("periods_per_year", BarWindow.periodsPerYear(b.interval())));
    int[] horizons = new int[a.horizonDays().length];
    for (int i = 0; i < horizons.length; i++) {
      horizons[i] = a.horizonDays()[i] * perDay;
    }
    JsonObject market = RiskJson.report(a.report(), new double[] {0.95, 0.99}, horizons,
        periods -> Integer.toString(periods / perDay));
    return out.put("market", market.put("horizon_unit", "days"));
  }
}
