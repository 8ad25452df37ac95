package io.rwaprime.fanout;

import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Delivers market data to the clients of one HTTP verticle instance, on its event loop, at a cost that grows with
 * messages plus clients, not messages times clients.
 * <ul>
 *   <li>The feed offers every message to the hub's {@link Window} — conflated once for all clients (latest value
 *   per key, bounded) — on the feed's own thread.</li>
 *   <li>Every {@code batchWindow} the hub takes the window and, for each {@link Group} of caught-up clients (same
 *   transport, same channels), builds the frames once and writes the same strings to every member whose connection
 *   can take more.</li>
 *   <li>A client whose connection is full is skipped, not waited for: it leaves its group and keeps its own bounded
 *   conflating backlog, merged from the windows it misses, until one write has emptied it; then it rejoins. Only such
 *   lagging clients (and clients just sent a resume) cost work per client per message.</li>
 * </ul>
 */
final class ClientHub {

  /** The one bridge address on which browsers receive their batches. */
  static final String BATCH_ADDRESS = "ui.batch";

  private final Feed feed;
  private final FanoutMetrics metrics;
  private final int queueSize;
  private final Window window;
  private final Consumer<Envelope> listener;
  private final Map<Object, Client> clients = new HashMap<>();
  private final Map<Group.Key, Group> groups = new HashMap<>();
  /** Clients on their own: behind, or sent a resume that a window could repeat. */
  private final Set<Client> alone = new LinkedHashSet<>();

  ClientHub(Feed feed, FanoutMetrics metrics, int queueSize) {
    this.feed = feed;
    this.metrics = metrics;
    this.queueSize = queueSize;
    this.window = new Window(queueSize, metrics);
    this.listener = window::offer;
    feed.listen(listener);
  }

  /** A hub that flushes every {@code batchWindowMillis} on the calling verticle's event loop. */
  static ClientHub start(Vertx vertx, Feed feed, FanoutMetrics metrics, int queueSize, long batchWindowMillis) {
    ClientHub hub = new ClientHub(feed, metrics, queueSize);
    vertx.setPeriodic(batchWindowMillis, id -> hub.flush());
    return hub;
  }

  /** The client of {@code owner} (a socket), created on first use. */
  Client attach(Object owner, Client.Sink sink, boolean bridge) {
    return clients.computeIfAbsent(owner, o -> {
      (bridge ? metrics.bridgeClients : metrics.streamClients).incrementAndGet();
      Client c = new Client(o, sink, bridge, queueSize);
      join(c);
      return c;
    });
  }

  void detach(Object owner) {
    Client c = clients.remove(owner);
    if (c != null) {
      (c.bridge ? metrics.bridgeClients : metrics.streamClients).decrementAndGet();
      metrics.pending.addAndGet(-c.backlog.size());
      if (c.group != null) {
        leave(c);
      }
      alone.remove(c);
    }
  }

  void subscribe(Client c, String channel) {
    if (c.channels.add(channel)) {
      regroup(c);
    }
  }

  void unsubscribe(Client c, String channel) {
    if (c.channels.remove(channel)) {
      regroup(c);
    }
  }

  /**
   * Writes {@code messages} to {@code c} at once, in order (a resume), and remembers them as sent; the client takes
   * the windows on its own until no window can repeat them.
   */
  void sendNow(Client c, List<Envelope> messages) {
    if (messages.isEmpty()) {
      return;
    }
    write(c, messages);
    if (c.group != null) {
      leave(c);
      alone.add(c);
    }
  }

  /** One batch window: the groups' shared frames, then the clients on their own. */
  void flush() {
    Window.Batch batch = window.take();
    List<Client> fellBehind = new ArrayList<>();
    List<Client> failed = new ArrayList<>();
    if (!batch.messages().isEmpty()) {
      for (Group g : groups.values()) {
        deliver(g, batch.messages(), fellBehind, failed);
      }
    }
    List<Client> caughtUp = new ArrayList<>();
    for (Client c : alone) {
      try {
        if (catchUp(c, batch)) {
          caughtUp.add(c);
        }
      } catch (RuntimeException e) {
        failed.add(c);
      }
    }
    for (Client c : caughtUp) {
      alone.remove(c);
      join(c);
    }
    for (Client c : fellBehind) {
      leave(c);
      alone.add(c);
    }
    for (Client c : failed) {
      // a socket closed before its close handler ran: forget it, never let it stop the others' flush
      metrics.dropped.increment();
      detach(c.owner);
    }
  }

  /** Writes the group's part of the window, built once, to every member that can take it. */
  private void deliver(Group g, List<Envelope> messages, List<Client> fellBehind, List<Client> failed) {
    List<Envelope> mine = g.select(messages);
    if (mine.isEmpty()) {
      return;
    }
    List<String> frames = Frames.of(g.key.bridge(), mine);
    long written = 0;
    for (Client c : g.members) {
      try {
        if (c.sink.writeQueueFull()) {
          metrics.skipped.increment();
          enqueue(c, mine);
          fellBehind.add(c);
          continue;
        }
        for (String f : frames) {
          c.sink.write(f);
        }
        written++;
      } catch (RuntimeException e) {
        failed.add(c);
      }
    }
    metrics.messages.increment((double) mine.size() * written);
    metrics.frames.increment((double) frames.size() * written);
  }

  /** Merges the window into a lone client's backlog and writes it if it can; true when it may rejoin a group. */
  private boolean catchUp(Client c, Window.Batch batch) {
    List<Envelope> mine = new ArrayList<>();
    for (Envelope e : batch.messages()) {
      if (c.channels.contains(e.channel())) {
        mine.add(e);
      }
    }
    enqueue(c, mine);
    if (!c.backlog.isEmpty()) {
      if (c.sink.writeQueueFull()) {
        metrics.skipped.increment();
        return false;
      }
      List<Envelope> due = c.backlog.drain();
      metrics.pending.addAndGet(-due.size());
      // a resume may have sent some of them meanwhile
      due.removeIf(e -> !c.isNew(e));
      write(c, due);
    }
    return c.caughtUp(batch.latestSeq());
  }

  private void enqueue(Client c, List<Envelope> messages) {
    for (Envelope e : messages) {
      if (c.isNew(e)) {
        metrics.count(c.backlog.offer(e));
      }
    }
  }

  private void write(Client c, List<Envelope> messages) {
    if (messages.isEmpty()) {
      return;
    }
    List<String> frames = Frames.of(c.bridge, messages);
    for (String f : frames) {
      c.sink.write(f);
    }
    messages.forEach(c::sent);
    metrics.messages.increment(messages.size());
    metrics.frames.increment(frames.size());
  }

  /** Moves a caught-up client to the group of its current channels (a lone client joins one once caught up). */
  private void regroup(Client c) {
    if (c.group != null) {
      leave(c);
      join(c);
    }
  }

  private void join(Client c) {
    Group g = groups.computeIfAbsent(Group.Key.of(c), Group::new);
    g.members.add(c);
    c.group = g;
  }

  private void leave(Client c) {
    Group g = c.group;
    g.members.remove(c);
    if (g.members.isEmpty()) {
      groups.remove(g.key);
    }
    c.group = null;
  }

  /** Stops receiving from the feed (the HTTP verticle's timers end with it). */
  void close() {
    feed.unlisten(listener);
  }
}
