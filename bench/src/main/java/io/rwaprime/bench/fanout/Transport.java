package io.rwaprime.bench.fanout;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * How a load client connects and subscribes to every symbol's ticks, and which server process mode serves it.
 * <ul>
 *   <li>{@link #SOCKJS}: what a browser's SockJS client does over its WebSocket transport
 *   ({@code /eventbus/<server>/<session>/websocket}, SockJS framing: {@code o}, {@code h}, {@code a[…]}), with the
 *   vertx-eventbus.js messages: a {@code register} of {@code ui.batch} and of each {@code rwa.ticks.<symbol>}, and a
 *   {@code ping} every 5 s (the bridge closes sockets that stop pinging).</li>
 *   <li>{@link #STREAM}: {@code /api/v1/stream} with an access token and one {@code subscribe} of every
 *   {@code ticks.<symbol>} channel.</li>
 *   <li>{@link #RAW}: the baseline's {@code /raw}, which sends everything to everyone: nothing to subscribe.</li>
 * </ul>
 */
enum Transport {
  SOCKJS("fanout-sockjs", "fanout"),
  STREAM("fanout-stream", "fanout"),
  RAW("baseline-raw-broadcast", "baseline");

  final String scenario;
  final String serverMode;

  Transport(String scenario, String serverMode) {
    this.scenario = scenario;
    this.serverMode = serverMode;
  }

  static Transport ofScenario(String name) {
    for (Transport t : values()) {
      if (t.scenario.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown scenario " + name);
  }

  /** The request URI of client number {@code i}. */
  String uri(int i, String token) {
    return switch (this) {
      case SOCKJS -> "/eventbus/" + (i % 1000) + "/" + session(i) + "/websocket";
      case STREAM -> "/api/v1/stream?access_token=" + token;
      case RAW -> RawBroadcastVerticle.PATH;
    };
  }

  /** The text message that subscribes to every symbol's ticks, or null when there is nothing to send. */
  String subscribe(List<String> symbols) {
    return switch (this) {
      case SOCKJS -> {
        JsonArray frame = new JsonArray().add(register("ui.batch"));
        symbols.forEach(s -> frame.add(register("rwa.ticks." + s)));
        yield frame.encode();
      }
      case STREAM -> new JsonObject().put("op", "subscribe")
          .put("channels", new JsonArray(symbols.stream().map(s -> "ticks." + s).toList())).encode();
      case RAW -> null;
    };
  }

  /** The keep-alive text message the client sends every few seconds, or null. */
  String ping() {
    return this == SOCKJS ? new JsonArray().add(new JsonObject().put("type", "ping").encode()).encode() : null;
  }

  private static String register(String address) {
    return new JsonObject().put("type", "register").put("address", address).encode();
  }

  /** A SockJS session id, unique per client of a run (the server keys its sessions by it). */
  private static String session(int i) {
    return "c" + i;
  }
}
