/**
 * Seasonal ARIMA modelling ported from R's {@code stats::arima} and the forecast package:
 * {@link io.rwaprime.ml.arima.Arima} fits a given {@link io.rwaprime.ml.arima.ArimaSpec},
 * {@link io.rwaprime.ml.arima.AutoArima} chooses the orders, and
 * {@link io.rwaprime.ml.arima.ArimaFit#forecast(int, double...)} predicts with intervals.
 * Plain Java with no dependencies; the heavy numerics are CPU-bound, so callers on an event
 * loop must run them on a worker.
 */
package io.rwaprime.ml.arima;
