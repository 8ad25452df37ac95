package io.rwaprime.risk.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BetaCorrelationTest {

    private static final long DAY = 86_400_000L;

    /**
     * On the common days 1–5 the benchmark returns +1 %, −1 %, +2 %, 0 % and the asset +2 %, −1 %,
     * +3 %, −1 %. The benchmark has an extra point at day 2.5 (price 150) and the asset one at
     * day 6; both must be ignored.
     */
    private static PriceSeries asset() {
        return PriceSeries.of(new double[] {100, 102, 100.98, 104.0094, 102.969306, 500},
                new long[] {DAY, 2 * DAY, 3 * DAY, 4 * DAY, 5 * DAY, 6 * DAY});
    }

    private static PriceSeries benchmark() {
        return PriceSeries.of(new double[] {100, 101, 150, 99.99, 101.9898, 101.9898},
                new long[] {DAY, 2 * DAY, 2 * DAY + DAY / 2, 3 * DAY, 4 * DAY, 5 * DAY});
    }

    @Test
    void betaAndCorrelationOnCommonTimestamps() {
        // means: r_b = 0.02/4 = 0.005, r_a = 0.03/4 = 0.0075
        // deviations b: 0.005, −0.015, 0.015, −0.005;  a: 0.0125, −0.0175, 0.0225, −0.0175
        // Σ(a·b) = 0.0000625 + 0.0002625 + 0.0003375 + 0.0000875 = 0.00075 → cov = 0.00075/3 = 0.00025
        // Σb² = 0.0005 → var_b = 0.000166667;  Σa² = 0.001275 → var_a = 0.000425
        // β = 0.00025 / 0.000166667 = 1.5;  ρ = 0.00025 / √(0.000425 × 0.000166667) = 0.9393364
        BetaCorrelation bc = BetaCorrelation.of(asset(), benchmark(), 5);
        assertThat(bc.beta()).isCloseTo(1.5, within(1e-9));
        assertThat(bc.correlation()).isCloseTo(0.00025 / Math.sqrt(0.000425 * 0.0005 / 3), within(1e-9))
                .isCloseTo(0.9393364366277243, within(1e-9));
        assertThat(bc.commonTimestamps()).isEqualTo(5);
    }

    @Test
    void alignmentKeepsOnlyCommonTimestamps() {
        AlignedPrices a = AlignedPrices.align(asset(), benchmark(), 3);
        assertThat(a.timestamps()).containsExactly(DAY, 2 * DAY, 3 * DAY, 4 * DAY, 5 * DAY);
        assertThat(a.second()).containsExactly(100, 101, 99.99, 101.9898, 101.9898);
        assertThat(a.first()).doesNotContain(500.0);
    }

    @Test
    void rejectsMisalignedSeries() {
        assertThatThrownBy(() -> BetaCorrelation.of(asset(), benchmark(), 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series are misaligned: 5 common timestamps, at least 6 needed");
        PriceSeries elsewhere = PriceSeries.of(new double[] {1, 2, 3}, new long[] {7 * DAY, 8 * DAY, 9 * DAY});
        assertThatThrownBy(() -> BetaCorrelation.of(asset(), elsewhere, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series are misaligned: 0 common timestamps, at least 3 needed");
        assertThatThrownBy(() -> BetaCorrelation.of(asset(), PriceSeries.of(1, 2, 3, 4, 5, 6), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot align on time: only one of the two series has timestamps");
    }

    @Test
    void flatBenchmarkLeavesBetaUndefined() {
        PriceSeries flat = PriceSeries.of(new double[] {100, 100, 100, 100, 100},
                new long[] {DAY, 2 * DAY, 3 * DAY, 4 * DAY, 5 * DAY});
        assertThatThrownBy(() -> BetaCorrelation.of(asset(), flat, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("beta is undefined: the benchmark has zero variance (all returns equal)");
        assertThatThrownBy(() -> BetaCorrelation.of(flat, benchmark(), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("correlation is undefined: the asset has zero variance (all returns equal)");
    }

    @Test
    void seriesWithoutTimestampsAlignByIndex() {
        // asset returns are exactly 2 × benchmark returns → β = 2, ρ = 1
        BetaCorrelation bc = BetaCorrelation.ofReturns(new double[] {0.02, -0.04, 0.06}, new double[] {0.01, -0.02, 0.03});
        assertThat(bc.beta()).isCloseTo(2.0, within(1e-12));
        assertThat(bc.correlation()).isCloseTo(1.0, within(1e-12));
        assertThatThrownBy(() -> AlignedPrices.align(PriceSeries.of(1, 2, 3), PriceSeries.of(1, 2), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series without timestamps must have equal length to align, got 3 and 2");
    }
}
