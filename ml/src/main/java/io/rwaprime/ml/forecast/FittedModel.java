package io.rwaprime.ml.forecast;

import java.util.Map;

/**
 * A model fitted to one series, ready to forecast. Likelihood-based statistics are NaN for
 * models that have none (the baselines, ensembles); callers print them as null.
 */
public interface FittedModel {

    /** The model as R's forecast package names it, e.g. {@code ARIMA(0,1,1)(0,1,1)[12]}. */
    String model();

    /** Estimated coefficients by name (ensemble: member weights); empty when there are none. */
    Map<String, Double> coefficients();

    /** Innovation (one-step) variance, or NaN. */
    double sigma2();

    /** Log-likelihood, or NaN. */
    default double loglik() {
        return Double.NaN;
    }

    /** AIC, or NaN. */
    default double aic() {
        return Double.NaN;
    }

    /** AICc, or NaN. */
    default double aicc() {
        return Double.NaN;
    }

    /** BIC, or NaN. */
    default double bic() {
        return Double.NaN;
    }

    /**
     * Forecasts {@code h} steps after the fitted series with intervals at {@code levels}
     * percent (80 and 95 when none are given).
     *
     * @throws IllegalArgumentException for h &lt; 1 or a level outside (0, 100)
     */
    Forecast forecast(int h, double... levels);
}
