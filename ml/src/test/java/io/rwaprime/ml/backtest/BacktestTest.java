package io.rwaprime.ml.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rwaprime.ml.forecast.FittedModel;
import io.rwaprime.ml.forecast.Forecast;
import io.rwaprime.ml.forecast.Forecaster;
import io.rwaprime.ml.forecast.RandomWalkForecaster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BacktestTest {

    /** Records the training sets it sees; forecasts a constant with a fixed ±1 interval. */
    private static final class Recording implements Forecaster {
        final List<double[]> seen = new ArrayList<>();
        final double value;

        Recording(double value) {
            this.value = value;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public FittedModel fit(double[] y, int frequency) {
            if (y.length == 7) {
                throw new IllegalArgumentException("no fit on 7");
            }
            seen.add(y.clone());
            return new FittedModel() {
                @Override
                public String model() {
                    return "constant";
                }

                @Override
                public Map<String, Double> coefficients() {
                    return Map.of();
                }

                @Override
                public double sigma2() {
                    return Double.NaN;
                }

                @Override
                public Forecast forecast(int h, double... levels) {
                    List<Forecast.Step> steps = new ArrayList<>();
                    for (int i = 1; i <= h; i++) {
                        steps.add(new Forecast.Step(i, value, List.of(new Forecast.Interval(80, value - 1, value + 1))));
                    }
                    return new Forecast("constant", steps);
                }
            };
        }
    }

    @Test
    @DisplayName("origins end at n - h and step back; expanding and sliding windows train on the right slices")
    void plansOriginsAndWindows() {
        assertThat(new BacktestPlan(2, 3, 0, 4, BacktestPlan.Window.EXPANDING).originsFor(12))
                .containsExactly(4, 7, 10);
        assertThat(new BacktestPlan(2, 3, 2, 4, BacktestPlan.Window.EXPANDING).originsFor(12))
                .containsExactly(7, 10);
        assertThatThrownBy(() -> BacktestPlan.expanding(5, 0, 10).originsFor(12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short");

        double[] y = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        Recording sliding = new Recording(0);
        BacktestResult r = Backtest.run(sliding, y, 1,
                new BacktestPlan(2, 3, 0, 4, BacktestPlan.Window.SLIDING), 80);
        assertThat(sliding.seen).extracting(a -> a[0]).containsExactly(0.0, 3.0, 6.0);
        assertThat(sliding.seen).allSatisfy(a -> assertThat(a).hasSize(4));
        assertThat(r.origins()).containsExactly(4, 7, 10);
        assertThat(r.actual()[2]).containsExactly(10, 11);
        assertThat(r.last()).containsExactly(3, 6, 9);

        Recording expanding = new Recording(0);
        BacktestResult e = Backtest.run(expanding, y, 1, BacktestPlan.expanding(2, 0, 4), 80);
        assertThat(e.failures()).containsExactly("origin 7: no fit on 7");
        assertThat(e.origins()).containsExactly(4, 5, 6, 8, 9, 10);
    }

    @Test
    @DisplayName("MAE, RMSE, MAPE, sMAPE, MASE, coverage and Winkler by hand")
    void computesAccuracyByHand() {
        // Train 1,2,4 (naive scale mean(1,2) = 1.5); constant forecast 5 ± 1 at 80 %.
        double[] y = {1, 2, 4, 4, 8};
        BacktestResult r = Backtest.run(new Recording(5), y, 1, BacktestPlan.expanding(2, 1, 3), 80);
        Accuracy a = Accuracy.of(r);
        // errors: 4 - 5 = -1, 8 - 5 = 3
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.mae()).isCloseTo(2, within(1e-12));
        assertThat(a.rmse()).isCloseTo(Math.sqrt(5), within(1e-12));
        assertThat(a.mape()).isCloseTo(100 * (0.25 + 3.0 / 8) / 2, within(1e-12));
        assertThat(a.smape()).isCloseTo(200 * (1.0 / 9 + 3.0 / 13) / 2, within(1e-12));
        assertThat(a.mase()).isCloseTo(2 / 1.5, within(1e-12));
        // [4, 6] holds 4, misses 8 by 2: Winkler (2 + 0) and (2 + 2 / 0.2 * 2)
        assertThat(a.coverage()).containsEntry(80.0, 0.5);
        assertThat(a.winkler().get(80.0)).isCloseTo((2 + 22) / 2.0, within(1e-12));
        List<Accuracy> steps = Accuracy.perStep(r);
        assertThat(steps.get(0).mae()).isCloseTo(1, within(1e-12));
        assertThat(steps.get(1).mae()).isCloseTo(3, within(1e-12));
    }

    @Test
    @DisplayName("MASE of the naive method on a random walk is near 1 at step 1")
    void naiveMaseOnRandomWalkIsNearOne() {
        java.util.Random rnd = new java.util.Random(11);
        double[] y = new double[600];
        for (int i = 1; i < y.length; i++) {
            y[i] = y[i - 1] + rnd.nextGaussian();
        }
        BacktestResult r = Backtest.run(RandomWalkForecaster.naive(), y, 1, BacktestPlan.expanding(1, 400, 100));
        assertThat(Accuracy.of(r).mase()).isCloseTo(1.0, within(0.12));
        assertThat(Accuracy.of(r).coverage().get(95.0)).isCloseTo(0.95, within(0.03));
    }

    @Test
    @DisplayName("sign strategy: returns, Sharpe, Sortino and drawdown by hand")
    void signStrategyByHand() {
        // Forecast 5 from last values 10, 4, 6 -> positions -1, +1, -1.
        double[] y = {9, 10, 4, 6, 3};
        BacktestResult r = Backtest.run(new Recording(5), y, 1, BacktestPlan.expanding(1, 3, 2), 80);
        SignStrategy s = SignStrategy.of(r, 1);
        // returns: -1 * (4-10)/10 = 0.6, +1 * (6-4)/4 = 0.5, -1 * (3-6)/6 = 0.5
        assertThat(s.trades()).isEqualTo(3);
        assertThat(s.hitRate()).isEqualTo(1.0);
        assertThat(s.meanReturn()).isCloseTo(1.6 / 3, within(1e-12));
        double sd = Math.sqrt(((0.6 - 1.6 / 3) * (0.6 - 1.6 / 3) + 2 * (0.5 - 1.6 / 3) * (0.5 - 1.6 / 3)) / 2);
        assertThat(s.sharpe()).isCloseTo(1.6 / 3 / sd, within(1e-12));
        assertThat(s.sortino()).isNaN();
        assertThat(s.maxDrawdown()).isZero();

        double[] z = {10, 10, 10, 12, 9, 9.9};
        // forecast 20 above every last value -> always long: 0, +0.2, -0.25, +0.1
        SignStrategy l = SignStrategy.of(Backtest.run(new Recording(20), z, 1, BacktestPlan.expanding(1, 4, 2), 80), 4);
        assertThat(l.maxDrawdown()).isCloseTo(0.25, within(1e-12));
        double dd = Math.sqrt(0.0625 / 4);
        assertThat(l.sortino()).isCloseTo(0.0125 / dd * 2, within(1e-12));
    }
}
