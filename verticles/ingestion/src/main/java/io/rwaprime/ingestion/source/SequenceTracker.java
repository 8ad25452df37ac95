package io.rwaprime.ingestion.source;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Follows a provider's per-symbol sequence numbers to find gaps. A jump from {@code n} to {@code m > n + 1} is a
 * gap of the messages {@code n + 1 … m − 1}, also across a reconnect (what was sent while disconnected is missing).
 * A number at or below the last one is a duplicate or a late message and leaves the expectation unchanged, except
 * as the first of its symbol after {@link #connected()}: then the provider numbers per connection and restarted.
 * Not thread-safe: used on one context.
 */
final class SequenceTracker {

  /** A gap: {@code expected} should have come, {@code got} came. */
  record Gap(long expected, long got) {
  }

  private final Map<String, Long> last = new HashMap<>();
  private final Set<String> restartable = new HashSet<>();

  /** A new connection: the next number of each known symbol may restart the numbering. */
  void connected() {
    restartable.clear();
    restartable.addAll(last.keySet());
  }

  /** Records {@code seq} for {@code symbol}; the gap it reveals, or null. */
  Gap next(String symbol, long seq) {
    Long prev = last.get(symbol);
    boolean firstOnConnection = restartable.remove(symbol);
    if (prev == null || seq == prev + 1 || (seq <= prev && firstOnConnection)) {
      last.put(symbol, seq);
      return null;
    }
    if (seq > prev) {
      last.put(symbol, seq);
      return new Gap(prev + 1, seq);
    }
    return null;
  }
}
