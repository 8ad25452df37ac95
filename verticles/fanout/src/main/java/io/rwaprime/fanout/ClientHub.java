package io.rwaprime.fanout;

import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Delivers market data to the clients of one HTTP verticle instance, on its event loop. Every message goes into
 * the queue of each client that follows its channel ({@link ConflatingQueue}: latest value per key, bounded); every
 * {@code batchWindow} each client whose connection can take more gets <em>one</em> frame with all its pending
 * messages. A client whose write queue is full is skipped, not waited for: its queue conflates while the others
 * keep their pace.
 */
final class ClientHub {

  private static final int MAX_FRAME_CHARS = 60_000;

  /** The one bridge address on which browsers receive their batches. */
  static final String BATCH_ADDRESS = "ui.batch";

  private final Feed feed;
  private final FanoutMetrics metrics;
  private final int queueSize;
  private final Map<Object, Client> clients = new HashMap<>();
  private final Map<String, Set<Client>> byChannel = new HashMap<>();
  private final Consumer<Envelope> listener = this::dispatch;

  ClientHub(Vertx vertx, Feed feed, FanoutMetrics metrics, int queueSize, long batchWindowMillis) {
    this.feed = feed;
    this.metrics = metrics;
    this.queueSize = queueSize;
    feed.listen(vertx.getOrCreateContext(), listener);
    vertx.setPeriodic(batchWindowMillis, id -> flush());
  }

  /** The client of {@code owner} (a socket), created on first use. */
  Client attach(Object owner, Client.Sink sink, boolean bridge) {
    return clients.computeIfAbsent(owner, o -> {
      (bridge ? metrics.bridgeClients : metrics.streamClients).incrementAndGet();
      return new Client(sink, bridge, queueSize);
    });
  }

  void detach(Object owner) {
    Client c = clients.remove(owner);
    if (c != null) {
      (c.bridge ? metrics.bridgeClients : metrics.streamClients).decrementAndGet();
      metrics.pending.addAndGet(-c.queue.size());
      new ArrayList<>(c.channels).forEach(ch -> unsubscribe(c, ch));
    }
  }

  void subscribe(Client c, String channel) {
    c.channels.add(channel);
    byChannel.computeIfAbsent(channel, k -> new HashSet<>()).add(c);
  }

  void unsubscribe(Client c, String channel) {
    Set<Client> set = byChannel.get(channel);
    if (set != null) {
      set.remove(c);
      if (set.isEmpty()) {
        byChannel.remove(channel);
      }
    }
    c.channels.remove(channel);
  }

  /** Writes {@code messages} to {@code c} at once, in order (a resume), and remembers them as sent. */
  void sendNow(Client c, List<Envelope> messages) {
    // frames of at most ~64 KB: WebSocket peers (browsers, Vert.x' client) limit the size of one frame
    int from = 0;
    int size = 0;
    for (int i = 0; i < messages.size(); i++) {
      size += messages.get(i).json().length() + 64;
      if (size > MAX_FRAME_CHARS && i > from) {
        write(c, messages.subList(from, i));
        from = i;
        size = messages.get(i).json().length() + 64;
      }
    }
    if (from < messages.size()) {
      write(c, messages.subList(from, messages.size()));
    }
  }

  private void write(Client c, List<Envelope> batch) {
    c.sink.write(c.frame(batch));
    batch.forEach(c::sent);
    metrics.messages.increment(batch.size());
    metrics.frames.increment();
  }

  private void dispatch(Envelope e) {
    Set<Client> set = byChannel.get(e.channel());
    if (set == null) {
      return;
    }
    for (Client c : set) {
      if (!c.isNew(e)) {
        continue;
      }
      switch (c.queue.offer(e)) {
        case QUEUED -> metrics.pending.incrementAndGet();
        case CONFLATED -> metrics.conflated.increment();
        case DROPPED_OLDEST -> metrics.dropped.increment();
      }
    }
  }

  private void flush() {
    for (var entry : new ArrayList<>(clients.entrySet())) {
      Client c = entry.getValue();
      if (c.queue.isEmpty()) {
        continue;
      }
      try {
        if (c.sink.writeQueueFull()) {
          metrics.skipped.increment();
          continue;
        }
        List<Envelope> batch = c.queue.drain();
        metrics.pending.addAndGet(-batch.size());
        sendNow(c, batch);
      } catch (RuntimeException e) {
        // a socket closed before its close handler ran: forget it, never let it stop the others' flush
        metrics.dropped.increment();
        detach(entry.getKey());
      }
    }
  }

  /** Stops receiving from the feed (the HTTP verticle's timers end with it). */
  void close() {
    feed.unlisten(listener);
  }
}
