/**
 * The forecasting abstraction: a {@link io.rwaprime.ml.forecast.Forecaster} fits a series
 * into a {@link io.rwaprime.ml.forecast.FittedModel} that predicts a
 * {@link io.rwaprime.ml.forecast.Forecast} (means and central intervals). Implemented here by
 * ARIMA / auto-ARIMA and forecast's baselines (naive, seasonal naive, drift); the ensemble in
 * {@code io.rwaprime.ml.ensemble} and a future LSTM plug in through the same interface.
 */
package io.rwaprime.ml.forecast;
