package io.rwaprime.risk;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** What the risk role's readiness check shows: the last completed round and the last failure. */
final class RiskStatus {

  private volatile Instant lastRound;
  private volatile int lastAssets;
  private volatile String lastError;

  void completed(Instant at, int assets) {
    lastRound = at;
    lastAssets = assets;
    lastError = null;
  }

  void failed(Throwable cause) {
    lastError = cause.getClass().getSimpleName();
  }

  JsonObject toJson() {
    return new JsonObject().put("last_round", lastRound == null ? null : lastRound.toString())
        .put("assets", lastAssets).put("last_error", lastError);
  }
}
