package io.rwaprime.ingestion.source;

import java.time.Duration;

/**
 * Exponential backoff with full jitter (the AWS Architecture Blog's "full jitter"): after the n-th
 * consecutive failure a source waits a uniformly random time in {@code [0, min(max, base × 2^(n−1))]}, so
 * that many clients that failed together do not retry together.
 *
 * <p>Configuration keys (in every connector): {@code backoff-base}, {@code backoff-max}, ISO-8601 durations.
 *
 * @param base the ceiling after the first failure; 1 ms to 1 h
 * @param max  the largest ceiling; at least {@code base}, at most 1 day
 */
public record Backoff(Duration base, Duration max) {

  /** Validates both components; messages start with the configuration key. */
  public Backoff {
    if (base == null || base.toMillis() < 1 || base.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("backoff-base: must be between 1 ms and 1 h, was " + base);
    }
    if (max == null || max.compareTo(base) < 0 || max.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("backoff-max: must be between backoff-base (" + base + ") and 1 day, was " + max);
    }
  }

  /** The ceiling of the wait after {@code failures} consecutive failures (at least 1). */
  public long ceilingMillis(int failures) {
    int exponent = Math.min(Math.max(failures, 1) - 1, 40);
    long ceiling = base.toMillis() << exponent;
    return ceiling <= 0 ? max.toMillis() : Math.min(max.toMillis(), ceiling);
  }

  /**
   * The wait after {@code failures} consecutive failures.
   *
   * @param uniform a random number in {@code [0, 1)}
   * @return at least 1 ms
   */
  public long delayMillis(int failures, double uniform) {
    return Math.max(1, (long) (Math.min(Math.max(uniform, 0), 1) * ceilingMillis(failures)));
  }
}
