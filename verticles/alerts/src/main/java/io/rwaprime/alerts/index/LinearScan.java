package io.rwaprime.alerts.index;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The baseline: every rule in flat arrays, all of them tested on every observation ({@code O(n)}). Same semantics
 * as {@link ThresholdIndex} (see {@link ThresholdRules}), written straight from the definition, so that tests use it
 * as an oracle and the benchmark as the reference. <b>Not thread-safe.</b> Removal swaps the last rule into the hole.
 */
public final class LinearScan implements ThresholdRules {

  private final LongIntMap indexOf = new LongIntMap();
  private long[] ids = new long[16];
  private boolean[] above = new boolean[16];
  private double[] thresholds = new double[16];
  private double[] hysteresis = new double[16];
  private boolean[] armed = new boolean[16];
  /** Whether a disarmed rule has fired at least once (else it waits for its first cross, without hysteresis). */
  private boolean[] hasFired = new boolean[16];
  private int size;
  private long rearmed;

  /** An empty scan. */
  public LinearScan() {}

  @Override
  public void add(long ruleId, Direction dir, double threshold, double hysteresis, boolean requireCross) {
    RuleArgs.check(dir, threshold, hysteresis);
    remove(ruleId);
    if (size == ids.length) {
      grow();
    }
    int i = size++;
    ids[i] = ruleId;
    above[i] = dir == Direction.ABOVE;
    thresholds[i] = threshold;
    this.hysteresis[i] = hysteresis;
    armed[i] = !requireCross;
    hasFired[i] = false;
    indexOf.put(ruleId, i);
  }

  @Override
  public boolean remove(long ruleId) {
    int i = indexOf.remove(ruleId);
    if (i == LongIntMap.ABSENT) {
      return false;
    }
    int last = --size;
    if (i != last) {
      ids[i] = ids[last];
      above[i] = above[last];
      thresholds[i] = thresholds[last];
      hysteresis[i] = hysteresis[last];
      armed[i] = armed[last];
      hasFired[i] = hasFired[last];
      indexOf.put(ids[i], i);
    }
    return true;
  }

  @Override
  public boolean contains(long ruleId) {
    return indexOf.get(ruleId) != LongIntMap.ABSENT;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public long rearmed() {
    return rearmed;
  }

  @Override
  public int observe(double value, LongConsumer fired) {
    if (Double.isNaN(value)) {
      return 0;
    }
    int n = 0;
    for (int i = 0; i < size; i++) {
      double t = thresholds[i];
      double h = hasFired[i] ? hysteresis[i] : 0;
      if (armed[i]) {
        if (above[i] ? value > t : value < t) {
          armed[i] = false;
          hasFired[i] = true;
          fired.accept(ids[i]);
          n++;
        }
      } else if (above[i] ? value <= t - h : value >= t + h) {
        armed[i] = true;
        rearmed++;
      }
    }
    return n;
  }

  private void grow() {
    int n = ids.length * 2;
    ids = Arrays.copyOf(ids, n);
    above = Arrays.copyOf(above, n);
    thresholds = Arrays.copyOf(thresholds, n);
    hysteresis = Arrays.copyOf(hysteresis, n);
    armed = Arrays.copyOf(armed, n);
    hasFired = Arrays.copyOf(hasFired, n);
  }
}
