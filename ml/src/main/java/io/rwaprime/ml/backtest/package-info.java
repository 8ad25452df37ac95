/**
 * Rolling-origin backtests of any {@link io.rwaprime.ml.forecast.Forecaster}:
 * {@link io.rwaprime.ml.backtest.Backtest} produces a
 * {@link io.rwaprime.ml.backtest.BacktestResult}; {@link io.rwaprime.ml.backtest.Accuracy}
 * and {@link io.rwaprime.ml.backtest.SignStrategy} summarise it.
 */
package io.rwaprime.ml.backtest;
