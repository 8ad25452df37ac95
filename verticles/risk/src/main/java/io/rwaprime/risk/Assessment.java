package io.rwaprime.risk;

import io.rwaprime.risk.analytics.MarketRiskReport;
import io.rwaprime.risk.score.RiskScore;

import java.time.Instant;
import java.util.Optional;

/**
 * One asset's risk at one instant: the composite score with its drivers, and the market-risk report of the bars
 * it was computed from (absent when the asset had too few bars: its market factors are then imputed).
 *
 * @param symbol       the asset
 * @param assetClass   its class label, which chose the weights
 * @param calculatedAt when it was computed
 * @param score        the composite score
 * @param bars         the bars used, or {@code null}
 * @param report       the market-risk report, or {@code null}
 * @param horizonDays  VaR horizons in days (each is {@code days × periods per day} bars)
 */
public record Assessment(String symbol, String assetClass, Instant calculatedAt, RiskScore score, BarWindow bars,
                         MarketRiskReport report, int[] horizonDays) {

  /** The report, if the asset had enough bars. */
  public Optional<MarketRiskReport> marketReport() {
    return Optional.ofNullable(report);
  }
}
