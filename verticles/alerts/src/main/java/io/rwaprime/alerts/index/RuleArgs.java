package io.rwaprime.alerts.index;

import java.util.Objects;

/** The argument checks shared by every {@link ThresholdRules} implementation. */
final class RuleArgs {

  private RuleArgs() {}

  /**
   * @throws NullPointerException     when {@code dir} is null
   * @throws IllegalArgumentException when the threshold is not finite or the hysteresis is not finite and ≥ 0
   */
  static void check(Direction dir, double threshold, double hysteresis) {
    Objects.requireNonNull(dir, "dir");
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite (was " + threshold + ")");
    }
    if (!Double.isFinite(hysteresis) || hysteresis < 0) {
      throw new IllegalArgumentException("hysteresis must be finite and >= 0 (was " + hysteresis + ")");
    }
  }
}
