package io.rwaprime.alerts.channels.push;

import io.rwaprime.alerts.channels.RetryLater;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The HTTP details the push senders share: {@code Retry-After} and the shape of a retryable failure. */
final class Http {

  /** How long one provider call may take, connect to last byte. */
  static final long TIMEOUT_MS = 15_000;
  /** Longest wait a provider may ask for; a larger {@code Retry-After} is capped. */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private Http() {
  }

  /**
   * A {@code Retry-After} value (RFC 9110 §10.2.3: delay-seconds or an HTTP-date), capped at
   * {@link #MAX_RETRY_AFTER}; null when absent or unreadable.
   */
  static Duration retryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    Duration d;
    try {
      d = Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException notSeconds) {
      try {
        d = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        d = d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
    return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
  }

  /** {@link RetryLater} when the provider said how long to wait, else a retryable {@link PushRejected}. */
  static RuntimeException retryable(String channel, int status, String reason, String retryAfter, Clock clock) {
    Duration after = retryAfter(retryAfter, clock);
    return after != null
        ? new RetryLater(channel + " answered " + status + (reason == null ? "" : ": " + reason), after)
        : new PushRejected(channel, status, reason);
  }

  /** Up to 300 characters of a response body, for a log line. */
  static String excerpt(String body) {
    if (body == null) {
      return null;
    }
    String s = body.strip();
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }
}
