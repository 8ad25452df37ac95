package io.rwaprime.fanout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One client's pending messages: at most one per conflation key (a newer value replaces the pending one in place:
 * <em>conflated</em>) and at most {@code capacity} keys (beyond, the oldest pending message is <em>dropped</em>).
 * So a client that stops reading costs bounded memory whatever the market does. Confined to one event loop.
 */
final class ConflatingQueue {

  private final int capacity;
  private final LinkedHashMap<String, Envelope> pending = new LinkedHashMap<>();

  /** What one offer did. */
  enum Outcome { QUEUED, CONFLATED, DROPPED_OLDEST }

  ConflatingQueue(int capacity) {
    this.capacity = capacity;
  }

  Outcome offer(Envelope e) {
    if (pending.replace(e.key(), e) != null) {
      return Outcome.CONFLATED;
    }
    pending.put(e.key(), e);
    if (pending.size() > capacity) {
      Iterator<Envelope> it = pending.values().iterator();
      it.next();
      it.remove();
      return Outcome.DROPPED_OLDEST;
    }
    return Outcome.QUEUED;
  }

  int size() {
    return pending.size();
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  /** Removes and returns everything pending, in arrival order of the keys. */
  List<Envelope> drain() {
    List<Envelope> out = new ArrayList<>(pending.values());
    pending.clear();
    return out;
  }
}
