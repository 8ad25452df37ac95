/**
 * Numerical helpers for the forecasting library: R-compatible BFGS, polynomial roots, small
 * dense linear algebra, the normal quantile, KPSS, STL and seasonal strength.
 */
package io.rwaprime.ml.stats;
