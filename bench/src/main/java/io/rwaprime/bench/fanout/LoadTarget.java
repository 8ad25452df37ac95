package io.rwaprime.bench.fanout;

import io.vertx.core.Vertx;

import java.util.Map;

/** A server under load in the server process: the fanout role, or the unbatched baseline broadcast. */
interface LoadTarget {

  /** Starts serving WebSocket clients on {@code port} of 127.0.0.1 (blocking until it listens). */
  void start(Vertx vertx, int port) throws Exception;

  /** An access token the clients may present (the stream needs one), or {@code "-"}. */
  String token();

  /** The target's own counters (cumulative): messages and frames written, conflated, dropped, … */
  Map<String, Long> counters();
}
