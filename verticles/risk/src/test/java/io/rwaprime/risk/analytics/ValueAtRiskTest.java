package io.rwaprime.risk.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ValueAtRiskTest {

    /** Sorted: −0.05, −0.035, −0.02, −0.01, 0.0, 0.005, 0.01, 0.015, 0.02, 0.03 (n = 10). */
    private static final double[] TEN = {0.01, -0.02, 0.015, -0.035, 0.005, 0.02, -0.01, -0.05, 0.03, 0.0};

    private static final double Z95 = -1.6448536269514722;
    private static final double PHI_Z95 = 0.10313564037537128;

    @Test
    void historicalUsesTheLowerEmpiricalQuantile() {
        // c = 0.95: k = ⌈10 × 0.05⌉ = ⌈0.5⌉ = 1 → VaR = CVaR = −r(1) = 0.05
        TailRisk v95 = ValueAtRisk.historical(TEN, 0.95);
        assertThat(v95.var()).isCloseTo(0.05, within(1e-15));
        assertThat(v95.cvar()).isCloseTo(0.05, within(1e-15));
        // c = 0.80: k = ⌈10 × 0.2⌉ = 2 → VaR = −r(2) = 0.035, CVaR = (0.05 + 0.035) / 2 = 0.0425
        TailRisk v80 = ValueAtRisk.historical(TEN, 0.80);
        assertThat(v80.var()).isCloseTo(0.035, within(1e-15));
        assertThat(v80.cvar()).isCloseTo(0.0425, within(1e-15));
        // c = 0.75: k = ⌈2.5⌉ = 3 → VaR = −r(3) = 0.02, CVaR = (0.05 + 0.035 + 0.02) / 3 = 0.035
        TailRisk v75 = ValueAtRisk.historical(TEN, 0.75);
        assertThat(v75.var()).isCloseTo(0.02, within(1e-15));
        assertThat(v75.cvar()).isCloseTo(0.035, within(1e-15));
        assertThat(v75.method()).isEqualTo(TailRisk.Method.HISTORICAL);
    }

    @Test
    void tailCountIsNotFooledByRoundOff() {
        // 100 × (1 − 0.95) is 5.000000000000004 in binary; the tail must hold 5 returns, not 6.
        double[] r = new double[100];
        for (int i = 0; i < 100; i++) {
            r[i] = (i - 50) / 1000.0; // −0.050 … 0.049
        }
        assertThat(EmpiricalTail.tailCount(100, 0.95)).isEqualTo(5);
        // 5th worst is −0.046; CVaR = (0.050 + 0.049 + 0.048 + 0.047 + 0.046) / 5 = 0.048
        assertThat(ValueAtRisk.historical(r, 0.95).var()).isCloseTo(0.046, within(1e-15));
        assertThat(ValueAtRisk.historical(r, 0.95).cvar()).isCloseTo(0.048, within(1e-15));
    }

    @Test
    void historicalMultiPeriodUsesOverlappingReturns() {
        // Five returns +2 %, −3 %, +1 %, −2 %, +4 %; 2-period returns (no √h scaling):
        // 1.02·0.97 − 1 = −0.0106, 0.97·1.01 − 1 = −0.0203, 1.01·0.98 − 1 = −0.0102, 0.98·1.04 − 1 = 0.0192
        // n = 4, c = 0.95: k = ⌈0.2⌉ = 1 → VaR = 0.0203; c = 0.60: k = ⌈1.6⌉ = 2 → VaR = 0.0106,
        // CVaR = (0.0203 + 0.0106) / 2 = 0.01545
        PriceSeries s = Fixtures.five();
        assertThat(ValueAtRisk.historical(s, 0.95, 2).var()).isCloseTo(0.0203, within(1e-12));
        TailRisk v60 = ValueAtRisk.historical(s, 0.60, 2);
        assertThat(v60.var()).isCloseTo(0.0106, within(1e-12));
        assertThat(v60.cvar()).isCloseTo(0.01545, within(1e-12));
        assertThat(v60.horizonPeriods()).isEqualTo(2);
    }

    @Test
    void parametricNormalOneAndTenDays() {
        // μ = 0.004, σ = 0.0288097206, z = Φ⁻¹(0.05) = −1.6448536, φ(z) = 0.1031356
        // 1 day:  VaR = −(0.004 − 1.6448536 × 0.0288097206) = −0.004 + 0.0473877734 = 0.0433877734
        //         CVaR = −0.004 + 0.0288097206 × 0.1031356 / 0.05 = −0.004 + 0.0594261796 = 0.0554261796
        TailRisk one = ValueAtRisk.parametricNormal(Fixtures.five(), 0.95, 1);
        assertThat(one.var()).isCloseTo(-Fixtures.FIVE_MEAN - Z95 * Fixtures.FIVE_SD, within(1e-12))
                .isCloseTo(0.04338777339039251, within(1e-12));
        assertThat(one.cvar()).isCloseTo(-Fixtures.FIVE_MEAN + Fixtures.FIVE_SD * PHI_Z95 / 0.05, within(1e-12))
                .isCloseTo(0.05542617962473937, within(1e-12));
        // 10 days, √h rule: μ·10 = 0.04, σ·√10 = 0.0911043 → VaR = −0.04 + 1.6448536 × 0.0911043 = 0.1098533
        TailRisk ten = ValueAtRisk.parametricNormal(Fixtures.five(), 0.95, 10);
        assertThat(ten.var()).isCloseTo(0.10985329715755981, within(1e-12));
        assertThat(ten.cvar()).isCloseTo(0.14792208025646664, within(1e-12));
        // 99 %: z = −2.3263479 → VaR = −0.004 + 2.3263479 × 0.0288097206 = 0.0630214
        assertThat(ValueAtRisk.parametricNormal(Fixtures.FIVE_RETURNS, 0.99, 1).var())
                .isCloseTo(0.06302143222712495, within(1e-12));
    }

    @Test
    void cornishFisherAdjustsTheQuantileForSkewAndKurtosis() {
        // S = −0.0252483, K = −1.4510814 (see PriceSeriesAndReturnsTest), z = −1.6448536:
        // z² = 2.7055435, z³ = −4.4502230
        // (z² − 1)·S/6       = 1.7055435 × −0.0252483 / 6 = −0.0071770
        // (z³ − 3z)·K/24     = 0.4843379 × −1.4510814 / 24 = −0.0292839
        // −(2z³ − 5z)·S²/36  = −(−0.6761779) × 0.00063748 / 36 = +0.0000120
        // z_cf = −1.6448536 − 0.0071770 − 0.0292839 + 0.0000120 = −1.6813026
        double zcf = ValueAtRisk.cornishFisherZ(Z95, Stats.skewness(Fixtures.FIVE_RETURNS),
                Stats.excessKurtosis(Fixtures.FIVE_RETURNS));
        assertThat(zcf).isCloseTo(-1.6813025637383077, within(1e-12));
        // VaR = −(0.004 − 1.6813026 × 0.0288097206) = 0.0444378571
        TailRisk cf = ValueAtRisk.cornishFisher(Fixtures.five(), 0.95, 1);
        assertThat(cf.var()).isCloseTo(0.04443785707472405, within(1e-12));
        // CVaR: tail mean of the CF quantile; reference value by adaptive quadrature (scipy quad)
        assertThat(cf.cvar()).isCloseTo(0.049704829481293684, within(1e-6));
        // K < 0 bends the expansion back in the tail (slope < 0 below p ≈ 0.003), so the flag is false even
        // though at 95 % CVaR is still above VaR; fat tails (K > 0) keep it monotone.
        assertThat(ValueAtRisk.cornishFisherIsMonotone(-0.0252483, -1.4510814, 0.95)).isFalse();
        assertThat(ValueAtRisk.cornishFisherIsMonotone(-0.5, 3.0, 0.99)).isTrue();
    }

    @Test
    void cornishFisherTenDaysScalesTheCumulants() {
        // h = 10: S/√10 = −0.0079842, K/10 = −0.1451081 → z_cf = −1.6500504
        // VaR = −(0.04 − 1.6500504 × 0.0911043) = 0.1103267
        assertThat(ValueAtRisk.cornishFisher(Fixtures.FIVE_RETURNS, 0.95, 10).var())
                .isCloseTo(0.11032674462964118, within(1e-12));
    }

    @Test
    void cornishFisherWithoutSkewOrKurtosisIsTheNormal() {
        assertThat(ValueAtRisk.cornishFisherZ(Z95, 0, 0)).isEqualTo(Z95);
        assertThat(ValueAtRisk.cornishFisherIsMonotone(0, 0, 0.99)).isTrue();
    }

    @Test
    void cornishFisherFlagsANonMonotoneExpansion() {
        // With K = −1.45 the expansion bends back in the far tail: at 99 % CVaR < VaR.
        TailRisk cf99 = ValueAtRisk.cornishFisher(Fixtures.FIVE_RETURNS, 0.99, 1);
        assertThat(cf99.cvar()).isLessThan(cf99.var());
        assertThat(ValueAtRisk.cornishFisherIsMonotone(Stats.skewness(Fixtures.FIVE_RETURNS),
                Stats.excessKurtosis(Fixtures.FIVE_RETURNS), 0.99)).isFalse();
    }

    @Test
    void cornishFisherTailIntegralMatchesNormalExpectedShortfall() {
        // With S = K = 0 the mean tail quantile is the normal one: −φ(z)/α = −0.1031356 / 0.05 = −2.0627128
        assertThat(ValueAtRisk.cornishFisherTailMeanZ(0.05, 0, 0)).isCloseTo(-PHI_Z95 / 0.05, within(1e-6));
        assertThat(ValueAtRisk.cornishFisherTailMeanZ(0.01, 0, 0))
                .isCloseTo(-0.02665214220345808 / 0.01, within(1e-6));
    }

    @Test
    void rejectsTooShortSeries() {
        assertThatThrownBy(() -> ValueAtRisk.historical(new double[] {0.01}, 0.95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("historical VaR needs at least 2 returns, got 1");
        assertThatThrownBy(() -> ValueAtRisk.historical(PriceSeries.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 0.99, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("historical VaR over 10 periods needs at least 12 prices (2 overlapping returns), got 11");
        assertThatThrownBy(() -> ValueAtRisk.cornishFisher(new double[] {0.01, 0.02, 0.03}, 0.95, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cornish-Fisher VaR needs at least 4 returns, got 3");
        assertThatThrownBy(() -> ValueAtRisk.parametricNormal(PriceSeries.of(100, 101), 0.95, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parametric VaR needs at least 2 returns, got 1");
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> ValueAtRisk.historical(TEN, 95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confidence must be in (0.5, 1)");
        assertThatThrownBy(() -> ValueAtRisk.parametricNormal(TEN, 0.95, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("horizon must be at least 1, got 0");
        assertThatThrownBy(() -> ValueAtRisk.historical(new double[] {0.01, Double.NaN}, 0.95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("historical VaR: return at index 1 is not a finite number (NaN)");
    }

    @Test
    void cornishFisherRejectsZeroVariance() {
        assertThatThrownBy(() -> ValueAtRisk.cornishFisher(new double[] {0.01, 0.01, 0.01, 0.01}, 0.95, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("skewness is undefined: the series has zero variance (all returns equal)");
    }
}
