/**
 * The forecasting role: per-asset price forecasts from the {@code ml} library (auto-ARIMA, naive and drift in a
 * calibrated ensemble), scheduled, on demand and on degraded live error, stored, cached and published.
 */
package io.rwaprime.forecasting;
