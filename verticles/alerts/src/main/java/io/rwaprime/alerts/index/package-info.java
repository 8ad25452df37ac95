/**
 * Alert rules evaluated on the stream: plain Java, no Vert.x, one instance per thread.
 *
 * <ul>
 *   <li>{@link io.rwaprime.alerts.index.ThresholdRules} — the contract and the semantics of a threshold rule
 *       (ABOVE/BELOW, hysteresis, "crosses" via {@code requireCross}, NaN ignored);</li>
 *   <li>{@link io.rwaprime.alerts.index.ThresholdIndex} — the rules of one (asset, metric) in sorted heaps: an
 *       observation touches only the rules it fires or re-arms;</li>
 *   <li>{@link io.rwaprime.alerts.index.LinearScan} — the same contract by scanning every rule (test oracle,
 *       benchmark baseline);</li>
 *   <li>{@link io.rwaprime.alerts.index.RuleBook} — the rules of a shard, keyed by (symbol, metric);</li>
 *   <li>{@link io.rwaprime.alerts.index.WindowChange} — a derived "% change over a window" metric, so that a rule on
 *       a move within an hour is one more threshold index.</li>
 * </ul>
 *
 * <p>Example: "tell me when OUSG crosses 110 either way, and when it moves more than 2 % within an hour":
 * <pre>{@code
 * RuleBook book = new RuleBook();
 * book.add(1, "OUSG", Metrics.PRICE, Direction.ABOVE, 110, 0.05, true);   // crosses up
 * book.add(2, "OUSG", Metrics.PRICE, Direction.BELOW, 110, 0.05, true);   // crosses down
 * book.add(3, "OUSG", Metrics.PCT_CHANGE_1H, Direction.ABOVE, 0.02, 0.005, false);
 * book.add(4, "OUSG", Metrics.PCT_CHANGE_1H, Direction.BELOW, -0.02, 0.005, false);
 * WindowChange hour = new WindowChange(3_600_000);
 * // per tick:
 * book.observe("OUSG", Metrics.PRICE, price, fired);
 * book.observe("OUSG", Metrics.PCT_CHANGE_1H, hour.update(epochMillis, price), fired);
 * }</pre>
 */
package io.rwaprime.alerts.index;
