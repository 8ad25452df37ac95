package io.rwaprime.ingestion.onchain;

import io.reactivex.disposables.Disposable;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.websocket.WebSocketService;

import java.net.URI;
import java.util.List;

/**
 * {@code eth_subscribe("newHeads")} over WebSocket (web3j's {@link WebSocketService}): every new head runs
 * {@code onHead} on the owner's context. A closed or failed socket reconnects with backoff (1 s doubling to 30 s),
 * moving on to the next URL; meanwhile the owner's head polling carries on alone.
 */
final class HeadSubscription {

  private static final Logger LOG = LoggerFactory.getLogger(HeadSubscription.class);

  private final Vertx vertx;
  private final List<URI> urls;
  private final Runnable onHead;
  private final io.vertx.core.Context context;
  private volatile boolean closed;
  private volatile boolean connected;
  private boolean reconnecting;
  private volatile WebSocketService service;
  private volatile Disposable subscription;
  private int next;
  private long backoffMs = 1_000;

  HeadSubscription(Vertx vertx, List<URI> urls, Runnable onHead) {
    this.vertx = vertx;
    this.urls = urls;
    this.onHead = onHead;
    this.context = vertx.getOrCreateContext();
  }

  /** Whether a subscription is live. */
  boolean connected() {
    return connected;
  }

  void start() {
    connect();
  }

  private void connect() {
    if (closed) {
      return;
    }
    URI url = urls.get(next++ % urls.size());
    vertx.executeBlocking(() -> {
      WebSocketService ws = new WebSocketService(url.toString(), false);
      ws.connect(message -> {}, error -> dropped(url, error), () -> dropped(url, null));
      Disposable d = Web3j.build(ws).newHeadsNotifications().subscribe(
          head -> context.runOnContext(v -> onHead.run()),
          error -> dropped(url, error));
      service = ws;
      subscription = d;
      return ws;
    }, false).onSuccess(ws -> {
      connected = true;
      backoffMs = 1_000;
      LOG.info("newHeads subscribed [url: {}]", url);
    }).onFailure(e -> dropped(url, e));
  }

  private void dropped(URI url, Throwable error) {
    if (closed) {
      return;
    }
    boolean was = connected;
    connected = false;
    if (was || error != null) {
      LOG.warn("newHeads subscription lost [url: {}, error: {}]", url, error == null ? "closed" : error.toString());
    }
    context.runOnContext(v -> {
      if (closed || connected || reconnecting) {
        return;
      }
      reconnecting = true;
      release();
      long delay = backoffMs;
      backoffMs = Math.min(30_000, backoffMs * 2);
      vertx.setTimer(delay, id -> {
        reconnecting = false;
        if (!connected) {
          connect();
        }
      });
    });
  }

  private void release() {
    Disposable d = subscription;
    WebSocketService ws = service;
    subscription = null;
    service = null;
    if (d != null) {
      d.dispose();
    }
    if (ws != null) {
      try {
        ws.close();
      } catch (RuntimeException e) {
        LOG.debug("closing a WebSocket failed", e);
      }
    }
  }

  void close() {
    closed = true;
    connected = false;
    release();
  }
}
