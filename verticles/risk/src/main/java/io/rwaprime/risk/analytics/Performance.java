package io.rwaprime.risk.analytics;

/**
 * Annualized volatility, Sharpe and Sortino ratios. P is the number of return periods per year
 * (252 for exchange-traded daily data, 365 for tokens that trade every day, 8760 for hourly).
 *
 * <ul>
 *   <li>Volatility: sample sd of <b>log</b> returns × √P.</li>
 *   <li>Sharpe: (mean(r) − rf/P) / sd(r) × √P on <b>simple</b> returns, sd the sample one,
 *       rf the annual risk-free rate de-annualized linearly.</li>
 *   <li>Sortino: (mean(r) − T) / DD × √P on simple returns with T = target/P and downside
 *       deviation DD = √( Σ min(0, rᵢ − T)² / N ) over <b>all N</b> returns.</li>
 * </ul>
 * Each needs at least {@value #MIN_RETURNS} returns; zero variance (Sharpe) or no return
 * below the target (Sortino) is an {@link IllegalArgumentException}, never Infinity or NaN.
 */
public final class Performance {

    /** Fewest returns (so prices − 1) the ratios accept. */
    public static final int MIN_RETURNS = 2;

    private Performance() {
    }

    /** Annualized volatility of log returns: sd × √periodsPerYear. */
    public static double annualizedVolatility(PriceSeries prices, double periodsPerYear) {
        return annualizedVolatility(prices.logReturns(), periodsPerYear);
    }

    /** Annualized volatility of the given returns: sample sd × √periodsPerYear. */
    public static double annualizedVolatility(double[] returns, double periodsPerYear) {
        Require.periodsPerYear(periodsPerYear);
        ValueAtRisk.checkReturns("volatility", returns, MIN_RETURNS);
        return Stats.stdDev(returns) * Math.sqrt(periodsPerYear);
    }

    /** Annualized Sharpe ratio of the simple returns of {@code prices}. */
    public static double sharpe(PriceSeries prices, double riskFreeAnnual, double periodsPerYear) {
        return sharpe(prices.simpleReturns(), riskFreeAnnual, periodsPerYear);
    }

    /** Annualized Sharpe ratio: (mean(r) − rf/P) / sd(r) × √P. */
    public static double sharpe(double[] returns, double riskFreeAnnual, double periodsPerYear) {
        Require.periodsPerYear(periodsPerYear);
        Require.finite("riskFreeRate", riskFreeAnnual);
        ValueAtRisk.checkReturns("Sharpe ratio", returns, MIN_RETURNS);
        double variance = Stats.variance(returns);
        Require.nonZeroVariance("Sharpe ratio", "the return series", variance);
        double excess = Stats.mean(returns) - riskFreeAnnual / periodsPerYear;
        return excess / Math.sqrt(variance) * Math.sqrt(periodsPerYear);
    }

    /** Annualized Sortino ratio of the simple returns of {@code prices}. */
    public static double sortino(PriceSeries prices, double targetAnnual, double periodsPerYear) {
        return sortino(prices.simpleReturns(), targetAnnual, periodsPerYear);
    }

    /** Annualized Sortino ratio: (mean(r) − T) / DD × √P, T = targetAnnual / P. */
    public static double sortino(double[] returns, double targetAnnual, double periodsPerYear) {
        Require.periodsPerYear(periodsPerYear);
        Require.finite("target", targetAnnual);
        ValueAtRisk.checkReturns("Sortino ratio", returns, MIN_RETURNS);
        double target = targetAnnual / periodsPerYear;
        double dd = downsideDeviation(returns, target);
        if (!(dd * dd > Require.ZERO_VARIANCE)) {
            throw new IllegalArgumentException(
                    "Sortino ratio is undefined: no return is below the target " + target + " per period");
        }
        return (Stats.mean(returns) - target) / dd * Math.sqrt(periodsPerYear);
    }

    /** Downside deviation √( Σ min(0, rᵢ − target)² / N ) with all N returns in the denominator. */
    public static double downsideDeviation(double[] returns, double targetPerPeriod) {
        ValueAtRisk.checkReturns("downside deviation", returns, 1);
        double s = 0;
        for (double r : returns) {
            double d = Math.min(0.0, r - targetPerPeriod);
            s += d * d;
        }
        return Math.sqrt(s / returns.length);
    }
}
