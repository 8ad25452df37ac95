package io.rwaprime.fanout;

import io.rwaprime.common.auth.Jwt;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The browser bridge's gatekeeper, called for every bridge event of one HTTP verticle instance.
 * <ul>
 *   <li>Public market addresses ({@link Channels#PUBLIC}): a REGISTER subscribes the socket in the
 *   {@link ClientHub}, which delivers batched, conflated JSON on {@link ClientHub#BATCH_ADDRESS}; the bridge's own
 *   consumer is moved to a silent {@code ui.sub.*} address so the binary records never reach the bridge.</li>
 *   <li>User-private addresses: REGISTER only with a valid access token of that user in the message's
 *   {@code headers.Authorization} (never a cookie: no CSRF); RECEIVE turns the record into JSON and rechecks
 *   expiry; the socket is closed when the token expires.</li>
 *   <li>SEND and PUBLISH: refused — the UI needs no inbound address, and a {@code replyAddress} is never let
 *   through. A message carrying an invalid token is refused whatever it asks.</li>
 * </ul>
 */
final class BridgeGuard implements Handler<BridgeEvent> {

  /** Prefix of the silent addresses the bridge registers in place of public ones. */
  static final String SILENT_PREFIX = "ui.sub.";
  private static final Logger LOG = LoggerFactory.getLogger(BridgeGuard.class);

  private final Vertx vertx;
  private final ClientHub hub;
  private final Tokens tokens;
  private final FanoutMetrics metrics;
  private final Map<SockJSSocket, Session> sessions = new HashMap<>();

  private static final class Session {
    private String userId;
    private java.time.Instant expires;
    private long timer = -1;
  }

  BridgeGuard(Vertx vertx, ClientHub hub, Tokens tokens, FanoutMetrics metrics) {
    this.vertx = vertx;
    this.hub = hub;
    this.tokens = tokens;
    this.metrics = metrics;
  }

  @Override
  public void handle(BridgeEvent event) {
    try {
      decide(event);
    } catch (RuntimeException e) {
      LOG.warn("bridge event refused [type: {}, reason: {}]", event.type(), e.toString());
      event.tryComplete(false);
    }
  }

  private void decide(BridgeEvent event) {
    BridgeEventType type = event.type();
    SockJSSocket socket = event.socket();
    boolean ok = switch (type) {
      case SOCKET_CREATED -> {
        sessions.put(socket, new Session());
        yield true;
      }
      case SOCKET_CLOSED -> {
        Session s = sessions.remove(socket);
        if (s != null && s.timer >= 0) {
          vertx.cancelTimer(s.timer);
        }
        hub.detach(socket);
        yield true;
      }
      case REGISTER, UNREGISTER -> authenticated(event) && register(event, type == BridgeEventType.REGISTER);
      case SEND, PUBLISH -> {
        authenticated(event);
        yield false;
      }
      case RECEIVE -> receive(event);
      default -> true;
    };
    if (!ok) {
      metrics.refused.increment();
    }
    event.complete(ok);
  }

  private boolean register(BridgeEvent event, boolean register) {
    JsonObject raw = event.getRawMessage();
    String address = raw.getString("address");
    SockJSSocket socket = event.socket();
    if (Channels.isPublic(address) || ClientHub.BATCH_ADDRESS.equals(address)) {
      Client c = hub.attach(socket, new BridgeSink(socket), true);
      if (Channels.isPublic(address)) {
        String channel = address.substring(Channels.PREFIX.length());
        if (register) {
          hub.subscribe(c, channel);
        } else {
          hub.unsubscribe(c, channel);
        }
      }
      raw.put("address", SILENT_PREFIX + address);
      return true;
    }
    String owner = Channels.privateOwner(address);
    if (owner == null) {
      return false;
    }
    if (!register) {
      return true;
    }
    Session s = sessions.get(socket);
    return s != null && owner.equals(s.userId) && hasToken(raw);
  }

  /** Verifies a token in the message, if any; false (and refused) when one is present and invalid. */
  private boolean authenticated(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    if (raw == null) {
      return false;
    }
    if (raw.containsKey("replyAddress")) {
      return false;
    }
    String token = token(raw);
    if (token == null) {
      return true;
    }
    Session s = sessions.computeIfAbsent(event.socket(), k -> new Session());
    try {
      Tokens.Identity id = tokens.verify(token);
      if (s.userId != null && !s.userId.equals(id.userId())) {
        LOG.warn("bridge token of another user refused [socket user: {}, token user: {}]", s.userId, id.userId());
        return false;
      }
      s.userId = id.userId();
      if (s.expires == null || id.expires().isAfter(s.expires)) {
        s.expires = id.expires();
        if (s.timer >= 0) {
          vertx.cancelTimer(s.timer);
        }
        SockJSSocket socket = event.socket();
        s.timer = vertx.setTimer(tokens.millisUntil(id.expires()), t -> {
          LOG.debug("bridge socket closed: access token expired [user: {}]", id.userId());
          socket.close();
        });
      }
      return true;
    } catch (Jwt.InvalidTokenException e) {
      LOG.debug("bridge token refused [reason: {}]", e.getMessage());
      return false;
    }
  }

  private boolean receive(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    String owner = Channels.privateOwner(raw.getString("address"));
    Session s = sessions.get(event.socket());
    if (owner == null || s == null || !owner.equals(s.userId) || s.expires == null
        || !s.expires.isAfter(java.time.Instant.now())) {
      return false;
    }
    Object body = raw.getValue("body");
    raw.put("body", Payloads.toJson(body));
    raw.remove("replyAddress");
    return true;
  }

  private static boolean hasToken(JsonObject raw) {
    return token(raw) != null;
  }

  private static String token(JsonObject raw) {
    JsonObject headers = raw.getJsonObject("headers");
    if (headers == null) {
      return null;
    }
    Object h = headers.getValue("Authorization", headers.getValue("authorization"));
    return h instanceof String str ? Tokens.bearer(str) : null;
  }
}
