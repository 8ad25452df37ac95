package io.rwaprime.risk.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PortfolioVarTest {

    private static final double Z95 = 1.6448536269514722;

    @Test
    void twoHoldingsByHand() {
        // w = (0.6, 0.4), Σ = [[0.0004, 0.0001], [0.0001, 0.0009]]
        // Σw = (0.6·0.0004 + 0.4·0.0001, 0.6·0.0001 + 0.4·0.0009) = (0.00028, 0.00042)
        // wᵀΣw = 0.6·0.00028 + 0.4·0.00042 = 0.000168 + 0.000168 = 0.000336 → σ_p = 0.0183303
        // VaR95 = 1.6448536 × 0.0183303 = 0.0301507
        // component_1 = 0.6 × 0.00028 / 0.0183303 × 1.6448536 = 0.0150753 = component_2 (half each)
        PortfolioVar v = PortfolioVar.parametric(new double[] {0.6, 0.4},
                new double[][] {{0.0004, 0.0001}, {0.0001, 0.0009}}, 0.95, 1);
        assertThat(v.sigma()).isCloseTo(Math.sqrt(0.000336), within(1e-15));
        assertThat(v.var()).isCloseTo(Z95 * Math.sqrt(0.000336), within(1e-12));
        assertThat(v.component()[0]).isCloseTo(0.000168 / Math.sqrt(0.000336) * Z95, within(1e-12));
        assertThat(v.component()[1]).isCloseTo(v.component()[0], within(1e-12));
        assertThat(v.componentShare()).containsExactly(new double[] {0.5, 0.5}, within(1e-12));
        // marginal_1 = z·(Σw)_1/σ_p = 1.6448536 × 0.00028 / 0.0183303
        assertThat(v.marginal()[0]).isCloseTo(Z95 * 0.00028 / Math.sqrt(0.000336), within(1e-12));
    }

    @Test
    void componentsSumToTheTotalIncludingAHedge() {
        // three holdings, 10 days; the third is short and positively correlated with the first, so it
        // hedges: (Σw)_3 = 1e6·0.00035 + 5e5·0.0002 − 2e5·0.0016 = 130 > 0 with w_3 < 0 → component < 0
        double[][] cov = {{0.0004, 0.00012, 0.00035}, {0.00012, 0.0009, 0.0002}, {0.00035, 0.0002, 0.0016}};
        PortfolioVar v = PortfolioVar.parametric(new double[] {1_000_000, 500_000, -200_000}, cov, 0.99, 10);
        assertThat(Arrays.stream(v.component()).sum()).isCloseTo(v.var(), within(1e-6));
        assertThat(v.component()[2]).isNegative();
        assertThat(v.var()).isCloseTo(2.3263478740408408 * v.sigma() * Math.sqrt(10), within(1e-6));
    }

    @Test
    void worksOnALedoitWolfEstimate() {
        double[][] r = {{0.01, -0.02, 0.015, -0.005, 0.0, 0.02}, {0.005, -0.01, 0.02, 0.0, -0.01, 0.01},
                        {-0.01, 0.01, 0.0, 0.005, 0.01, -0.02}};
        double[][] cov = Covariance.ledoitWolf(r).covariance();
        PortfolioVar v = PortfolioVar.parametric(new double[] {0.5, 0.3, 0.2}, cov, 0.95, 1);
        assertThat(Arrays.stream(v.component()).sum()).isCloseTo(v.var(), within(1e-15));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> PortfolioVar.parametric(new double[] {1, 1}, new double[][] {{1, 0}}, 0.95, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("portfolio VaR: covariance must be 2 x 2 for 2 weights");
        assertThatThrownBy(() -> PortfolioVar.parametric(new double[] {1, 1}, new double[][] {{1, 0.5}, {0.4, 1}}, 0.95, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("portfolio VaR: covariance is not symmetric at (1, 0)");
        assertThatThrownBy(() -> PortfolioVar.parametric(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}}, 0.95, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("portfolio VaR is undefined: the portfolio has zero variance (all returns equal)");
    }
}
