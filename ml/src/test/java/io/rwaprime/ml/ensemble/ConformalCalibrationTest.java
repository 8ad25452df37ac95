package io.rwaprime.ml.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rwaprime.ml.backtest.BacktestResult;
import io.rwaprime.ml.forecast.Forecast;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConformalCalibrationTest {

    @Test
    @DisplayName("half-width is the ceil((K+1)L)-th smallest |error| of that step; too few errors keep the model interval")
    void usesTheConformalRankPerStep() {
        double[][] errors = new double[9][2];
        for (int k = 0; k < 9; k++) {
            errors[k][0] = (k % 2 == 0 ? 1 : -1) * (k + 1);   // |e| = 1..9
            errors[k][1] = 10 * (k + 1);
        }
        ConformalCalibration cal = ConformalCalibration.of(errors);
        // K = 9: 80 % -> rank ceil(8.0) = 8; 50 % -> rank 5; 95 % -> rank 10 > 9: not calibrated
        assertThat(cal.halfWidth(1, 80)).isEqualTo(8);
        assertThat(cal.halfWidth(2, 50)).isEqualTo(50);
        assertThat(cal.isCalibrated(1, 95)).isFalse();
        assertThat(cal.isCalibrated(3, 80)).isFalse();
        Forecast fc = new Forecast("m", List.of(
                new Forecast.Step(1, 100, List.of(new Forecast.Interval(80, 99, 101), new Forecast.Interval(95, 90, 110))),
                new Forecast.Step(2, 100, List.of(new Forecast.Interval(80, 98, 102), new Forecast.Interval(95, 80, 120))),
                new Forecast.Step(3, 100, List.of(new Forecast.Interval(80, 97, 103), new Forecast.Interval(95, 70, 130)))));
        Forecast out = cal.apply(fc, "m'");
        assertThat(out.lower(80)).containsExactly(92, 20, 97);
        assertThat(out.upper(95)).containsExactly(110, 120, 130);
    }

    @Test
    @DisplayName("weights are inverse MASE normalised; failed members get none; zero MASE takes all")
    void weightsAreInverseMase() {
        BacktestResult good = result(new double[] {1, 2}, new double[] {1.5, 2.5});   // MASE 0.5
        BacktestResult bad = result(new double[] {1, 2}, new double[] {2, 3});        // MASE 1
        double[] w = EnsembleForecaster.weights(List.of(good, bad));
        assertThat(w[0]).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(w[1]).isCloseTo(1.0 / 3, within(1e-12));
        BacktestResult perfect = result(new double[] {1, 2}, new double[] {1, 2});
        assertThat(EnsembleForecaster.weights(List.of(good, perfect))).containsExactly(0, 1);
    }

    private static BacktestResult result(double[] actual, double[] mean) {
        double[][] a = {actual};
        double[][] m = {mean};
        double[][][] b = {{mean}};
        return new BacktestResult("x", 1, new int[] {5}, new double[] {80}, a, m, b, b,
                new double[] {1}, new double[] {0}, List.of());
    }
}
