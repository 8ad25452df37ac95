package io.rwaprime.alerts.index;

/** Which side of its threshold a rule watches. */
public enum Direction {
  /** Fires when a value is strictly greater than the threshold; re-arms at {@code ≤ threshold − hysteresis}. */
  ABOVE,
  /** Fires when a value is strictly less than the threshold; re-arms at {@code ≥ threshold + hysteresis}. */
  BELOW
}
