package io.rwaprime.risk.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DrawdownTest {

    @Test
    void maxDrawdownWithRecovery() {
        // index:   0    1    2     3      4    5    6    7
        // price: 100  110   99  104.5    88   95  110  115
        // peak 110 at 1; drawdowns 1 − 99/110 = 0.10, 1 − 104.5/110 = 0.05, 1 − 88/110 = 0.20 (trough 4)
        // back to 110 at index 6: peak→trough 3 periods, peak→recovery 5 periods
        Drawdown d = Drawdown.of(PriceSeries.of(100, 110, 99, 104.5, 88, 95, 110, 115));
        assertThat(d.maxDrawdown()).isCloseTo(0.20, within(1e-15));
        assertThat(d.peakIndex()).isEqualTo(1);
        assertThat(d.troughIndex()).isEqualTo(4);
        assertThat(d.recoveryIndex()).isEqualTo(6);
        assertThat(d.peakToTroughPeriods()).isEqualTo(3);
        assertThat(d.peakToRecoveryPeriods()).isEqualTo(5);
        assertThat(d.recovered()).isTrue();
    }

    @Test
    void laterDeeperEpisodeWinsAndMayStayUnderWater() {
        // 100, 120, 90 (−25 %), 125, 100 (−20 %): max is 1 − 90/120 = 0.25, recovered at 3 (125 ≥ 120)
        Drawdown first = Drawdown.of(PriceSeries.of(100, 120, 90, 125, 100));
        assertThat(first.maxDrawdown()).isCloseTo(0.25, within(1e-15));
        assertThat(first.recoveryIndex()).isEqualTo(3);
        // 100, 120, 90, 100: never back to 120
        Drawdown open = Drawdown.of(PriceSeries.of(100, 120, 90, 100));
        assertThat(open.recovered()).isFalse();
        assertThat(open.recoveryIndex()).isEqualTo(-1);
        assertThat(open.peakToRecoveryPeriods()).isEqualTo(-1);
        assertThat(open.peakToTroughPeriods()).isEqualTo(1);
    }

    @Test
    void risingSeriesHasNoDrawdown() {
        assertThat(Drawdown.of(PriceSeries.of(1, 2, 3))).isEqualTo(new Drawdown(0, 0, 0, 0, 0, 0));
    }

    @Test
    void rejectsASinglePrice() {
        assertThatThrownBy(() -> Drawdown.of(PriceSeries.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max drawdown needs at least 2 prices, got 1");
    }
}
