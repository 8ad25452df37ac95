/**
 * The LSTM forecaster on TensorFlow Java 1.1.0: {@link io.rwaprime.ml.lstm.FeatureFrame} turns prices
 * and extra columns into per-step features, {@link io.rwaprime.ml.lstm.LstmModel} trains a quantile
 * (pinball) LSTM with early stopping and exports a versioned SavedModel,
 * {@link io.rwaprime.ml.lstm.LstmSavedModel} reloads it, and
 * {@link io.rwaprime.ml.lstm.LstmForecaster} plugs it into the {@code Forecaster} interface used by
 * backtests, the ensemble and the CLI. No Vert.x here: callers run training on worker threads.
 */
package io.rwaprime.ml.lstm;
