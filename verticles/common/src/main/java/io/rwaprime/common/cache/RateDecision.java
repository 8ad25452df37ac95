package io.rwaprime.common.cache;

/**
 * The answer of a token bucket: whether this request may go on, the bucket's size, the whole tokens left, when
 * the bucket will be full again and, when refused, how long until one token is back.
 */
public record RateDecision(boolean allowed, int limit, int remaining, long resetMillis, long retryAfterMillis) {

  /** Whole seconds, rounded up, for the {@code RateLimit-Reset} and {@code Retry-After} headers. */
  public static long seconds(long millis) {
    return Math.max(0, (millis + 999) / 1000);
  }
}
