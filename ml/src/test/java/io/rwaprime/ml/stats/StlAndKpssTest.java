package io.rwaprime.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StlAndKpssTest {

    @Test
    void stlSeparatesAPureSeasonalPatternFromALinearTrend() {
        int m = 12;
        double[] y = new double[10 * m];
        double[] season = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            season[i] = Math.sin(2 * Math.PI * i / m) * 5;
            y[i] = 100 + 0.3 * i + season[i];
        }
        // Two inner passes (R's non-robust default) do not fully converge; a few percent of
        // the seasonal amplitude is the expected leakage, so this is a sanity bound only.
        Stl.Decomposition d = Stl.decompose(y, m, 11);
        for (int i = m; i < y.length - m; i++) {
            assertThat(d.seasonal()[i]).isCloseTo(season[i], within(0.2));
            assertThat(d.trend()[i]).isCloseTo(100 + 0.3 * i, within(0.2));
            assertThat(d.seasonal()[i] + d.trend()[i] + d.remainder()[i]).isCloseTo(y[i], within(1e-9));
        }
        assertThat(SeasonalStrength.of(y, m)).isGreaterThan(0.99);
    }

    @Test
    void stlRejectsSeriesShorterThanTwoPeriods() {
        assertThatThrownBy(() -> Stl.decompose(new double[24], 12, 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two periods");
    }

    @Test
    void kpssRejectsLevelStationarityOfARandomWalkButNotOfWhiteNoise() {
        java.util.Random rnd = new java.util.Random(11);
        double[] noise = new double[200];
        double[] walk = new double[200];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rnd.nextGaussian();
            walk[i] = (i == 0 ? 0 : walk[i - 1]) + noise[i];
        }
        int lag = Kpss.ndiffsLag(200);
        assertThat(lag).isEqualTo(3);
        assertThat(Kpss.pValue(Kpss.statistic(walk, lag))).isLessThan(0.05);
        assertThat(Kpss.pValue(Kpss.statistic(noise, lag))).isGreaterThan(0.05);
        assertThat(Kpss.pValue(Kpss.CRITICAL_5PCT)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void normalQuantilesMatchKnownValues() {
        assertThat(Normal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-15));
        assertThat(Normal.quantile(0.9)).isCloseTo(1.2815515655446004, within(1e-15));
        assertThat(Normal.quantile(1e-10)).isCloseTo(-6.361340902404056, within(1e-12));
    }

    @Test
    void polynomialRootsOfAKnownCubic() {
        // (1 - z)(1 + z)(2 - z) = 2 - z - 2z^2 + z^3
        Polynomials.Roots r = Polynomials.roots(new double[] {2, -1, -2, 1});
        assertThat(r.minModulus()).isCloseTo(1.0, within(1e-12));
        double max = 0;
        for (int k = 0; k < 3; k++) {
            max = Math.max(max, r.modulus(k));
        }
        assertThat(max).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void bfgsMinimisesRosenbrockLikeR() {
        Bfgs bfgs = new Bfgs(p -> 100 * Math.pow(p[1] - p[0] * p[0], 2) + Math.pow(1 - p[0], 2),
                new double[] {1, 1});
        Bfgs.Result r = bfgs.minimize(new double[] {-1.2, 1}, 100);
        // optim(c(-1.2, 1), fr, method = "BFGS") without gradient reaches (0.9998, 0.9996).
        assertThat(r.par()[0]).isCloseTo(1.0, within(1e-3));
        assertThat(r.par()[1]).isCloseTo(1.0, within(1e-3));
        assertThat(Matrices.inverse(new double[][] {{1, 2}, {2, 4}})).isNull();
    }
}
