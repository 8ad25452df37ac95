package io.rwaprime.alerts.channels;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * What a channel delivers: one alert firing.
 *
 * @param id    the firing's trigger id — the idempotency key providers and receivers may use to drop a repeat
 * @param title a short title, e.g. {@code "PAXG alert"}
 * @param body  the one-line message
 * @param url   where the user should land (the dashboard's alert history), or null
 * @param data  the machine-readable event (the {@code AlertEvent} JSON)
 */
public record Notification(String id, String title, String body, String url, JsonObject data) {

  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    data = data == null ? new JsonObject() : data.copy();
  }
}
