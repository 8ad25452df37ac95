package io.rwaprime.fanout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages of one {@link ClientHub}'s current batch window, conflated once for all its clients: the feed's thread
 * offers every message as it is appended (no task per message on the hub's event loop), the hub takes the window's
 * content once per batch window. Bounded by {@code capacity} keys (latest value per key; beyond, the oldest is
 * dropped), so a hub whose event loop falls behind conflates instead of queueing without limit. Also remembers the
 * highest sequence number offered per channel, which tells the hub when a resumed client can rejoin its group.
 * Thread-safe.
 */
final class Window {

  private final ConflatingQueue pending;
  private final Map<String, Long> latestSeq = new HashMap<>();
  private final FanoutMetrics metrics;

  /**
   * One window's content: its messages in arrival order of their values, and per channel the highest sequence number
   * offered so far — every message a later window holds of that channel is newer.
   */
  record Batch(List<Envelope> messages, Map<String, Long> latestSeq) {}

  Window(int capacity, FanoutMetrics metrics) {
    this.pending = new ConflatingQueue(capacity);
    this.metrics = metrics;
  }

  /** Adds {@code e}; the {@link Feed} calls this in sequence order per channel. */
  synchronized void offer(Envelope e) {
    latestSeq.put(e.channel(), e.seq());
    metrics.count(pending.offer(e));
  }

  /** Removes and returns the window's content; the next window starts empty. */
  synchronized Batch take() {
    List<Envelope> messages = pending.drain();
    metrics.pending.addAndGet(-messages.size());
    return new Batch(messages, Map.copyOf(latestSeq));
  }
}
