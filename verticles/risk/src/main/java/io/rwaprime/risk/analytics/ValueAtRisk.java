package io.rwaprime.risk.analytics;

/**
 * Historical, parametric-normal and Cornish–Fisher VaR/CVaR on <b>simple</b> returns.
 * Monte Carlo lives in {@link MonteCarloVar}.
 *
 * <p>Horizon rule for h &gt; 1 periods:
 * <ul>
 *   <li>historical: the empirical quantile of <b>overlapping h-period returns</b>
 *       P[t+h]/P[t] − 1 (no √h scaling);</li>
 *   <li>parametric normal: mean × h and sd × √h (iid returns, the square-root-of-time rule);</li>
 *   <li>Cornish–Fisher: the cumulants of a sum of h iid returns — mean × h, sd × √h,
 *       skewness / √h, excess kurtosis / h.</li>
 * </ul>
 *
 * <p>Minimum lengths: {@value #MIN_RETURNS} returns for historical and parametric (the sample
 * sd needs two), {@value #MIN_RETURNS_CORNISH_FISHER} for Cornish–Fisher (kurtosis needs four).
 * These are mathematical minima; estimates from so few points are noisy, and callers should
 * set a practical minimum in configuration.
 */
public final class ValueAtRisk {

    /** Fewest returns historical and parametric VaR accept. */
    public static final int MIN_RETURNS = 2;
    /** Fewest returns Cornish–Fisher VaR accepts. */
    public static final int MIN_RETURNS_CORNISH_FISHER = 4;
    /** Midpoint nodes for the Cornish–Fisher tail integral. */
    private static final int CF_TAIL_NODES = 20_000;

    private ValueAtRisk() {
    }

    /**
     * Historical VaR/CVaR over h periods from prices: the lower empirical quantile
     * ({@link TailRisk.Method#HISTORICAL}) of the n − h overlapping h-period simple returns.
     * Needs at least h + {@value #MIN_RETURNS} prices.
     */
    public static TailRisk historical(PriceSeries prices, double confidence, int horizon) {
        Require.confidence(confidence);
        Require.positive("horizon", horizon);
        if (prices.size() < horizon + MIN_RETURNS) {
            throw new IllegalArgumentException("historical VaR over " + horizon + " periods needs at least "
                    + (horizon + MIN_RETURNS) + " prices (" + MIN_RETURNS + " overlapping returns), got "
                    + prices.size());
        }
        double[] r = Returns.overlapping(prices.pricesUnsafe(), horizon);
        double[] vc = EmpiricalTail.varCvarSortingInPlace(r, confidence);
        return new TailRisk(TailRisk.Method.HISTORICAL, confidence, horizon, vc[0], vc[1]);
    }

    /** One-period historical VaR/CVaR of the given returns (lower empirical quantile). */
    public static TailRisk historical(double[] returns, double confidence) {
        Require.confidence(confidence);
        checkReturns("historical VaR", returns, MIN_RETURNS);
        double[] vc = EmpiricalTail.varCvarSortingInPlace(returns.clone(), confidence);
        return new TailRisk(TailRisk.Method.HISTORICAL, confidence, 1, vc[0], vc[1]);
    }

    /** Parametric normal VaR/CVaR of the simple returns of {@code prices}. */
    public static TailRisk parametricNormal(PriceSeries prices, double confidence, int horizon) {
        return parametricNormal(prices.simpleReturns(), confidence, horizon);
    }

    /**
     * Parametric normal VaR/CVaR: with μ, σ the sample mean and sd of one-period returns and
     * z = Φ⁻¹(1 − c) (negative), VaR = −(hμ + zσ√h) and CVaR = −hμ + σ√h·φ(z)/(1 − c).
     */
    public static TailRisk parametricNormal(double[] returns, double confidence, int horizon) {
        Require.confidence(confidence);
        Require.positive("horizon", horizon);
        checkReturns("parametric VaR", returns, MIN_RETURNS);
        double mu = Stats.mean(returns) * horizon;
        double sigma = Stats.stdDev(returns) * Math.sqrt(horizon);
        double z = NormalDist.inverseCdf(1.0 - confidence);
        double var = -(mu + z * sigma);
        double cvar = -mu + sigma * NormalDist.pdf(z) / (1.0 - confidence);
        return new TailRisk(TailRisk.Method.PARAMETRIC_NORMAL, confidence, horizon, var, cvar);
    }

    /** Cornish–Fisher VaR/CVaR of the simple returns of {@code prices}. */
    public static TailRisk cornishFisher(PriceSeries prices, double confidence, int horizon) {
        return cornishFisher(prices.simpleReturns(), confidence, horizon);
    }

    /**
     * Cornish–Fisher (modified) VaR. With z = Φ⁻¹(1 − c), S the skewness and K the excess
     * kurtosis of the returns (both scaled to the horizon, see the class comment):
     * <pre>z_cf = z + (z² − 1)·S/6 + (z³ − 3z)·K/24 − (2z³ − 5z)·S²/36,  VaR = −(hμ + z_cf·σ√h)</pre>
     * CVaR is the mean of the Cornish–Fisher quantile over the tail,
     * −(1/α)∫₀^α (hμ + z_cf(p)·σ√h) dp with α = 1 − c, integrated numerically (midpoint rule
     * on p = α·u², 20 000 nodes); with S = K = 0 it equals the normal CVaR.
     * Zero variance is rejected (skewness is undefined).
     *
     * <p>The expansion is a valid quantile function only while z_cf increases with z; strongly
     * negative excess kurtosis or large skewness break that (Maillard 2012), and then CVaR can
     * come out below VaR. Check {@link #cornishFisherIsMonotone} and prefer historical or
     * Monte Carlo figures when it is false.
     */
    public static TailRisk cornishFisher(double[] returns, double confidence, int horizon) {
        Require.confidence(confidence);
        Require.positive("horizon", horizon);
        checkReturns("Cornish-Fisher VaR", returns, MIN_RETURNS_CORNISH_FISHER);
        double mu = Stats.mean(returns) * horizon;
        double sigma = Stats.stdDev(returns) * Math.sqrt(horizon);
        double skew = Stats.skewness(returns) / Math.sqrt(horizon);
        double kurt = Stats.excessKurtosis(returns) / horizon;
        double alpha = 1.0 - confidence;
        double var = -(mu + cornishFisherZ(NormalDist.inverseCdf(alpha), skew, kurt) * sigma);
        double cvar = -(mu + cornishFisherTailMeanZ(alpha, skew, kurt) * sigma);
        return new TailRisk(TailRisk.Method.CORNISH_FISHER, confidence, horizon, var, cvar);
    }

    /**
     * Whether the Cornish–Fisher quantile increases with z over the whole tail p ∈ (0, 1 − c],
     * tested down to p = 1e-12: dz_cf/dz = 1 + zS/3 + (z² − 1)K/8 − (6z² − 5)S²/36 &gt; 0.
     */
    public static boolean cornishFisherIsMonotone(double skewness, double excessKurtosis, double confidence) {
        Require.confidence(confidence);
        double zHigh = NormalDist.inverseCdf(1.0 - confidence);
        double zLow = NormalDist.inverseCdf(1e-12);
        for (int i = 0; i <= 1000; i++) {
            double z = zLow + (zHigh - zLow) * i / 1000.0;
            double z2 = z * z;
            double slope = 1 + z * skewness / 3 + (z2 - 1) * excessKurtosis / 8
                    - (6 * z2 - 5) * skewness * skewness / 36;
            if (slope <= 0) {
                return false;
            }
        }
        return true;
    }

    /** (1/α)∫₀^α z_cf(Φ⁻¹(p)) dp: the mean Cornish–Fisher quantile over the tail. */
    static double cornishFisherTailMeanZ(double alpha, double skew, double kurt) {
        // p = α·u², dp = 2α·u du: the substitution tames the singularity of Φ⁻¹ at p = 0.
        double sum = 0;
        for (int i = 0; i < CF_TAIL_NODES; i++) {
            double u = (i + 0.5) / CF_TAIL_NODES;
            sum += cornishFisherZ(NormalDist.inverseCdf(alpha * u * u), skew, kurt) * 2 * u;
        }
        return sum / CF_TAIL_NODES;
    }

    /** The Cornish–Fisher adjusted quantile z_cf for a normal quantile z. */
    public static double cornishFisherZ(double z, double skewness, double excessKurtosis) {
        double z2 = z * z;
        double z3 = z2 * z;
        return z + (z2 - 1) * skewness / 6 + (z3 - 3 * z) * excessKurtosis / 24
                - (2 * z3 - 5 * z) * skewness * skewness / 36;
    }

    static void checkReturns(String metric, double[] returns, int min) {
        Require.minLength(metric, returns, min, "returns");
        Require.finite(metric, returns, "return");
    }
}
