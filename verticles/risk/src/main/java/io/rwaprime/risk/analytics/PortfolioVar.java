package io.rwaprime.risk.analytics;

import java.util.Arrays;

/**
 * Parametric (delta-normal, zero-mean) portfolio VaR with Euler allocation to holdings.
 * With weights w (fractions of value, or currency amounts for a currency VaR), covariance Σ of
 * one-period returns, z = Φ⁻¹(c) and horizon h (√h scaling):
 * <pre>
 * σ_p = √(wᵀΣw),  VaR = z·σ_p·√h
 * marginal_i  = z·(Σw)_i / σ_p·√h             (∂VaR/∂w_i)
 * component_i = w_i·(Σw)_i / σ_p·z·√h = w_i·marginal_i,   Σ_i component_i = VaR
 * </pre>
 * The components sum to the total because VaR is homogeneous of degree one in w (Euler).
 * A component can be negative: that holding hedges the rest.
 *
 * @param var        total VaR
 * @param sigma      σ_p per period (not scaled by √h)
 * @param confidence c
 * @param horizon    h in periods
 * @param marginal   ∂VaR/∂w_i per holding
 * @param component  Euler component VaR per holding, summing to {@code var}
 */
public record PortfolioVar(double var, double sigma, double confidence, int horizon, double[] marginal,
                           double[] component) {

    /** Copies the arrays in. */
    public PortfolioVar {
        marginal = marginal.clone();
        component = component.clone();
    }

    @Override
    public double[] marginal() {
        return marginal.clone();
    }

    @Override
    public double[] component() {
        return component.clone();
    }

    /** Each holding's component as a share of the total (sums to 1). */
    public double[] componentShare() {
        return Arrays.stream(component).map(c -> c / var).toArray();
    }

    /** Parametric portfolio VaR and its Euler components; Σ must be square, symmetric, N × N. */
    public static PortfolioVar parametric(double[] weights, double[][] covariance, double confidence, int horizon) {
        Require.confidence(confidence);
        Require.positive("horizon", horizon);
        Require.minLength("portfolio VaR", weights, 1, "weights");
        Require.finite("portfolio VaR", weights, "weight");
        int n = weights.length;
        if (covariance == null || covariance.length != n) {
            throw new IllegalArgumentException("portfolio VaR: covariance must be " + n + " x " + n + " for "
                    + n + " weights");
        }
        for (int i = 0; i < n; i++) {
            if (covariance[i] == null || covariance[i].length != n) {
                throw new IllegalArgumentException("portfolio VaR: covariance row " + i + " must have " + n + " entries");
            }
            Require.finite("portfolio VaR", covariance[i], "covariance entry in row " + i + ",");
            for (int j = 0; j < i; j++) {
                if (Math.abs(covariance[i][j] - covariance[j][i]) > 1e-12 * (1 + Math.abs(covariance[i][j]))) {
                    throw new IllegalArgumentException("portfolio VaR: covariance is not symmetric at ("
                            + i + ", " + j + ")");
                }
            }
        }
        double[] sw = new double[n];
        double variance = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sw[i] += covariance[i][j] * weights[j];
            }
            variance += weights[i] * sw[i];
        }
        Require.nonZeroVariance("portfolio VaR", "the portfolio", variance);
        double sigma = Math.sqrt(variance);
        double scale = NormalDist.inverseCdf(confidence) * Math.sqrt(horizon) / sigma;
        double[] marginal = new double[n];
        double[] component = new double[n];
        for (int i = 0; i < n; i++) {
            marginal[i] = scale * sw[i];
            component[i] = weights[i] * marginal[i];
        }
        return new PortfolioVar(NormalDist.inverseCdf(confidence) * sigma * Math.sqrt(horizon), sigma,
                confidence, horizon, marginal, component);
    }
}
