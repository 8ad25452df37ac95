package io.rwaprime.fanout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Pending messages: at most one per conflation key (a newer value replaces the pending one: <em>conflated</em>) and
 * at most {@code capacity} keys (beyond, the oldest pending message is <em>dropped</em>). The replacing value moves to
 * the end, so messages leave in the order their values arrived: per channel, in increasing sequence number. Used for a
 * hub's shared window ({@link Window}) and for a lagging client's own backlog ({@link Client}); not thread-safe.
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
    if (pending.remove(e.key()) != null) {
      pending.put(e.key(), e);
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

  /** Removes and returns everything pending, in arrival order of the values. */
  List<Envelope> drain() {
    List<Envelope> out = new ArrayList<>(pending.values());
    pending.clear();
    return out;
  }
}
