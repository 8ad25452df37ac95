package io.rwaprime.alerts.channels.push;

/**
 * A push provider refused or failed a request for a reason that may pass (a 5xx, a 429 without {@code Retry-After},
 * an expired or refused credential, a malformed request of ours): under the {@link io.rwaprime.alerts.channels.Sender}
 * contract, a retryable failure. It keeps the HTTP status and the provider's reason for the delivery log.
 */
public final class PushRejected extends RuntimeException {

  private final int status;
  private final String reason;

  public PushRejected(String channel, int status, String reason) {
    super(channel + " answered " + status + (reason == null || reason.isBlank() ? "" : ": " + reason));
    this.status = status;
    this.reason = reason;
  }

  /** The HTTP status (0 when the failure came before a response). */
  public int status() {
    return status;
  }

  /** The provider's reason (e.g. APNs {@code TooManyRequests}, FCM {@code QUOTA_EXCEEDED}), or null. */
  public String reason() {
    return reason;
  }
}
