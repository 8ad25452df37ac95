package io.rwaprime.alerts;

import java.util.ArrayDeque;

/**
 * Volume spike of one asset: the volume traded in the last {@code window} divided by the average volume per window
 * over the {@link #BASELINE} before it ({@code 3.0} = three times the usual). Two running sums over one deque of
 * (time, volume) samples: each sample is added and dropped once, O(1) amortized. NaN until a whole baseline is
 * known or while the baseline traded nothing. Not thread-safe.
 */
final class VolumeRatio {

  static final long BASELINE = 24 * 3600 * 1000L;

  private record Sample(long time, double volume) {}

  private final long window;
  /** Samples of [now − window − baseline, now]; the recent ones (last window) are the tail. */
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private final ArrayDeque<Sample> recent = new ArrayDeque<>();
  private double recentSum;
  private double baselineSum;
  private long first = Long.MIN_VALUE;

  VolumeRatio(long windowMillis) {
    if (windowMillis <= 0 || windowMillis >= BASELINE) {
      throw new IllegalArgumentException("window must be in (0, 24 h), was " + windowMillis + " ms");
    }
    this.window = windowMillis;
  }

  /** Adds a trade and returns the current ratio (NaN while unknown); out-of-order samples are refused (NaN). */
  double update(long time, double volume) {
    if (!Double.isFinite(volume) || volume < 0 || (!recent.isEmpty() && time < recent.peekLast().time())) {
      return Double.NaN;
    }
    if (first == Long.MIN_VALUE) {
      first = time;
    }
    recent.addLast(new Sample(time, volume));
    recentSum += volume;
    // recent samples that left the window move to the baseline
    while (!recent.isEmpty() && recent.peekFirst().time() <= time - window) {
      Sample s = recent.pollFirst();
      recentSum -= s.volume();
      samples.addLast(s);
      baselineSum += s.volume();
    }
    // baseline samples older than the baseline leave
    while (!samples.isEmpty() && samples.peekFirst().time() <= time - window - BASELINE) {
      baselineSum -= samples.pollFirst().volume();
    }
    if (time - first < window + BASELINE || baselineSum <= 0) {
      return Double.NaN;
    }
    return recentSum / (baselineSum * window / BASELINE);
  }
}
