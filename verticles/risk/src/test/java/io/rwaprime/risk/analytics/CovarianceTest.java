package io.rwaprime.risk.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CovarianceTest {

    /**
     * Three assets, T = 8: the 4-period pattern below repeated twice, in units of 1 %, plus
     * means 1 %, 0 %, 2 % that demeaning removes.
     * <pre>
     * x1 =  1, −1,  1, −1
     * x2 =  1,  1, −1, −1
     * x3 =  1,  0,  0, −1
     * </pre>
     */
    private static double[][] threeAssets() {
        double[][] base = {{1, -1, 1, -1}, {1, 1, -1, -1}, {1, 0, 0, -1}};
        double[] means = {0.01, 0.0, 0.02};
        double[][] r = new double[3][8];
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < 8; t++) {
                r[i][t] = means[i] + 0.01 * base[i][t % 4];
            }
        }
        return r;
    }

    @Test
    void ledoitWolfIntensityByHand() {
        // In units of 1 %² (the intensity does not depend on the unit), with 1/T moments:
        // S: s11 = 1, s22 = 1, s33 = 2/4 = 0.5, s12 = 0, s13 = 2/4 = 0.5, s23 = 0.5
        // correlations r12 = 0, r13 = r23 = 0.5/√0.5 = 0.7071068 → r̄ = 1.4142136/3 = √2/3 = 0.4714045
        // F: f12 = r̄·1·1 = 0.4714045, f13 = f23 = r̄·√0.5 = 1/3
        // γ = 2·[(0.4714045 − 0)² + 2·(1/3 − 1/2)²] = 2·[2/9 + 2/36] = 5/9 = 0.5555556
        // π_ij = mean((x_i x_j)²) − s_ij²: π11 = 1 − 1 = 0, π22 = 0, π33 = 0.5 − 0.25 = 0.25,
        //   π12 = 1 − 0 = 1, π13 = π23 = 0.5 − 0.25 = 0.25  → π = 0.25 + 2·(1 + 0.25 + 0.25) = 3.25
        // ϑ_ii,ij = mean(x_i³ x_j) − s_ii s_ij = s_ij(1 − s_ii) since x³ = x here:
        //   only ϑ_33,31 = ϑ_33,32 = 0.5·(1 − 0.5) = 0.25 are non-zero
        // ρ = Σπ_ii + r̄·Σ_{i≠j} √(s_jj/s_ii)·ϑ_ii,ij = 0.25 + (√2/3)·2·√(1/0.5)·0.25 = 0.25 + 1/3 = 0.5833333
        // κ = (π − ρ)/γ = 2.6666667 / 0.5555556 = 4.8;  δ* = κ/T = 4.8/8 = 0.6
        ShrunkCovariance lw = Covariance.ledoitWolf(threeAssets());
        double u = 1e-4; // 1 %²
        assertThat(lw.averageCorrelation()).isCloseTo(Math.sqrt(2) / 3, within(1e-12));
        assertThat(lw.gamma() / (u * u)).isCloseTo(5.0 / 9, within(1e-9));
        assertThat(lw.pi() / (u * u)).isCloseTo(3.25, within(1e-9));
        assertThat(lw.rho() / (u * u)).isCloseTo(0.25 + 1.0 / 3, within(1e-9));
        assertThat(lw.intensity()).isCloseTo(0.6, within(1e-9));
        // Σ̂ = 0.6·F + 0.4·S: Σ̂12 = 0.6·0.4714045 = 0.2828427, Σ̂13 = 0.6/3 + 0.4·0.5 = 0.4, Σ̂11 = 1
        double[][] c = lw.covariance();
        assertThat(c[0][1] / u).isCloseTo(0.6 * Math.sqrt(2) / 3, within(1e-9));
        assertThat(c[0][2] / u).isCloseTo(0.4, within(1e-9));
        assertThat(c[0][0] / u).isCloseTo(1.0, within(1e-9));
        assertThat(c[2][2] / u).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void ledoitWolfIntensityIsClampedToOne() {
        // The same pattern once (T = 4): κ is still 4.8, κ/T = 1.2 → δ* = 1
        double[][] r = threeAssets();
        double[][] half = new double[3][];
        for (int i = 0; i < 3; i++) {
            half[i] = java.util.Arrays.copyOf(r[i], 4);
        }
        assertThat(Covariance.ledoitWolf(half).intensity()).isEqualTo(1.0);
    }

    @Test
    void ledoitWolfMatchesTheAuthorsReferenceCode() {
        // 4 assets × 60 periods from a closed formula; expected values from a NumPy port of
        // Ledoit & Wolf's covCor.m (x³ ≠ x here, which exercises the ϑ terms fully).
        int n = 4;
        int t = 60;
        double[][] r = new double[n][t];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < t; k++) {
                r[i][k] = 0.01 * Math.sin(0.37 * k * k) * (0.5 + 0.3 * i) + 0.01 * Math.sin(0.7 * k * (i + 1) + i)
                        + 0.005 * Math.pow(Math.cos(1.9 * k + 2 * i), 3);
            }
        }
        ShrunkCovariance lw = Covariance.ledoitWolf(r);
        assertThat(lw.intensity()).isCloseTo(0.8159863309769582, within(1e-9));
        assertThat(lw.pi()).isCloseTo(1.87677893737769e-07, within(1e-17));
        assertThat(lw.rho()).isCloseTo(8.470538407915673e-08, within(1e-17));
        assertThat(lw.gamma()).isCloseTo(2.103231915975155e-09, within(1e-19));
        assertThat(lw.averageCorrelation()).isCloseTo(0.3457933660922687, within(1e-9));
        assertThat(lw.covariance()[0][1]).isCloseTo(2.51388882e-05, within(1e-12));
        assertThat(lw.covariance()[3][3]).isCloseTo(1.39786757e-04, within(1e-12));
    }

    @Test
    void twoAssetsNeedNoShrinkage() {
        // With N = 2 the constant-correlation target equals S, γ = 0, and δ* is defined as 0.
        ShrunkCovariance lw = Covariance.ledoitWolf(new double[][] {{0.01, -0.02, 0.03}, {0.02, 0.01, -0.01}});
        assertThat(lw.intensity()).isZero();
    }

    @Test
    void sampleCovarianceUsesNMinusOne() {
        // x = 1, 2, 3 (mean 2), y = 2, 4, 7 (mean 13/3): Σ(x−x̄)² = 2 → 1; Σ(x−x̄)(y−ȳ) = 5 → 2.5
        double[][] s = Covariance.sample(new double[][] {{1, 2, 3}, {2, 4, 7}});
        assertThat(s[0][0]).isCloseTo(1.0, within(1e-15));
        assertThat(s[0][1]).isCloseTo(2.5, within(1e-15));
        assertThat(s[1][0]).isEqualTo(s[0][1]);
    }

    @Test
    void rejectsBadShapes() {
        assertThatThrownBy(() -> Covariance.ledoitWolf(new double[][] {{0.01, 0.02}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Ledoit-Wolf shrinkage needs at least 2 assets, got 1");
        assertThatThrownBy(() -> Covariance.sample(new double[][] {{0.01, 0.02}, {0.01}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample covariance (asset 1) needs at least 2 returns, got 1");
        assertThatThrownBy(() -> Covariance.sample(new double[][] {{0.01, 0.02, 0.0}, {0.01, 0.02}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample covariance: asset 1 has 2 returns, asset 0 has 3 (align them on time first)");
        assertThatThrownBy(() -> Covariance.ledoitWolf(new double[][] {{0.01, 0.01, 0.01}, {0.01, 0.02, 0.03}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Ledoit-Wolf shrinkage is undefined: asset 0 has zero variance (all returns equal)");
    }
}
