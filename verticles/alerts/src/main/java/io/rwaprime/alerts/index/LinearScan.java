package io.rwaprime.alerts.index;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The baseline: every rule in flat arrays, all of them tested on every observation ({@code O(n)}). Same semantics
 * as {@link ThresholdIndex} (see {@link ThresholdRules}); the tests use it as an oracle, the benchmark as the
 * reference. <b>Not thread-safe.</b>
 *
 * <p>Each rule keeps, in its direction's frame ({@code x = value} for ABOVE, {@code −value} for BELOW, thresholds
 * likewise), the level above which it fires ({@code fireAbove}: the threshold while armed, NaN while disarmed) and the
 * level at or below which it re-arms ({@code rearmAtOrBelow}: NaN while armed; {@code threshold − hysteresis} after a
 * firing, the threshold itself while it waits for its first cross). A comparison with NaN is false, so the loop makes
 * two comparisons per rule that are almost always false: a fair, branch-predictable scan. Removal swaps the last
 * rule into the hole.
 */
public final class LinearScan implements ThresholdRules {

  private final LongIntMap indexOf = new LongIntMap();
  private long[] ids = new long[16];
  /** +1 for ABOVE, −1 for BELOW. */
  private double[] sign = new double[16];
  /** Threshold × sign. */
  private double[] mirrored = new double[16];
  private double[] hysteresis = new double[16];
  private double[] fireAbove = new double[16];
  private double[] rearmAtOrBelow = new double[16];
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
    double s = dir == Direction.ABOVE ? 1 : -1;
    ids[i] = ruleId;
    sign[i] = s;
    mirrored[i] = s * threshold;
    this.hysteresis[i] = hysteresis;
    fireAbove[i] = requireCross ? Double.NaN : s * threshold;
    rearmAtOrBelow[i] = requireCross ? s * threshold : Double.NaN;
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
      sign[i] = sign[last];
      mirrored[i] = mirrored[last];
      hysteresis[i] = hysteresis[last];
      fireAbove[i] = fireAbove[last];
      rearmAtOrBelow[i] = rearmAtOrBelow[last];
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
      double x = sign[i] * value;
      if (x > fireAbove[i]) {
        fireAbove[i] = Double.NaN;
        rearmAtOrBelow[i] = mirrored[i] - hysteresis[i];
        fired.accept(ids[i]);
        n++;
      } else if (x <= rearmAtOrBelow[i]) {
        fireAbove[i] = mirrored[i];
        rearmAtOrBelow[i] = Double.NaN;
        rearmed++;
      }
    }
    return n;
  }

  private void grow() {
    int n = ids.length * 2;
    ids = Arrays.copyOf(ids, n);
    sign = Arrays.copyOf(sign, n);
    mirrored = Arrays.copyOf(mirrored, n);
    hysteresis = Arrays.copyOf(hysteresis, n);
    fireAbove = Arrays.copyOf(fireAbove, n);
    rearmAtOrBelow = Arrays.copyOf(rearmAtOrBelow, n);
  }
}
