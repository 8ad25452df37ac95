package io.rwaprime.fanout;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One connected browser or stream client as the {@link ClientHub} sees it: where to write, what it follows, its
 * bounded conflating queue, and the last sequence number sent per channel (a resumed client never gets a message
 * twice). Confined to its hub's event loop.
 */
final class Client {

  /** Where a client's frames go. */
  interface Sink {
    boolean writeQueueFull();

    void write(String frame);
  }

  final Sink sink;
  final boolean bridge;
  final Set<String> channels = new HashSet<>();
  final ConflatingQueue queue;
  private final Map<String, Long> lastSeq = new HashMap<>();

  Client(Sink sink, boolean bridge, int capacity) {
    this.sink = sink;
    this.bridge = bridge;
    this.queue = new ConflatingQueue(capacity);
  }

  /** Whether {@code e} is newer than what this client already has of its channel. */
  boolean isNew(Envelope e) {
    return e.seq() > lastSeq.getOrDefault(e.channel(), 0L);
  }

  void sent(Envelope e) {
    lastSeq.merge(e.channel(), e.seq(), Math::max);
  }

  /** One frame holding {@code batch}: a bridge {@code rec} on {@code ui.batch}, or a stream JSON array. */
  String frame(List<Envelope> batch) {
    StringBuilder sb = new StringBuilder(bridge ? "{\"type\":\"rec\",\"address\":\"" + ClientHub.BATCH_ADDRESS
        + "\",\"body\":[" : "[");
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(bridge ? batch.get(i).bridgeItem() : batch.get(i).streamItem());
    }
    return sb.append(bridge ? "]}" : "]").toString();
  }
}
