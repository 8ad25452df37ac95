package io.rwaprime.alerts.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * All threshold rules of one asset shard: one {@link ThresholdRules} per (symbol, metric), created on first use, and
 * the rule ids that say which one holds each rule. Rule ids are unique across the book: adding an id that is present
 * under another (symbol, metric) moves it. Semantics of each rule: {@link ThresholdRules}. <b>Not thread-safe</b>:
 * confined to the shard's event loop.
 *
 * <p>An observation costs two hash lookups (symbol, then metric; no allocation) plus the index's own cost.
 */
public final class RuleBook {

  private final Supplier<? extends ThresholdRules> factory;
  /** Symbol → metric → number of its index in {@link #indexes}. */
  private final Map<String, Map<String, Integer>> bySymbol = new HashMap<>();
  /** Every index, in creation order. */
  private final List<ThresholdRules> indexes = new ArrayList<>();
  /** Rule id → number of the index that holds it. */
  private final LongIntMap holder = new LongIntMap();
  private long rearmed;

  /** A book of {@link ThresholdIndex}es. */
  public RuleBook() {
    this(ThresholdIndex::new);
  }

  /** A book whose per-(symbol, metric) rules come from {@code factory} (the benchmark passes {@link LinearScan}). */
  public RuleBook(Supplier<? extends ThresholdRules> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * Adds a rule on {@code metric} of {@code symbol}, replacing any rule with this id.
   *
   * @throws IllegalArgumentException when an argument is invalid (the book is unchanged then)
   */
  public void add(long ruleId, String symbol, String metric, Direction dir, double threshold, double hysteresis,
                  boolean requireCross) {
    requireKey("symbol", symbol);
    requireKey("metric", metric);
    RuleArgs.check(dir, threshold, hysteresis);
    int number = bySymbol.computeIfAbsent(symbol, s -> new HashMap<>()).computeIfAbsent(metric, m -> create());
    int previous = holder.put(ruleId, number);
    if (previous != LongIntMap.ABSENT && previous != number) {
      indexes.get(previous).remove(ruleId);
    }
    indexes.get(number).add(ruleId, dir, threshold, hysteresis, requireCross);
  }

  /** Removes a rule; returns whether it existed. */
  public boolean remove(long ruleId) {
    int number = holder.remove(ruleId);
    return number != LongIntMap.ABSENT && indexes.get(number).remove(ruleId);
  }

  /** Whether a rule with this id is present. */
  public boolean contains(long ruleId) {
    return holder.get(ruleId) != LongIntMap.ABSENT;
  }

  /** How many rules in all. */
  public int size() {
    return holder.size();
  }

  /** Re-arms so far, over every index (a monitoring counter). */
  public long rearmed() {
    return rearmed;
  }

  /**
   * Evaluates a value of {@code metric} of {@code symbol}: calls {@code fired} with each rule that fires and
   * returns how many. A (symbol, metric) without rules, and NaN, fire nothing.
   */
  public int observe(String symbol, String metric, double value, LongConsumer fired) {
    Map<String, Integer> metrics = bySymbol.get(symbol);
    Integer number = metrics == null ? null : metrics.get(metric);
    if (number == null) {
      return 0;
    }
    ThresholdRules rules = indexes.get(number);
    long before = rules.rearmed();
    int n = rules.observe(value, fired);
    rearmed += rules.rearmed() - before;
    return n;
  }

  private Integer create() {
    indexes.add(Objects.requireNonNull(factory.get(), "factory returned null"));
    return indexes.size() - 1;
  }

  private static void requireKey(String what, String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException(what + " must be a non-empty string");
    }
  }
}
