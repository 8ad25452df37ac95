package io.rwaprime.fanout;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The TCP event-bus bridge for non-JVM consumers (vertx-tcp-eventbus-bridge: frames of a 4-byte big-endian length and
 * a UTF-8 JSON object; {@code clients/node/} holds a small Node.js client). The same outbound permissions as the
 * browser bridge's public side — ticks, bars, forecasts, risk, news, feed status, on-chain events — and nothing else:
 * no user-private address (there is no authentication on this port; keep it inside the mesh), nothing inbound, no
 * replies. Every message leaves as the record's JSON form, never a binary codec.
 */
final class TcpBridge {

  private static final Logger LOG = LoggerFactory.getLogger(TcpBridge.class);

  private TcpBridge() {}

  /** Prefix of the mirror addresses that carry the JSON form of each public message: {@code json.rwa.ticks.PAXG}. */
  static final String MIRROR = "json.";

  /**
   * Mirrors every public address as JSON on {@value #MIRROR}{@code <address>} in this process (the bridge would
   * otherwise serialize the records reflectively, not in their documented JSON form) and bridges only the mirrors:
   * on this port a client registers {@code json.rwa.ticks.PAXG} (the Node.js client adds and strips the prefix).
   */
  static Future<TcpEventBusBridge> start(Vertx vertx, String host, int port, List<String> addresses) {
    for (String address : addresses) {
      vertx.eventBus().consumer(address, m -> vertx.eventBus().publish(MIRROR + address, Payloads.toJson(m.body()),
          new io.vertx.core.eventbus.DeliveryOptions().setLocalOnly(true)));
    }
    BridgeOptions options = new BridgeOptions();
    String mirror = MIRROR.replace(".", "\\.");
    Channels.PUBLIC.forEach(p -> options.addOutboundPermitted(new PermittedOptions()
        .setAddressRegex(mirror + p.pattern())));
    return TcpEventBusBridge.create(vertx, options, new NetServerOptions().setTcpNoDelay(true), TcpBridge::guard)
        .listen(port, host)
        .onSuccess(b -> LOG.info("TCP event-bus bridge listening [host: {}, port: {}]", host, port));
  }

  /** Mirrors of public addresses only; nothing inbound, no replies. */
  private static void guard(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    switch (event.type()) {
      case SEND, PUBLISH -> event.complete(false);
      case REGISTER, UNREGISTER -> {
        String address = raw == null ? "" : raw.getString("address", "");
        event.complete(address.startsWith(MIRROR) && Channels.isPublic(address.substring(MIRROR.length())));
      }
      case RECEIVE -> {
        raw.remove("replyAddress");
        event.setRawMessage(raw);
        event.complete(true);
      }
      default -> event.complete(true);
    }
  }
}
