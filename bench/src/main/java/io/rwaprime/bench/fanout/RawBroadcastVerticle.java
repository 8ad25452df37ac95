package io.rwaprime.bench.fanout;

import io.rwaprime.events.Addresses;
import io.rwaprime.events.Tick;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One event loop of the baseline broadcast: WebSockets on {@code /raw}; every tick of every symbol is encoded to
 * JSON once and written as one text frame to every socket of this instance — one write per message per client, no
 * batching, no conflation. A socket whose write queue is full loses that message ({@code dropped}), so a saturated
 * baseline keeps bounded memory instead of queueing without end.
 */
final class RawBroadcastVerticle extends VerticleBase {

  static final String PATH = "/raw";

  private final int port;
  private final List<String> symbols;
  private final LongAdder messages;
  private final LongAdder dropped;
  private final AtomicLong clients;
  private final List<ServerWebSocket> sockets = new ArrayList<>();

  RawBroadcastVerticle(int port, List<String> symbols, LongAdder messages, LongAdder dropped, AtomicLong clients) {
    this.port = port;
    this.symbols = List.copyOf(symbols);
    this.messages = messages;
    this.dropped = dropped;
    this.clients = clients;
  }

  @Override
  public Future<?> start() {
    for (String symbol : symbols) {
      vertx.eventBus().<Tick>consumer(Addresses.ticks(symbol), msg -> broadcast(msg.body().toJson().encode()));
    }
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
        .webSocketHandler(this::accept)
        .listen();
  }

  private void accept(ServerWebSocket ws) {
    if (!PATH.equals(ws.path())) {
      ws.close((short) 1008, "unknown path");
      return;
    }
    sockets.add(ws);
    clients.incrementAndGet();
    // removed after the current broadcast loop, never during it
    ws.closeHandler(v -> context.runOnContext(x -> {
      sockets.remove(ws);
      clients.decrementAndGet();
    }));
  }

  private void broadcast(String json) {
    int written = 0;
    int full = 0;
    for (ServerWebSocket ws : sockets) {
      if (ws.writeQueueFull()) {
        full++;
      } else {
        ws.writeTextMessage(json);
        written++;
      }
    }
    messages.add(written);
    dropped.add(full);
  }
}
