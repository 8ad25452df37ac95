package io.rwaprime.risk.analytics;

/**
 * Beta and Pearson correlation of an asset against a benchmark, on <b>simple</b> returns
 * between consecutive common timestamps ({@link AlignedPrices}):
 * β = cov(r_a, r_b) / var(r_b), ρ = cov(r_a, r_b) / (sd(r_a)·sd(r_b)), sample moments.
 * A flat benchmark makes both undefined; a flat asset makes ρ undefined (β would be 0, but
 * the pair is reported together, so both are rejected). Either is an
 * {@link IllegalArgumentException}.
 *
 * @param beta             β of the asset on the benchmark
 * @param correlation      ρ in [−1, 1]
 * @param commonTimestamps number of common points used (returns = this − 1)
 */
public record BetaCorrelation(double beta, double correlation, int commonTimestamps) {

    /** Aligns on time (at least {@code minCommon} common timestamps) and computes β and ρ. */
    public static BetaCorrelation of(PriceSeries asset, PriceSeries benchmark, int minCommon) {
        AlignedPrices aligned = AlignedPrices.align(asset, benchmark, minCommon);
        return ofReturns(Returns.simple(aligned.firstUnsafe()), Returns.simple(aligned.secondUnsafe()));
    }

    /** β and ρ of two already aligned return series of equal length (at least 2). */
    public static BetaCorrelation ofReturns(double[] asset, double[] benchmark) {
        ValueAtRisk.checkReturns("beta", asset, 2);
        ValueAtRisk.checkReturns("beta", benchmark, 2);
        if (asset.length != benchmark.length) {
            throw new IllegalArgumentException("beta needs aligned returns of equal length, got "
                    + asset.length + " and " + benchmark.length);
        }
        double varB = Stats.variance(benchmark);
        Require.nonZeroVariance("beta", "the benchmark", varB);
        double varA = Stats.variance(asset);
        Require.nonZeroVariance("correlation", "the asset", varA);
        double cov = Stats.covariance(asset, benchmark);
        double rho = Math.max(-1.0, Math.min(1.0, cov / Math.sqrt(varA * varB)));
        return new BetaCorrelation(cov / varB, rho, asset.length + 1);
    }
}
