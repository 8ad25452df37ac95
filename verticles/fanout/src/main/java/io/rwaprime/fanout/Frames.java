package io.rwaprime.fanout;

import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of a batch: a bridge {@code rec} on {@link ClientHub#BATCH_ADDRESS} whose body is the list of
 * {@link Envelope#bridgeItem()}s, or a stream JSON array of {@link Envelope#streamItem()}s — split into frames of at
 * most ~60 K characters, since WebSocket peers (browsers, Vert.x' client) limit the size of one frame to ~64 KB.
 */
final class Frames {

  static final int MAX_FRAME_CHARS = 60_000;
  private static final int ITEM_OVERHEAD = 64;

  private Frames() {}

  /** The frames holding {@code batch}, in order; none for an empty batch. */
  static List<String> of(boolean bridge, List<Envelope> batch) {
    List<String> frames = new ArrayList<>(1);
    int from = 0;
    int size = 0;
    for (int i = 0; i < batch.size(); i++) {
      int item = batch.get(i).json().length() + ITEM_OVERHEAD;
      if (size + item > MAX_FRAME_CHARS && i > from) {
        frames.add(frame(bridge, batch.subList(from, i)));
        from = i;
        size = 0;
      }
      size += item;
    }
    if (from < batch.size()) {
      frames.add(frame(bridge, batch.subList(from, batch.size())));
    }
    return frames;
  }

  /** One frame holding all of {@code batch}, whatever its size. */
  static String frame(boolean bridge, List<Envelope> batch) {
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
