package io.rwaprime.fanout;

import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The process's one market feed, shared by every HTTP verticle instance: numbers each message in its channel,
 * keeps a short replay buffer per channel (the last {@code replaySize} messages, none older than
 * {@code replayAgeMillis}) and offers every message to each {@link ClientHub}'s {@link Window}, on the appending
 * thread. Thread-safe: {@link FeedVerticle} appends, hubs on other event loops replay.
 */
final class Feed {

  private final int replaySize;
  private final long replayAgeMillis;
  private final Clock clock;
  private final Map<String, Replay> channels = new ConcurrentHashMap<>();
  private final List<Consumer<Envelope>> listeners = new CopyOnWriteArrayList<>();

  /** What a resume finds: the messages after the requested one, or a gap when they are no longer held. */
  record Resume(List<Envelope> messages, boolean gap) {}

  private static final class Replay {
    private final ArrayDeque<Envelope> buffer = new ArrayDeque<>();
    private long seq;
  }

  Feed(int replaySize, long replayAgeMillis, Clock clock) {
    this.replaySize = replaySize;
    this.replayAgeMillis = replayAgeMillis;
    this.clock = clock;
  }

  /**
   * Registers a hub's window. {@code sink} is called on the appending thread while the channel is locked: it gets each
   * channel's messages in sequence order, and every message a {@link #resume} returns has been offered to it before
   * (so a later window never holds a message older than a resume's); it must be quick and thread-safe.
   */
  void listen(Consumer<Envelope> sink) {
    listeners.add(sink);
  }

  void unlisten(Consumer<Envelope> sink) {
    listeners.remove(sink);
  }

  /** Numbers, stores and distributes one message of {@code address}. */
  void append(String address, JsonObject json) {
    String channel = address.substring(Channels.PREFIX.length());
    Replay r = channels.computeIfAbsent(channel, c -> new Replay());
    synchronized (r) {
      long seq = ++r.seq;
      long now = clock.millis();
      Envelope e = new Envelope(channel, Payloads.key(channel, json, seq), seq, now, json.encode());
      r.buffer.addLast(e);
      trim(r, now);
      for (Consumer<Envelope> l : listeners) {
        l.accept(e);
      }
    }
  }

  /** The messages of {@code channel} after {@code afterSeq}, in order, or a gap when some are gone. */
  Resume resume(String channel, long afterSeq) {
    Replay r = channels.get(channel);
    if (r == null) {
      return new Resume(List.of(), afterSeq > 0);
    }
    synchronized (r) {
      trim(r, clock.millis());
      if (afterSeq > r.seq) {
        return new Resume(List.of(), true);
      }
      long oldest = r.buffer.isEmpty() ? r.seq + 1 : r.buffer.peekFirst().seq();
      List<Envelope> out = new ArrayList<>();
      for (Envelope e : r.buffer) {
        if (e.seq() > afterSeq) {
          out.add(e);
        }
      }
      return new Resume(out, afterSeq + 1 < oldest);
    }
  }

  private void trim(Replay r, long now) {
    while (r.buffer.size() > replaySize
        || (!r.buffer.isEmpty() && now - r.buffer.peekFirst().receivedMillis() > replayAgeMillis)) {
      r.buffer.removeFirst();
    }
  }
}
