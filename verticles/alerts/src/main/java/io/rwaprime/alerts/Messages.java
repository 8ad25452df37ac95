package io.rwaprime.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The one-line text of a firing, as the toast, the e-mail subject and the history show it. */
final class Messages {

  private Messages() {}

  static String of(StoredRule r, BigDecimal observed) {
    String obs = observed.setScale(Math.min(Math.max(observed.scale(), 2), 6), RoundingMode.HALF_EVEN).toPlainString();
    String t = r.threshold().stripTrailingZeros().toPlainString();
    return switch (r.condition()) {
      case "price_above" -> r.symbol() + " is above " + t + " (last " + obs + ")";
      case "price_below" -> r.symbol() + " is below " + t + " (last " + obs + ")";
      case "price_crosses" -> r.symbol() + " crossed " + t + " (last " + obs + ")";
      case "change_pct_above" -> r.symbol() + " moved " + obs + " % over " + human(r) + " (rule: above " + t + " %)";
      case "change_pct_below" -> r.symbol() + " moved " + obs + " % over " + human(r) + " (rule: below " + t + " %)";
      case "risk_above" -> r.symbol() + " risk score is " + obs + ", above " + t;
      case "risk_below" -> r.symbol() + " risk score is " + obs + ", below " + t;
      case "nav_premium_above" -> r.symbol() + " trades " + obs + " % over its NAV (rule: above " + t + " %)";
      case "nav_premium_below" -> r.symbol() + " trades " + obs + " % against its NAV (rule: below " + t + " %)";
      case "yield_above" -> r.symbol() + " yields " + obs + " % (rule: above " + t + " %)";
      case "yield_below" -> r.symbol() + " yields " + obs + " % (rule: below " + t + " %)";
      case "volume_spike" -> r.symbol() + " traded " + obs + "× its usual volume over " + human(r) + " (rule: " + t + "×)";
      case "risk_fast_move" -> r.symbol() + " risk score moved " + obs + " points quickly (rule: " + t + ")";
      case "forecast_7d_move_above", "forecast_30d_move_above" -> r.symbol() + " is forecast to move " + obs + " % ("
          + (r.condition().contains("30d") ? "30" : "7") + " days; rule: above " + t + " %)";
      case "forecast_7d_move_below", "forecast_30d_move_below" -> r.symbol() + " is forecast to move " + obs + " % ("
          + (r.condition().contains("30d") ? "30" : "7") + " days; rule: below " + t + " %)";
      case "whale_transfer_above" -> r.symbol() + ": " + obs + " tokens moved on-chain in one transfer (rule: " + t + ")";
      case "mint_above" -> r.symbol() + ": " + obs + " tokens minted on-chain (rule: " + t + ")";
      case "burn_above" -> r.symbol() + ": " + obs + " tokens burned on-chain (rule: " + t + ")";
      case "price_outside_forecast" -> r.symbol() + " left its 7-day forecast's 95 % band by " + obs + " %";
      case "volatility_above" -> r.symbol() + " 7-day volatility is " + obs + " % annualized (rule: above " + t + " %)";
      default -> r.symbol() + " " + r.condition() + " " + t + " (observed " + obs + ")";
    };
  }

  private static String human(StoredRule r) {
    return r.window() == null ? "" : r.window().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
