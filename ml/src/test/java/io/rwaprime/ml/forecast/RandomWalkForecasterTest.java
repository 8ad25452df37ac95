package io.rwaprime.ml.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The baselines against forecast's lagwalk formulas, worked by hand on a five-point series. */
class RandomWalkForecasterTest {

    private static final double[] Y = {1, 3, 2, 5, 4};
    private static final double Z95 = 1.959963984540054;
    private static final double Z80 = 1.2815515655446004;

    @Test
    @DisplayName("naive: last value, se = sqrt(mean squared difference * h)")
    void naiveUsesMeanSquaredDifferences() {
        // differences 2, -1, 3, -1: mean square 15 / 4 = 3.75
        Forecast fc = RandomWalkForecaster.naive().fit(Y, 1).forecast(3);
        assertThat(fc.model()).isEqualTo("Naive method");
        assertThat(fc.means()).containsExactly(4, 4, 4);
        assertThat(fc.steps().get(2).interval(95).upper()).isCloseTo(4 + Z95 * Math.sqrt(3.75 * 3), within(1e-12));
        assertThat(fc.steps().get(0).interval(80).lower()).isCloseTo(4 - Z80 * Math.sqrt(3.75), within(1e-12));
    }

    @Test
    @DisplayName("drift: y_T + h b, se = sqrt(s^2 h + h^2 s^2 / (T - 1)) with lm's residual variance")
    void driftAddsTheVarianceOfTheSlope() {
        // b = 0.75; deviations 1.25, -1.75, 2.25, -1.75: SS 12.75, s^2 = 12.75 / 3 = 4.25
        FittedModel fit = RandomWalkForecaster.drift().fit(Y, 1);
        assertThat(fit.model()).isEqualTo("Random walk with drift");
        assertThat(fit.coefficients()).containsEntry("drift", 0.75);
        assertThat(fit.sigma2()).isCloseTo(4.25, within(1e-12));
        Forecast fc = fit.forecast(2, 95);
        assertThat(fc.means()).containsExactly(4.75, 5.5);
        double se2 = Math.sqrt(4.25 * 2 + 4 * 4.25 / 4);
        assertThat(fc.steps().get(1).interval(95).lower()).isCloseTo(5.5 - Z95 * se2, within(1e-12));
    }

    @Test
    @DisplayName("seasonal naive repeats the last season; se grows with whole seasons ahead")
    void seasonalNaiveRepeatsLastSeason() {
        double[] y = {10, 20, 30, 12, 21, 33};
        // lag-3 differences 2, 1, 3: mean square 14 / 3
        Forecast fc = RandomWalkForecaster.seasonalNaive().fit(y, 3).forecast(5, 80);
        assertThat(fc.model()).isEqualTo("Seasonal naive method");
        assertThat(fc.means()).containsExactly(12, 21, 33, 12, 21);
        double s = Math.sqrt(14.0 / 3);
        assertThat(fc.steps().get(2).interval(80).upper()).isCloseTo(33 + Z80 * s, within(1e-12));
        assertThat(fc.steps().get(3).interval(80).upper()).isCloseTo(12 + Z80 * s * Math.sqrt(2), within(1e-12));
    }

    @Test
    void rejectsShortAndIncompleteSeries() {
        assertThatThrownBy(() -> RandomWalkForecaster.seasonalNaive().fit(new double[] {1, 2, 3}, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> RandomWalkForecaster.naive().fit(new double[] {1, Double.NaN, 3}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
        assertThatThrownBy(() -> RandomWalkForecaster.drift().fit(Y, 1).forecast(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RandomWalkForecaster.drift().fit(Y, 1).forecast(2, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the ARIMA adapter keeps R's model name, coefficients and likelihood")
    void arimaAdapterExposesTheFit() {
        double[] y = new double[80];
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 1; i < y.length; i++) {
            y[i] = 0.6 * y[i - 1] + rnd.nextGaussian();
        }
        FittedModel fit = ArimaForecaster.of(io.rwaprime.ml.arima.ArimaSpec.of(1, 0, 0)).fit(y, 1);
        assertThat(fit.model()).isEqualTo("ARIMA(1,0,0) with non-zero mean");
        assertThat(fit.coefficients().keySet()).containsExactly("ar1", "intercept");
        assertThat(fit.loglik()).isFinite();
        assertThat(fit.aicc()).isGreaterThan(fit.aic());
        Forecast fc = fit.forecast(4, 95, 80);
        assertThat(fc.steps().get(0).intervals()).extracting(Forecast.Interval::level).containsExactly(80.0, 95.0);
    }
}
