package io.rwaprime.alerts.index;

/**
 * Turns one series of (time, value) — one symbol's prices, say — into its relative change over a window:
 * {@code value / base − 1}, where {@code base} is the latest value observed at or before {@code time − window}.
 * A rule "moves more than 3 % within an hour" is then a {@link ThresholdIndex} on this derived metric (ABOVE 0.03
 * and BELOW −0.03), fed with what {@link #update} returns. Keep one instance per symbol (and window).
 *
 * <p>The samples since the base are kept in a ring buffer; each sample is appended once and dropped once, so an
 * update costs {@code O(1)} amortized, and memory is the number of samples in one window. <b>Not thread-safe.</b>
 */
public final class WindowChange {

  private final long window;
  private long[] times = new long[16];
  private double[] values = new double[16];
  /** Index of the oldest sample kept; samples are {@code head .. head + size − 1} modulo the capacity. */
  private int head;
  private int size;

  /**
   * @param window the window, in the unit of the times given to {@link #update} (e.g. milliseconds); {@code > 0}
   */
  public WindowChange(long window) {
    if (window <= 0) {
      throw new IllegalArgumentException("window must be > 0 (was " + window + ")");
    }
    this.window = window;
  }

  /**
   * Records {@code value} at {@code time} and returns the change over the window as a fraction ({@code 0.05} =
   * +5 %), or NaN — which {@link ThresholdRules#observe} ignores — while no sample is at least one window old, when
   * that base sample is 0, or when the sample is refused. Samples with a time earlier than the latest one, and NaN or
   * infinite values, are refused (not recorded). Equal times are fine.
   */
  public double update(long time, double value) {
    if (!Double.isFinite(value) || (size > 0 && time < times[at(size - 1)])) {
      return Double.NaN;
    }
    append(time, value);
    long cutoff = time - window;
    // keep as head the latest sample at or before the cutoff: drop the head while the next one also qualifies
    while (size > 1 && times[at(1)] <= cutoff) {
      head = at(1);
      size--;
    }
    double base = values[head];
    return times[head] <= cutoff && base != 0 ? value / base - 1 : Double.NaN;
  }

  /** Samples kept (the base and those after it). */
  public int retained() {
    return size;
  }

  private void append(long time, double value) {
    if (size == times.length) {
      int n = times.length;
      long[] t = new long[2 * n];
      double[] v = new double[2 * n];
      for (int i = 0; i < size; i++) {
        t[i] = times[at(i)];
        v[i] = values[at(i)];
      }
      times = t;
      values = v;
      head = 0;
    }
    int i = at(size++);
    times[i] = time;
    values[i] = value;
  }

  private int at(int offset) {
    return (head + offset) & (times.length - 1);
  }
}
