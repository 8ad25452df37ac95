package io.rwaprime.fanout;

import io.vertx.ext.web.handler.sockjs.SockJSSocket;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A browser's SockJS socket as a {@link Client.Sink}, with the backpressure signal the socket lacks. In vertx-web
 * 5.0.8 a SockJS session's {@code writeQueueFull()} counts only the session's own list of pending messages, which its
 * WebSocket transport hands to the WebSocket at once: it never reports a browser that stops reading, and the frames
 * pile up in the WebSocket's buffer without limit. A session's write completes when the WebSocket's write does (its
 * bytes have gone to the kernel), so this sink counts the characters of the writes not yet completed and reports the
 * socket full beyond {@link #HIGH_WATER_CHARS}, like the 64 KiB high-water mark of a plain WebSocket's channel.
 */
final class BridgeSink implements Client.Sink {

  static final int HIGH_WATER_CHARS = 64 * 1024;

  private final SockJSSocket socket;
  // written and completed on the socket's event loop (the hub's); atomic so that no context assumption is needed
  private final AtomicLong unwritten = new AtomicLong();

  BridgeSink(SockJSSocket socket) {
    this.socket = socket;
  }

  @Override
  public boolean writeQueueFull() {
    return unwritten.get() >= HIGH_WATER_CHARS || socket.writeQueueFull();
  }

  @Override
  public void write(String frame) {
    int chars = frame.length();
    unwritten.addAndGet(chars);
    socket.write(frame).onComplete(ar -> unwritten.addAndGet(-chars));
  }
}
