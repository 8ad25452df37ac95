package io.rwaprime.risk.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PerformanceTest {

    @Test
    void annualizedVolatilityUsesLogReturns() {
        // log returns of +2 %, −3 %, +1 %, −2 %, +4 %:
        // 0.0198026, −0.0304592, 0.0099503, −0.0202027, 0.0392207; mean 0.0036624, sample sd 0.0287153
        // 365 periods a year: 0.0287153 × √365 = 0.0287153 × 19.1049732 = 0.5486044
        assertThat(Performance.annualizedVolatility(Fixtures.five(), 365)).isCloseTo(0.5486043936736315, within(1e-12));
        // 252: 0.0287153 × 15.8745079 = 0.4558407
        assertThat(Performance.annualizedVolatility(Fixtures.five(), 252)).isCloseTo(0.45584072185514823, within(1e-12));
    }

    @Test
    void sharpeOnSimpleReturnsWithRiskFreeRate() {
        // rf = 2.52 % a year, 252 periods → 0.0001 per period
        // (0.004 − 0.0001) / 0.0288097206 × √252 = 0.1353711 × 15.8745079 = 2.1489476
        assertThat(Performance.sharpe(Fixtures.five(), 0.0252, 252)).isCloseTo(2.14894762700594, within(1e-12));
    }

    @Test
    void sortinoDividesByAllObservations() {
        // target 0: shortfalls min(0, r) = 0, −0.03, 0, −0.02, 0; Σ² = 0.0009 + 0.0004 = 0.0013
        // DD = √(0.0013 / 5) = √0.00026 = 0.0161245  (N = 5, not the 2 losing periods)
        // Sortino = 0.004 / 0.0161245 × √252 = 0.2480695 × 15.8745079 = 3.9379807
        assertThat(Performance.downsideDeviation(Fixtures.FIVE_RETURNS, 0)).isCloseTo(Math.sqrt(0.00026), within(1e-15));
        assertThat(Performance.sortino(Fixtures.five(), 0, 252)).isCloseTo(3.9379807398833626, within(1e-12));
        // target 5.04 % a year → T = 0.0002: shortfalls −0.0302, −0.0202 → DD = √((0.00091204 + 0.00040804)/5)
        // = √0.000264016 = 0.0162486; (0.004 − 0.0002) / 0.0162486 × √252 = 3.7125195
        assertThat(Performance.sortino(Fixtures.five(), 0.0504, 252)).isCloseTo(3.712519500603476, within(1e-12));
    }

    @Test
    void sharpeOfAFlatSeriesIsAnErrorNotInfinity() {
        // Constant 1 % growth: every return equal, sd = 0.
        PriceSeries flat = Fixtures.compound(100, 0.01, 0.01, 0.01, 0.01);
        assertThatThrownBy(() -> Performance.sharpe(flat, 0.0, 252))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sharpe ratio is undefined: the return series has zero variance (all returns equal)");
    }

    @Test
    void sortinoWithoutDownsideIsAnError() {
        assertThatThrownBy(() -> Performance.sortino(new double[] {0.01, 0.02}, 0.0, 252))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sortino ratio is undefined: no return is below the target 0.0 per period");
    }

    @Test
    void rejectsTooShortSeriesAndBadPeriods() {
        assertThatThrownBy(() -> Performance.annualizedVolatility(PriceSeries.of(100, 101), 252))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("volatility needs at least 2 returns, got 1");
        assertThatThrownBy(() -> Performance.sharpe(new double[] {0.01}, 0, 252))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sharpe ratio needs at least 2 returns, got 1");
        assertThatThrownBy(() -> Performance.annualizedVolatility(Fixtures.five(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("periodsPerYear must be positive");
    }
}
