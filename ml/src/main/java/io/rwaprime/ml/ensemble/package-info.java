/**
 * Forecast combination and interval calibration: an inverse-MASE weighted
 * {@link io.rwaprime.ml.ensemble.EnsembleForecaster} and split-conformal intervals per
 * horizon step ({@link io.rwaprime.ml.ensemble.ConformalCalibration},
 * {@link io.rwaprime.ml.ensemble.ConformalForecaster}), both learned from rolling-origin
 * backtests on the training data.
 */
package io.rwaprime.ml.ensemble;
