package io.rwaprime.alerts.channels;

import java.time.Duration;

/** The provider asked the sender to wait (HTTP 429 / Retry-After, Telegram's {@code retry_after}). */
public final class RetryLater extends RuntimeException {

  private final Duration after;

  public RetryLater(String message, Duration after) {
    super(message);
    this.after = after;
  }

  public Duration after() {
    return after;
  }
}
