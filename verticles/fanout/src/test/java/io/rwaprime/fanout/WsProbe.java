package io.rwaprime.fanout;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client over loopback that records every text message it receives. */
final class WsProbe {

  /** Held for the probe's life: Vert.x closes a WebSocket client, and its connections, once it is unreachable. */
  final WebSocketClient client;
  final WebSocket ws;
  final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  final Promise<Void> closed = Promise.promise();

  private WsProbe(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(received::add);
    // the SockJS raw-websocket transport sends the bridge's own frames (errors, private messages) as binary
    ws.binaryMessageHandler(b -> received.add(b.toString()));
    ws.closeHandler(v -> closed.tryComplete());
  }

  static WsProbe connect(Vertx vertx, int port, String uri, String origin) throws Exception {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(uri);
    if (origin != null) {
      o.addHeader("Origin", origin);
    }
    WebSocketClient client = vertx.createWebSocketClient();
    return new WsProbe(client, client.connect(o).await(10, TimeUnit.SECONDS));
  }

  void send(JsonObject msg) throws Exception {
    ws.writeTextMessage(msg.encode()).await(5, TimeUnit.SECONDS);
  }

  /** The next message, or null after {@code millis}. */
  String next(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** The next message that contains {@code fragment}, skipping others; null after {@code millis}. */
  String nextContaining(String fragment, long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end) {
      String m = received.poll(end - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
      if (m != null && m.contains(fragment)) {
        return m;
      }
    }
    return null;
  }
}
