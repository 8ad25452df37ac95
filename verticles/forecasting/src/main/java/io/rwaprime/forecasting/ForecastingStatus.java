package io.rwaprime.forecasting;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** What the forecasting role reports on {@code /health/ready}: the last round's outcome. Thread-safe. */
final class ForecastingStatus {

  private Instant lastRound;
  private int forecast;
  private int assets;
  private String lastError;

  synchronized void completed(Instant at, int forecast, int assets) {
    this.lastRound = at;
    this.forecast = forecast;
    this.assets = assets;
    this.lastError = null;
  }

  synchronized void failed(Throwable cause) {
    this.lastError = cause.getClass().getSimpleName();
  }

  synchronized JsonObject toJson() {
    return new JsonObject().put("last_round", lastRound == null ? null : lastRound.toString())
        .put("assets_forecast", forecast).put("assets_asked", assets).put("last_error", lastError);
  }
}
