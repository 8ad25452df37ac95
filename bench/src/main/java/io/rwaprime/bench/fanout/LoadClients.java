package io.rwaprime.bench.fanout;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * N WebSocket clients of one {@link Transport}, spread round-robin over several local source addresses
 * ({@code 127.x.y.z}: one address offers about 28 k ephemeral ports, and the previous run's connections may still
 * hold some in TIME_WAIT), each subscribed to every symbol's ticks and recording into one {@link Deliveries}.
 */
final class LoadClients {

  private static final long PING_MS = 5_000;

  private final Vertx vertx;
  private final List<WebSocketClient> clients = new ArrayList<>();
  private final int port;
  private final Transport transport;
  private final String token;
  private final String subscribe;
  private final Deliveries deliveries;
  private final ConcurrentLinkedQueue<WebSocket> sockets = new ConcurrentLinkedQueue<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger closedByServer = new AtomicInteger();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private long pingTimer = -1;

  LoadClients(Vertx vertx, List<String> localAddresses, int port, Transport transport, String token,
              List<String> symbols, Deliveries deliveries) {
    this.vertx = vertx;
    this.port = port;
    this.transport = transport;
    this.token = token;
    this.subscribe = transport.subscribe(symbols);
    this.deliveries = deliveries;
    for (String address : localAddresses) {
      clients.add(vertx.createWebSocketClient(new WebSocketClientOptions()
          .setLocalAddress(address)
          .setMaxConnections(1_000_000)
          .setConnectTimeout(60_000)));
    }
  }

  /** Opens {@code n} clients, at most {@code inFlight} handshakes at a time; returns how many are open. */
  int connect(int n, int inFlight) throws Exception {
    // pings start before the first socket opens: the bridge closes a socket that sent none for 10 s, and opening
    // ten thousand takes longer than that
    String ping = transport.ping();
    if (ping != null) {
      pingTimer = vertx.setPeriodic(PING_MS, id -> sockets.forEach(ws -> ws.writeTextMessage(ping)));
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> chains = new ArrayList<>();
    for (int k = 0; k < inFlight; k++) {
      chains.add(chain(next, n));
    }
    Future.join(chains).await(10, TimeUnit.MINUTES);
    return sockets.size();
  }

  private Future<Void> chain(AtomicInteger next, int n) {
    int i = next.getAndIncrement();
    return i >= n ? Future.succeededFuture() : open(i).transform(ar -> chain(next, n));
  }

  private Future<Void> open(int i) {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI(transport.uri(i, token));
    return clients.get(i % clients.size()).connect(o)
        .<Void>map(ws -> {
          ws.handler(deliveries::accept);
          ws.closeHandler(v -> closedByServer.incrementAndGet());
          if (subscribe != null) {
            ws.writeTextMessage(subscribe);
          }
          sockets.add(ws);
          return null;
        })
        .otherwise(e -> {
          failures.incrementAndGet();
          firstError.compareAndSet(null, String.valueOf(e));
          return null;
        });
  }

  int failures() {
    return failures.get();
  }

  /** Sockets the server closed so far (all of them once the server process is gone). */
  int closedByServer() {
    return closedByServer.get();
  }

  String firstError() {
    return firstError.get();
  }

  void close() throws Exception {
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
    }
    List<Future<Void>> closing = new ArrayList<>();
    clients.forEach(c -> closing.add(c.close()));
    Future.join(closing).await(2, TimeUnit.MINUTES);
    sockets.clear();
  }
}
