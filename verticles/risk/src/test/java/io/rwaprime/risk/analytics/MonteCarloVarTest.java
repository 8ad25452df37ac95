package io.rwaprime.risk.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MonteCarloVarTest {

    /** 1 000 seeded normal daily returns, μ = 0.05 %, σ = 1 %. */
    private static double[] normalReturns() {
        SplittableRandom rng = new SplittableRandom(42);
        double[] r = new double[1_000];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.0005 + 0.01 * rng.nextGaussian();
        }
        return r;
    }

    @Test
    void normalModelConvergesToParametricVarOneDay() {
        double[] r = normalReturns();
        MonteCarloVar.Result mc = MonteCarloVar.run(r, new MonteCarloVar.Spec(MonteCarloVar.Model.NORMAL, 1, 1_000_000, 7),
                0.95, 0.99);
        TailRisk p95 = ValueAtRisk.parametricNormal(r, 0.95, 1);
        TailRisk p99 = ValueAtRisk.parametricNormal(r, 0.99, 1);
        // quantile standard error at 1e6 paths is ≈ 0.1 % of σ·z; 1 % relative is a generous bound
        assertThat(mc.tail().get(0).var()).isCloseTo(p95.var(), within(0.01 * p95.var()));
        assertThat(mc.tail().get(0).cvar()).isCloseTo(p95.cvar(), within(0.01 * p95.cvar()));
        assertThat(mc.tail().get(1).var()).isCloseTo(p99.var(), within(0.01 * p99.var()));
        assertThat(mc.tail().get(1).cvar()).isCloseTo(p99.cvar(), within(0.01 * p99.cvar()));
        assertThat(mc.tail().get(0).method()).isEqualTo(TailRisk.Method.MONTE_CARLO_NORMAL);
        assertThat(mc.pathsPerSecond()).isPositive();
    }

    @Test
    void normalModelTenDayPathsAreCloseToSquareRootOfTime() {
        // Compounding 10 daily returns differs from the √h normal rule only by O(σ²) terms.
        double[] r = normalReturns();
        MonteCarloVar.Result mc = MonteCarloVar.run(r, new MonteCarloVar.Spec(MonteCarloVar.Model.NORMAL, 10, 200_000, 11), 0.99);
        TailRisk p = ValueAtRisk.parametricNormal(r, 0.99, 10);
        assertThat(mc.tail().get(0).var()).isCloseTo(p.var(), within(0.03 * p.var()));
        assertThat(mc.tail().get(0).horizonPeriods()).isEqualTo(10);
    }

    @Test
    void bootstrapOneDayConvergesToHistoricalVar() {
        double[] r = normalReturns();
        MonteCarloVar.Result mc = MonteCarloVar.run(r, new MonteCarloVar.Spec(MonteCarloVar.Model.BOOTSTRAP, 1, 500_000, 3), 0.95);
        TailRisk h = ValueAtRisk.historical(r, 0.95);
        assertThat(mc.tail().get(0).var()).isCloseTo(h.var(), within(0.02 * h.var()));
        assertThat(mc.tail().get(0).method()).isEqualTo(TailRisk.Method.MONTE_CARLO_BOOTSTRAP);
    }

    @Test
    void sameSeedSameResult() {
        double[] r = Fixtures.FIVE_RETURNS;
        MonteCarloVar.Spec spec = new MonteCarloVar.Spec(MonteCarloVar.Model.NORMAL, 10, 10_000, 99);
        assertThat(MonteCarloVar.run(r, spec, 0.95).tail()).isEqualTo(MonteCarloVar.run(r, spec, 0.95).tail());
    }

    @Test
    void rejectsBadInput() {
        MonteCarloVar.Spec spec = new MonteCarloVar.Spec(MonteCarloVar.Model.NORMAL, 1, 1_000, 1);
        assertThatThrownBy(() -> MonteCarloVar.run(new double[] {0.01}, spec, 0.95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Monte Carlo VaR needs at least 2 returns, got 1");
        assertThatThrownBy(() -> new MonteCarloVar.Spec(MonteCarloVar.Model.NORMAL, 1, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Monte Carlo paths must be in [100, 20000000], got 10");
        assertThatThrownBy(() -> MonteCarloVar.run(Fixtures.FIVE_RETURNS, spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Monte Carlo VaR needs at least one confidence level");
        assertThat(MonteCarloVar.run(Fixtures.FIVE_RETURNS, spec, 0.95).tail()).hasSize(1);
    }
}
