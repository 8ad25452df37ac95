package io.rwaprime.alerts.channels;

import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What a plain HTTP status means for a delivery, in the terms of {@link Sender}:
 * <ul>
 *   <li>2xx: delivered;</li>
 *   <li>429: {@link RetryLater} after {@code Retry-After} (seconds or an HTTP date; {@link #DEFAULT_RETRY_AFTER} when
 *   absent or unreadable, capped at {@link #MAX_RETRY_AFTER});</li>
 *   <li>408 (timeout), 425 (too early) and 5xx: a retryable failure — the receiver may recover;</li>
 *   <li>301 and 308 (moved permanently): {@link PermanentFailure} — the URL must be changed; other 3xx: a retryable
 *   failure (redirects are never followed: a redirect could lead anywhere, past the checks made on the URL);</li>
 *   <li>any other 4xx, 410 (gone) included: {@link PermanentFailure} — the receiver refused this request, and sending
 *   the same bytes again would get the same answer;</li>
 *   <li>anything else (1xx, non-standard codes): a retryable failure.</li>
 * </ul>
 * Retryable failures are plain {@link RuntimeException}s (never {@link IllegalStateException}).
 */
public final class HttpOutcome {

  /** The wait when a 429 names none. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
  /** The longest wait honoured: a provider asking for more is retried after this. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private HttpOutcome() {
  }

  /**
   * The outcome of an answer with {@code status}; {@code what} names the receiver in failure messages (never put a
   * secret in it), {@code retryAfter} is the {@code Retry-After} header or null.
   */
  public static Future<Void> of(String what, int status, String retryAfter, Instant now) {
    if (status >= 200 && status < 300) {
      return Future.succeededFuture();
    }
    String answered = what + " answered HTTP " + status;
    if (status == 429) {
      Duration after = retryAfter(retryAfter, now);
      return Future.failedFuture(new RetryLater(answered + ", retry after " + after.toSeconds() + " s", after));
    }
    if (status == 301 || status == 308) {
      return Future.failedFuture(new PermanentFailure(answered + " (moved permanently; redirects are not followed)"));
    }
    if (status >= 400 && status < 500 && status != 408 && status != 425) {
      return Future.failedFuture(new PermanentFailure(answered));
    }
    String note = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
    return Future.failedFuture(new RuntimeException(answered + note));
  }

  /**
   * A {@code Retry-After} value — delay seconds or an HTTP date — as a wait from {@code now}, at least 1 s and at
   * most {@link #MAX_RETRY_AFTER}; {@link #DEFAULT_RETRY_AFTER} when null or unreadable.
   */
  public static Duration retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return DEFAULT_RETRY_AFTER;
    }
    String v = value.trim();
    Duration after;
    if (v.chars().allMatch(Character::isDigit)) {
      after = v.length() > 9 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(v));
    } else {
      try {
        after = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (DateTimeParseException e) {
        return DEFAULT_RETRY_AFTER;
      }
    }
    return clamp(after);
  }

  /** {@code after} between 1 s and {@link #MAX_RETRY_AFTER}. */
  public static Duration clamp(Duration after) {
    if (after.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return after.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : after;
  }
}
