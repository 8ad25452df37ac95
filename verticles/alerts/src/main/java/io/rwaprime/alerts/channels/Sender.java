package io.rwaprime.alerts.channels;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * One delivery channel to an outside provider (Telegram, a webhook, FCM, APNs, Web Push). {@link #send} succeeds when
 * the provider accepted the notification; it fails with {@link PermanentFailure} when this destination can never work
 * (a revoked device token, a bot the user blocked, a refused URL: the caller stops retrying and prunes it), with
 * {@link RetryLater} when the provider asked to wait, and with any other exception for a retryable failure.
 * Implementations never block the event loop.
 */
public interface Sender {

  /** The channel name stored with destinations and outbox rows, e.g. {@code telegram}. */
  String channel();

  /**
   * Delivers {@code n} to {@code destination} (the channel's own JSON form, e.g. {@code {"chat_id": "…"}} for
   * Telegram, {@code {"url", "secret"}} for a webhook, {@code {"token"}} for FCM/APNs, {@code {"endpoint", "keys":
   * {"p256dh", "auth"}}} for Web Push).
   */
  Future<Void> send(Notification n, JsonObject destination);

  /** Releases the sender's connections. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
