package io.rwaprime.ingestion.source;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. */
final class RetryAfter {

  /** Longer waits than this are cut to it: a misconfigured server must not silence a source for weeks. */
  static final long MAX_MILLIS = Duration.ofHours(6).toMillis();

  private RetryAfter() {
  }

  /**
   * The wait a {@code Retry-After} value asks for.
   *
   * @param header the header value, may be null
   * @param now    the current time, to turn an HTTP-date into a wait
   * @return milliseconds in {@code [0, MAX_MILLIS]}, or -1 when the header is absent or unreadable
   */
  static long millis(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String h = header.strip();
    if (h.chars().allMatch(Character::isDigit)) {
      if (h.length() > 9) {
        return MAX_MILLIS;
      }
      return Math.min(Long.parseLong(h) * 1000, MAX_MILLIS);
    }
    try {
      Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.clamp(Duration.between(now, at).toMillis(), 0, MAX_MILLIS);
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
