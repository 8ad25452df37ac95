package io.rwaprime.cleansing.bars;

import io.rwaprime.events.Tick;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Price outlier detection per (symbol, source) with a rolling Hampel filter: a price is an outlier when
 * <pre>  |x − median| &gt; threshold × max(1.4826 × MAD, relativeFloor × |median|)</pre>
 * over the window of the last {@code window} <em>accepted</em> prices of that series (MAD = median
 * absolute deviation from the median; 1.4826 × MAD estimates σ for normal noise).
 *
 * <ul>
 *   <li><b>Outliers never enter the window</b>, so a spike cannot widen the MAD or drag the median and
 *       mask the next spike. The caller flags them, dead-letters them ({@link #REASON}) and leaves them
 *       out of the bars; bronze keeps them.</li>
 *   <li><b>Flat prices (MAD = 0)</b>: the relative floor takes over, so a fund token quoted at exactly
 *       1.0000 for 25 ticks flags only moves beyond {@code threshold × relativeFloor} (6 × 1e-4 = 0.06 %
 *       by default). The floor is 1e-4 rather than 1e-6 because one price step of an asset quoted in
 *       cents around 100 is already 1e-4: a smaller floor would flag every ordinary one-step move of a
 *       flat series.</li>
 *   <li><b>Warm-up</b>: nothing is flagged until the window holds {@code minSamples} prices (by default
 *       half the window); those first prices all enter it.</li>
 *   <li><b>Level shifts</b>: a real repricing (a NAV step, a re-denomination) would otherwise be flagged
 *       forever because the window never sees the new level. When the last {@code relearnAfter}
 *       consecutive prices were all outliers and agree with each other (none is an outlier against
 *       their own median and MAD, same rule), the window restarts from them. Those prices stay flagged;
 *       the ones after are judged against the new level.</li>
 * </ul>
 * Each check costs O(window): the window is kept sorted, and the MAD is read off it by merging the two
 * sides of the median. One thread.
 */
public final class HampelFilter {

  /** Reason code for a flagged price. */
  public static final String REASON = "price.outlier";
  /** Consistency constant turning a MAD into a standard deviation for normal noise. */
  public static final double MAD_SCALE = 1.4826;
  /** Default window, in ticks. */
  public static final int DEFAULT_WINDOW = 25;
  /** Default threshold, in scaled MADs. */
  public static final double DEFAULT_THRESHOLD = 6.0;
  /** Default relative floor of the scaled MAD. */
  public static final double DEFAULT_RELATIVE_FLOOR = 1e-4;

  private final int window;
  private final double threshold;
  private final double relativeFloor;
  private final int minSamples;
  private final int relearnAfter;
  private final Map<String, Map<String, Window>> series = new HashMap<>();

  /** Window 25, threshold 6, relative floor 1e-4, warm-up of half the window, re-learning after 5. */
  public HampelFilter() {
    this(DEFAULT_WINDOW, DEFAULT_THRESHOLD);
  }

  /** The given window and threshold; floor 1e-4, warm-up of half the window, re-learning after 5. */
  public HampelFilter(int window, double threshold) {
    this(window, threshold, DEFAULT_RELATIVE_FLOOR, (window + 1) / 2, Math.max(2, Math.min(5, window / 2)));
  }

  /**
   * @param window        accepted prices kept per series; 3 to 10,000
   * @param threshold     outlier threshold in scaled MADs; &gt; 0
   * @param relativeFloor smallest scaled MAD as a fraction of |median|; &gt;= 0
   * @param minSamples    prices needed before anything is flagged; 1 to window
   * @param relearnAfter  consecutive consistent outliers that become the new level; 2 to window
   */
  public HampelFilter(int window, double threshold, double relativeFloor, int minSamples, int relearnAfter) {
    if (window < 3 || window > 10_000) {
      throw new IllegalArgumentException("window must be 3 to 10000, was " + window);
    }
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("threshold must be > 0, was " + threshold);
    }
    if (!(relativeFloor >= 0) || Double.isInfinite(relativeFloor)) {
      throw new IllegalArgumentException("relativeFloor must be >= 0, was " + relativeFloor);
    }
    if (minSamples < 1 || minSamples > window) {
      throw new IllegalArgumentException("minSamples must be 1 to window (" + window + "), was " + minSamples);
    }
    if (relearnAfter < 2 || relearnAfter > window) {
      throw new IllegalArgumentException("relearnAfter must be 2 to window (" + window + "), was " + relearnAfter);
    }
    this.window = window;
    this.threshold = threshold;
    this.relativeFloor = relativeFloor;
    this.minSamples = minSamples;
    this.relearnAfter = relearnAfter;
  }

  /** Checks the tick's price against its (symbol, source) window, then updates the window. */
  public boolean isOutlier(Tick tick) {
    return isOutlier(tick.symbol(), tick.source(), tick.price().doubleValue());
  }

  /**
   * Checks {@code price} against the (symbol, source) window, then adds it to the window unless it is an
   * outlier. A non-finite price is an outlier.
   */
  public boolean isOutlier(String symbol, String source, double price) {
    Map<String, Window> bySource = series.get(symbol);
    if (bySource == null) {
      bySource = new HashMap<>(4);
      series.put(symbol, bySource);
    }
    Window w = bySource.get(source);
    if (w == null) {
      w = new Window(window);
      bySource.put(source, w);
    }
    return w.test(price);
  }

  /** Number of (symbol, source) series tracked. */
  public int seriesCount() {
    int n = 0;
    for (Map<String, Window> m : series.values()) {
      n += m.size();
    }
    return n;
  }

  private boolean outlier(double x, double median, double mad) {
    double scale = Math.max(MAD_SCALE * mad, relativeFloor * Math.abs(median));
    return Math.abs(x - median) > threshold * scale;
  }

  /** One series: insertion-ordered ring plus the same values sorted; and the current run of outliers. */
  final class Window {
    private final double[] ring;
    private final double[] sorted;
    private int head;
    private int size;
    private final double[] run;
    private int runLength;
    /** Set once the warm-up is over (or the window was re-learned): from then on every price is checked. */
    private boolean primed;

    Window(int capacity) {
      ring = new double[capacity];
      sorted = new double[capacity];
      run = new double[relearnAfter];
    }

    boolean test(double x) {
      if (!Double.isFinite(x)) {
        return true;
      }
      if (!primed) {
        push(x);
        primed = size >= minSamples;
        return false;
      }
      double m = median(sorted, size);
      if (!outlier(x, m, mad(sorted, size, m))) {
        push(x);
        runLength = 0;
        return false;
      }
      run[runLength % relearnAfter] = x;
      runLength++;
      if (runLength >= relearnAfter && consistentRun()) {
        size = 0;
        head = 0;
        // oldest first, so the ring evicts them in order
        for (int i = 0; i < relearnAfter; i++) {
          push(run[(runLength + i) % relearnAfter]);
        }
        runLength = 0;
      }
      return true;
    }

    private boolean consistentRun() {
      double[] v = run.clone();
      Arrays.sort(v);
      double m = median(v, v.length);
      double mad = mad(v, v.length, m);
      for (double x : v) {
        if (outlier(x, m, mad)) {
          return false;
        }
      }
      return true;
    }

    private void push(double x) {
      if (size == ring.length) {
        double old = ring[head];
        ring[head] = x;
        head = (head + 1) % ring.length;
        int i = Arrays.binarySearch(sorted, 0, size, old);
        System.arraycopy(sorted, i + 1, sorted, i, size - i - 1);
        size--;
      } else {
        ring[(head + size) % ring.length] = x;
      }
      int pos = lowerBound(sorted, size, x);
      System.arraycopy(sorted, pos, sorted, pos + 1, size - pos);
      sorted[pos] = x;
      size++;
    }

    int size() {
      return size;
    }
  }

  static double median(double[] sorted, int n) {
    return (n & 1) == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Median of |a[i] − m| over a sorted array: merges the two sides of m, whose deviations grow outwards. */
  static double mad(double[] a, int n, double m) {
    int right = lowerBound(a, n, m);
    int left = right - 1;
    int k1 = (n - 1) / 2;
    int k2 = n / 2;
    double d1 = 0;
    double d2 = 0;
    for (int k = 0; k <= k2; k++) {
      double d;
      if (left < 0) {
        d = a[right++] - m;
      } else if (right >= n) {
        d = m - a[left--];
      } else if (m - a[left] <= a[right] - m) {
        d = m - a[left--];
      } else {
        d = a[right++] - m;
      }
      if (k == k1) {
        d1 = d;
      }
      if (k == k2) {
        d2 = d;
      }
    }
    return (d1 + d2) / 2;
  }

  private static int lowerBound(double[] a, int n, double x) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
