package io.rwaprime.risk.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RollingTest {

    @Test
    void rollingVolatilityMatchesTheOneShotOnEachWindow() {
        // 5 returns, W = 3 → windows end at price indices 3, 4, 5
        PriceSeries s = Fixtures.five();
        RollingSeries vol = Rolling.volatility(s, 3, 252);
        assertThat(vol.points()).extracting(RollingSeries.Point::endIndex).containsExactly(3, 4, 5);
        double[] logs = s.logReturns();
        for (RollingSeries.Point p : vol.points()) {
            double[] window = Arrays.copyOfRange(logs, p.endIndex() - 3, p.endIndex());
            assertThat(p.value()).isCloseTo(Performance.annualizedVolatility(window, 252), within(1e-15));
        }
        assertThat(vol.undefinedAt()).isEmpty();
    }

    @Test
    void rollingHistoricalVarOfTwoReturnWindows() {
        // returns +2 %, −3 %, +1 %, −2 %, +4 %; W = 2, c = 0.95, k = 1 → worst of each pair:
        // {+2, −3} → 0.03, {−3, +1} → 0.03, {+1, −2} → 0.02, {−2, +4} → 0.02
        RollingSeries v = Rolling.historicalVar(Fixtures.five(), 2, 0.95);
        double[] values = v.points().stream().mapToDouble(RollingSeries.Point::value).toArray();
        assertThat(values).containsExactly(new double[] {0.03, 0.03, 0.02, 0.02}, within(1e-12));
    }

    @Test
    void flatWindowsAreListedNotDropped() {
        // +1 %, +1 %, +1 %, −1 %: the first window of 3 is flat, so its Sharpe ratio is undefined
        PriceSeries s = Fixtures.compound(100, 0.01, 0.01, 0.01, -0.01);
        RollingSeries sharpe = Rolling.sharpe(s, 3, 0.0, 252);
        assertThat(sharpe.undefinedAt()).containsExactly(3);
        assertThat(sharpe.reason()).contains("zero variance");
        assertThat(sharpe.points()).singleElement().satisfies(p -> {
            assertThat(p.endIndex()).isEqualTo(4);
            assertThat(p.value()).isCloseTo(Performance.sharpe(new double[] {0.01, 0.01, -0.01}, 0, 252), within(1e-9));
        });
    }

    @Test
    void rollingBetaOnAlignedSeriesCarriesTimestamps() {
        long[] t = {10, 20, 30, 40, 50};
        PriceSeries bench = PriceSeries.of(new double[] {100, 101, 99.99, 101.9898, 101.9898}, t);
        // asset returns = 2 × benchmark returns exactly → every window's β is 2
        PriceSeries asset = PriceSeries.of(new double[] {100, 102, 99.96, 103.9584, 103.9584}, t);
        RollingSeries beta = Rolling.beta(asset, bench, 2, 3);
        assertThat(beta.points()).hasSize(3);
        assertThat(beta.points()).allSatisfy(p -> assertThat(p.value()).isCloseTo(2.0, within(1e-9)));
        assertThat(beta.points().get(0).epochMillis()).isEqualTo(OptionalLong.of(30));
    }

    @Test
    void rejectsWindowLongerThanTheSeries() {
        assertThatThrownBy(() -> Rolling.volatility(Fixtures.five(), 6, 252))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rolling volatility with window 6 needs at least 7 prices, got 6");
        assertThatThrownBy(() -> Rolling.sharpe(Fixtures.five(), 1, 0, 252))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rolling sharpe window must be at least 2 returns, got 1");
    }
}
