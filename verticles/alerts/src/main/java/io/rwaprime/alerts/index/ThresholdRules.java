package io.rwaprime.alerts.index;

import java.util.function.LongConsumer;

/**
 * The threshold rules of one metric of one asset, evaluated one observed value at a time.
 *
 * <h2>Semantics</h2>
 * A rule is <em>armed</em> or <em>disarmed</em>. An armed {@link Direction#ABOVE} rule fires when a value is
 * {@code > threshold}; firing disarms it, and it re-arms when a later value is {@code ≤ threshold − hysteresis}
 * (the value that re-arms it never fires it: it is on the wrong side). {@link Direction#BELOW} is the mirror image:
 * fires at {@code < threshold}, re-arms at {@code ≥ threshold + hysteresis}.
 * <ul>
 *   <li>{@code requireCross = false} ("price above X"): the rule starts armed, so the first value above X fires it
 *       even if the metric was already above X when the rule was added.</li>
 *   <li>{@code requireCross = true} ("price crosses above X"): the rule starts disarmed and arms once a value on the
 *       other side of the threshold is seen ({@code ≤ threshold} for ABOVE, {@code ≥ threshold} for BELOW; the
 *       hysteresis applies only after a firing).</li>
 *   <li>"Crosses X in either direction" is two rules with {@code requireCross = true}, one ABOVE and one BELOW, added
 *       by the caller under two ids.</li>
 *   <li>Adding an id that is present replaces that rule (a fresh rule with the new parameters and initial state).</li>
 *   <li>A NaN observation is ignored (nothing fires, nothing re-arms, returns 0). Infinite observations are ordinary
 *       values ({@code +∞} is above every threshold).</li>
 * </ul>
 *
 * <p>Implementations are <b>not thread-safe</b>: each belongs to one thread (the event loop of its asset shard).
 * The {@code fired} callback must not add or remove rules of the same instance while {@link #observe} runs; a
 * one-shot rule is removed after {@code observe} returns.
 */
public interface ThresholdRules {

  /**
   * Adds a rule, or replaces the rule with this id.
   *
   * @param threshold  finite
   * @param hysteresis finite, {@code ≥ 0}: how far back past the threshold the value must go to re-arm the rule
   * @throws IllegalArgumentException when the threshold or the hysteresis is invalid (nothing is changed then)
   */
  void add(long ruleId, Direction dir, double threshold, double hysteresis, boolean requireCross);

  /** Removes a rule, armed or not; returns whether it existed. */
  boolean remove(long ruleId);

  /** Whether a rule with this id is present. */
  boolean contains(long ruleId);

  /** How many rules. */
  int size();

  /**
   * Evaluates one value: calls {@code fired} with the id of each rule that fires on it (in no particular order),
   * re-arms the rules it re-arms, and returns how many fired. NaN is ignored.
   */
  int observe(double value, LongConsumer fired);

  /** How many re-arms since creation (a monitoring counter). */
  long rearmed();
}
