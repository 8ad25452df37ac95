package io.rwaprime.ml.arima;

/** Fitting methods of R's {@code arima}. */
public enum EstimationMethod {
    /** Conditional sum of squares for starting values, then exact maximum likelihood. */
    CSS_ML,
    /** Exact maximum likelihood from zero starting values. */
    ML,
    /** Conditional sum of squares only; no likelihood, so no information criteria. */
    CSS
}
