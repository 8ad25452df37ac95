package io.rwaprime.fanout;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One connected browser or stream client as the {@link ClientHub} sees it: where to write, what it follows, and
 * either its {@link Group} (caught up: it gets the group's shared frames) or, while it is on its own (its connection
 * was full, or it was just sent a resume), its private conflating {@code backlog} and the last sequence number sent
 * per channel, so it never gets a message twice. Confined to its hub's event loop.
 */
final class Client {

  /** Where a client's frames go. */
  interface Sink {
    boolean writeQueueFull();

    void write(String frame);
  }

  final Object owner;
  final Sink sink;
  final boolean bridge;
  final Set<String> channels = new HashSet<>();
  final ConflatingQueue backlog;
  /** The group whose frames it gets; null while it is on its own. */
  Group group;
  /**
   * The last sequence number sent on its own, per channel. Not kept up to date by shared frames (that would be
   * per-client work per window): it may be lower than what the client has, never higher, and every window brings
   * newer messages than the previous one, so it filters only what was sent on its own.
   */
  private final Map<String, Long> lastSeq = new HashMap<>();

  Client(Object owner, Sink sink, boolean bridge, int capacity) {
    this.owner = owner;
    this.sink = sink;
    this.bridge = bridge;
    this.backlog = new ConflatingQueue(capacity);
  }

  /** Whether {@code e} is newer than what this client was sent on its own of its channel. */
  boolean isNew(Envelope e) {
    return e.seq() > lastSeq.getOrDefault(e.channel(), 0L);
  }

  void sent(Envelope e) {
    lastSeq.merge(e.channel(), e.seq(), Math::max);
  }

  /**
   * Whether it can take the shared frames again: nothing left in its backlog and nothing sent on its own that a later
   * window could repeat ({@code latestSeq}: per channel, the newest sequence number the windows so far held).
   */
  boolean caughtUp(Map<String, Long> latestSeq) {
    if (!backlog.isEmpty()) {
      return false;
    }
    for (var e : lastSeq.entrySet()) {
      if (e.getValue() > latestSeq.getOrDefault(e.getKey(), 0L)) {
        return false;
      }
    }
    return true;
  }
}
