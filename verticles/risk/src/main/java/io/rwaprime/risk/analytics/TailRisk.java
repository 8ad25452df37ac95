package io.rwaprime.risk.analytics;

/**
 * One VaR/CVaR estimate. Both are positive loss fractions of the position value over
 * {@code horizonPeriods} periods (0.031 = 3.1 % loss); CVaR (expected shortfall) is the mean
 * loss beyond VaR, so {@code cvar ≥ var} for every method here.
 *
 * @param method         how it was estimated
 * @param confidence     VaR level c, e.g. 0.95 or 0.99
 * @param horizonPeriods holding period h in return periods (1 or 10 days for daily data)
 * @param var            value at risk
 * @param cvar           conditional value at risk (expected shortfall)
 */
public record TailRisk(Method method, double confidence, int horizonPeriods, double var, double cvar) {

    /** Estimation methods; RISK-DEFINITIONS.md gives each formula. */
    public enum Method {
        /** Lower empirical quantile of (overlapping h-period) simple returns. */
        HISTORICAL,
        /** Normal distribution with the sample mean and sd of simple returns, √h scaling. */
        PARAMETRIC_NORMAL,
        /** Cornish–Fisher expansion of the normal quantile with sample skewness and excess kurtosis. */
        CORNISH_FISHER,
        /** Simulated h-period compounded paths from normal draws. */
        MONTE_CARLO_NORMAL,
        /** Simulated h-period compounded paths from bootstrap draws of historical returns. */
        MONTE_CARLO_BOOTSTRAP
    }

    /** Validates the record: finite numbers, a horizon of at least one period. */
    public TailRisk {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        Require.confidence(confidence);
        Require.positive("horizonPeriods", horizonPeriods);
        Require.finite("var", var);
        Require.finite("cvar", cvar);
    }
}
