package io.rwaprime.risk.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MarketRiskReportTest {

    @Test
    void fullReportOnALongEnoughSeries() {
        double[] r = new double[40];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.01 * Math.sin(i * 1.7) + 0.002 * Math.cos(i * 0.3);
        }
        PriceSeries s = Fixtures.compound(100, r);
        MarketRiskReport report = MarketRiskReport.of(s, MarketRiskReport.Params.daily(365, 0.04));
        assertThat(report.unavailable()).isEmpty();
        // 3 closed-form methods × 2 confidences × 2 horizons + Monte Carlo 2 × 2
        assertThat(report.tail()).hasSize(16);
        assertThat(report.monteCarlo()).hasSize(2);
        assertThat(report.annualVolatility().orElseThrow())
                .isCloseTo(Performance.annualizedVolatility(s, 365), within(1e-15));
        assertThat(report.drawdown()).isEqualTo(Drawdown.of(s));
    }

    @Test
    void undefinedMetricsAreListedWithTheirReason() {
        // 5 prices of constant growth: no Sharpe (zero variance), no Sortino (no downside),
        // no 10-day historical VaR (needs 12 prices), no Cornish-Fisher (zero variance)
        PriceSeries flat = Fixtures.compound(100, 0.001, 0.001, 0.001, 0.001);
        MarketRiskReport report = MarketRiskReport.of(flat, new MarketRiskReport.Params(365, 0.0, 0.0,
                new double[] {0.95}, new int[] {1, 10}, 0, MonteCarloVar.Model.NORMAL, 1));
        assertThat(report.sharpe()).isEmpty();
        assertThat(report.unavailable()).containsEntry("sharpe",
                "Sharpe ratio is undefined: the return series has zero variance (all returns equal)");
        assertThat(report.unavailable()).containsKeys("sortino", "historical@0.95/10", "cornishFisher@0.95/1");
        assertThat(report.tail()).extracting(TailRisk::method)
                .contains(TailRisk.Method.HISTORICAL, TailRisk.Method.PARAMETRIC_NORMAL);
        assertThat(report.monteCarlo()).isEmpty();
    }
}
