package io.rwaprime.risk.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceSeriesAndReturnsTest {

    @Test
    void simpleAndLogReturnsOfAShortSeries() {
        // 100 → 110: +10 %, ln(1.1) = 0.0953101798; 110 → 99: −10 %, ln(0.9) = −0.1053605157
        PriceSeries s = PriceSeries.of(100, 110, 99);
        assertThat(s.simpleReturns()).containsExactly(new double[] {0.1, -0.1}, within(1e-15));
        assertThat(s.logReturns()).containsExactly(new double[] {0.0953101798043249, -0.1053605156578263},
                within(1e-15));
    }

    @Test
    void overlappingReturnsUseEveryStart() {
        // h = 2 on 100, 110, 99, 121: 99/100 − 1 = −0.01, 121/110 − 1 = 0.1
        assertThat(Returns.overlapping(new double[] {100, 110, 99, 121}, 2))
                .containsExactly(new double[] {-0.01, 0.1}, within(1e-15));
    }

    @Test
    void decimalsConvertToDoubles() {
        PriceSeries s = PriceSeries.ofDecimals(List.of(new BigDecimal("1.0001"), new BigDecimal("0.9999")),
                new long[] {1_000, 2_000});
        assertThat(s.prices()).containsExactly(1.0001, 0.9999);
        assertThat(s.timestamps()).hasValueSatisfying(t -> assertThat(t).containsExactly(1_000, 2_000));
    }

    @Test
    void rejectsNaNPriceNamingTheIndex() {
        assertThatThrownBy(() -> PriceSeries.of(100, 101, Double.NaN, 102))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("price at index 2 is not a finite number (NaN)");
    }

    @Test
    void rejectsNonPositivePriceNamingTheIndex() {
        assertThatThrownBy(() -> PriceSeries.of(100, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("price at index 1 is not positive (0.0)");
        assertThatThrownBy(() -> Returns.simple(new double[] {100, 101, -5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("simple returns: price at index 2 is not positive (-5.0)");
    }

    @Test
    void rejectsNullDecimalNamingTheIndex() {
        assertThatThrownBy(() -> PriceSeries.ofDecimals(java.util.Arrays.asList(BigDecimal.ONE, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("price at index 1 is null");
    }

    @Test
    void rejectsTimestampsThatDoNotIncrease() {
        assertThatThrownBy(() -> PriceSeries.of(new double[] {1, 2, 3}, new long[] {10, 20, 20}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestamp at index 2 is not after the one at index 1");
        assertThatThrownBy(() -> PriceSeries.of(new double[] {1, 2, 3}, new long[] {10, 20}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamps length 2 differs from prices length 3");
    }

    @Test
    void returnsNeedTwoPrices() {
        assertThatThrownBy(() -> PriceSeries.of(100).simpleReturns())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("simple returns needs at least 2 prices, got 1");
        assertThatThrownBy(() -> Returns.overlapping(new double[] {1, 2, 3}, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("10-period returns needs at least 11 prices, got 3");
    }

    @Test
    void momentsOfTheFiveReturns() {
        double[] r = Fixtures.FIVE_RETURNS;
        assertThat(Stats.mean(r)).isCloseTo(0.004, within(1e-15));
        assertThat(Stats.variance(r)).isCloseTo(0.00083, within(1e-15));
        // population moments: m2 = 0.00332 / 5 = 0.000664
        // d³ = 4.096e-6, −3.9304e-5, 2.16e-7, −1.3824e-5, 4.6656e-5; Σ = −2.16e-6; m3 = −4.32e-7
        // g1 = m3 / m2^1.5 = −4.32e-7 / 1.711014e-5 = −0.0252483
        assertThat(Stats.skewness(r)).isCloseTo(-0.025248270113338772, within(1e-12));
        // d⁴ = 6.5536e-8, 1.336336e-6, 1.296e-9, 3.31776e-7, 1.679616e-6; Σ = 3.41456e-6; m4 = 6.82912e-7
        // g2 = m4 / m2² − 3 = 6.82912e-7 / 4.40896e-7 − 3 = 1.548919 − 3 = −1.451081
        assertThat(Stats.excessKurtosis(r)).isCloseTo(-1.4510814341704166, within(1e-12));
    }
}
