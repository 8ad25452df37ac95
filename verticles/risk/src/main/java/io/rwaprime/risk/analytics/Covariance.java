package io.rwaprime.risk.analytics;

/**
 * Covariance matrices of N assets' returns. Input is {@code returns[asset][period]}: N rows
 * of equal length T, already aligned on time (use {@link AlignedPrices} or equivalent).
 *
 * <p>{@link #ledoitWolf} is the shrinkage of Ledoit &amp; Wolf (2004), "Honey, I shrunk the
 * sample covariance matrix", J. Portfolio Management 30(4), towards the <b>constant-correlation</b>
 * target, with the analytic optimal intensity of that paper (as in the authors' {@code covCor.m}):
 * <pre>
 * x = returns demeaned per asset;  s_ij = (1/T) Σ_t x_it x_jt        (the paper's S uses 1/T)
 * r̄ = 2/(N(N−1)) Σ_{i&lt;j} s_ij / √(s_ii s_jj);  F_ii = s_ii,  F_ij = r̄ √(s_ii s_jj)
 * π̂ = Σ_ij (1/T) Σ_t (x_it x_jt − s_ij)²
 * ϑ̂_ii,ij = (1/T) Σ_t (x_it² − s_ii)(x_it x_jt − s_ij)
 * ρ̂ = Σ_i π̂_ii + r̄ Σ_{i≠j} √(s_jj/s_ii) ϑ̂_ii,ij
 * γ̂ = Σ_ij (F_ij − s_ij)²;  κ̂ = (π̂ − ρ̂)/γ̂;  δ* = max(0, min(1, κ̂/T))
 * Σ̂ = δ* F + (1 − δ*) S
 * </pre>
 * When γ̂ ≈ 0 (≤ 1e-20·‖S‖²: S already has constant correlation, always so for N = 2) the
 * target equals S and δ* is reported as 0.
 */
public final class Covariance {

    /** γ̂ below this fraction of ‖S‖² (a relative distance of 1e-10) means F = S. */
    private static final double TARGET_EQUALS_SAMPLE = 1e-20;

    private Covariance() {
    }

    /** Sample covariance matrix with the n − 1 denominator; T ≥ 2, N ≥ 1. */
    public static double[][] sample(double[][] returns) {
        double[][] x = demeaned("sample covariance", returns, 1, 2);
        int n = x.length;
        int t = x[0].length;
        double[][] s = crossProduct(x);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] /= (t - 1);
            }
        }
        return s;
    }

    /** Ledoit–Wolf (2004) constant-correlation shrinkage; N ≥ 2 assets, T ≥ 2 periods, no flat asset. */
    public static ShrunkCovariance ledoitWolf(double[][] returns) {
        double[][] x = demeaned("Ledoit-Wolf shrinkage", returns, 2, 2);
        int n = x.length;
        int t = x[0].length;
        double[][] s = crossProduct(x);
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] /= t;
            }
        }
        for (int i = 0; i < n; i++) {
            Require.nonZeroVariance("Ledoit-Wolf shrinkage", "asset " + i, s[i][i]);
            sd[i] = Math.sqrt(s[i][i]);
        }
        double sumCorr = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sumCorr += s[i][j] / (sd[i] * sd[j]);
            }
        }
        double rBar = 2.0 * sumCorr / (n * (n - 1.0));
        double[][] f = new double[n][n];
        double gamma = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                f[i][j] = i == j ? s[i][i] : rBar * sd[i] * sd[j];
                gamma += (f[i][j] - s[i][j]) * (f[i][j] - s[i][j]);
            }
        }
        double pi = 0;
        double rho = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double piIj = 0;
                double thetaIiIj = 0;
                for (int k = 0; k < t; k++) {
                    double xy = x[i][k] * x[j][k] - s[i][j];
                    piIj += xy * xy;
                    thetaIiIj += (x[i][k] * x[i][k] - s[i][i]) * xy;
                }
                piIj /= t;
                thetaIiIj /= t;
                pi += piIj;
                rho += i == j ? piIj : rBar * (sd[j] / sd[i]) * thetaIiIj;
            }
        }
        double sampleNorm = 0;
        for (double[] row : s) {
            for (double v : row) {
                sampleNorm += v * v;
            }
        }
        // F = S up to round-off (always so for N = 2): nothing to shrink, and κ would be noise / noise.
        boolean targetIsSample = gamma <= TARGET_EQUALS_SAMPLE * sampleNorm;
        double intensity = targetIsSample ? 0.0 : Math.max(0.0, Math.min(1.0, (pi - rho) / gamma / t));
        double[][] shrunk = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                shrunk[i][j] = intensity * f[i][j] + (1 - intensity) * s[i][j];
            }
        }
        return new ShrunkCovariance(shrunk, s, f, intensity, rBar, pi, rho, gamma);
    }

    private static double[][] crossProduct(double[][] x) {
        int n = x.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < x[i].length; k++) {
                    sum += x[i][k] * x[j][k];
                }
                s[i][j] = sum;
                s[j][i] = sum;
            }
        }
        return s;
    }

    private static double[][] demeaned(String metric, double[][] returns, int minAssets, int minPeriods) {
        if (returns == null || returns.length < minAssets) {
            throw new IllegalArgumentException(metric + " needs at least " + minAssets + " assets, got "
                    + (returns == null ? 0 : returns.length));
        }
        double[][] x = new double[returns.length][];
        for (int i = 0; i < returns.length; i++) {
            Require.minLength(metric + " (asset " + i + ")", returns[i], minPeriods, "returns");
            if (returns[i].length != returns[0].length) {
                throw new IllegalArgumentException(metric + ": asset " + i + " has " + returns[i].length
                        + " returns, asset 0 has " + returns[0].length + " (align them on time first)");
            }
            Require.finite(metric + " (asset " + i + ")", returns[i], "return");
            double m = Stats.mean(returns[i]);
            x[i] = new double[returns[i].length];
            for (int k = 0; k < x[i].length; k++) {
                x[i][k] = returns[i][k] - m;
            }
        }
        return x;
    }
}
