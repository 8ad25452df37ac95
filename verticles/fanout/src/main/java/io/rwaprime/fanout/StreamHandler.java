package io.rwaprime.fanout;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/stream}: the plain WebSocket JSON stream for enterprise clients. Client messages
 * {@code {"op":"subscribe","channels":["ticks.PAXG","bars.1m","risk"],"resume_from":{"ticks.PAXG":1234}}} and
 * {@code {"op":"unsubscribe","channels":[…]}}; server frames are JSON arrays of {@code {channel, seq, data}} (one
 * frame per batch window), control answers {@code {"op":"subscribed"|"unsubscribed"|"gap"|"error", …}}. A resume
 * replays every message after the given sequence number in order, then continues live; when the replay buffer no
 * longer holds them the client gets {@code {"op":"gap","channel":…}} first. Live values of one symbol pending for a
 * slow client are conflated (the seq jumps); {@code resume_from} fetches what was skipped while it is buffered.
 */
final class StreamHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(StreamHandler.class);

  private final Vertx vertx;
  private final ClientHub hub;
  private final Feed feed;
  private final StreamAuth auth;
  private final Tokens tokens;
  private final long pingMillis;

  StreamHandler(Vertx vertx, ClientHub hub, Feed feed, StreamAuth auth, Tokens tokens, long pingMillis) {
    this.vertx = vertx;
    this.hub = hub;
    this.feed = feed;
    this.auth = auth;
    this.tokens = tokens;
    this.pingMillis = pingMillis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    auth.authenticate(ctx).onComplete(ar -> {
      if (ar.failed() || ar.result().isEmpty()) {
        // refused before the upgrade; no body: a WebSocket client reads the status line only
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"rwa-prime\"")
            .putHeader("Connection", "close").end();
        return;
      }
      StreamAuth.Caller caller = ar.result().get();
      ctx.request().toWebSocket().onSuccess(ws -> open(ws, caller))
          .onFailure(e -> LOG.debug("stream upgrade failed [reason: {}]", e.getMessage()));
    });
  }

  private void open(ServerWebSocket ws, StreamAuth.Caller caller) {
    Client client = hub.attach(ws, new Client.Sink() {
      @Override
      public boolean writeQueueFull() {
        return ws.writeQueueFull();
      }

      @Override
      public void write(String frame) {
        ws.writeTextMessage(frame);
      }
    }, false);
    long ping = vertx.setPeriodic(pingMillis, id -> ws.writePing(Buffer.buffer("rwa")));
    long expiry = caller.expires() == null ? -1
        : vertx.setTimer(tokens.millisUntil(caller.expires()), id -> ws.close((short) 1008, "token expired"));
    ws.closeHandler(v -> {
      vertx.cancelTimer(ping);
      vertx.cancelTimer(expiry);
      hub.detach(ws);
    });
    ws.textMessageHandler(text -> onMessage(ws, client, text));
  }

  private void onMessage(ServerWebSocket ws, Client client, String text) {
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      reply(ws, "error", "messages are JSON objects with an op");
      return;
    }
    String op = msg.getString("op", "");
    JsonArray channels = msg.getValue("channels") instanceof JsonArray a ? a : new JsonArray();
    List<String> valid = new ArrayList<>();
    for (Object ch : channels) {
      if (!(ch instanceof String s) || !Channels.isPublic(Channels.PREFIX + s)) {
        reply(ws, "error", "unknown channel: " + ch);
        return;
      }
      valid.add(s);
    }
    switch (op) {
      case "subscribe" -> {
        JsonObject resume = msg.getValue("resume_from") instanceof JsonObject r ? r : new JsonObject();
        for (String ch : valid) {
          if (resume.getValue(ch) instanceof Number from) {
            Feed.Resume r = feed.resume(ch, from.longValue());
            if (r.gap()) {
              ws.writeTextMessage(new JsonObject().put("op", "gap").put("channel", ch).put("resume_from", from.longValue())
                  .put("replayed_from", r.messages().isEmpty() ? null : r.messages().get(0).seq()).encode());
            }
            hub.sendNow(client, r.messages());
          }
          hub.subscribe(client, ch);
        }
        ws.writeTextMessage(new JsonObject().put("op", "subscribed").put("channels", new JsonArray(valid)).encode());
      }
      case "unsubscribe" -> {
        valid.forEach(ch -> hub.unsubscribe(client, ch));
        ws.writeTextMessage(new JsonObject().put("op", "unsubscribed").put("channels", new JsonArray(valid)).encode());
      }
      default -> reply(ws, "error", "op must be subscribe or unsubscribe");
    }
  }

  private static void reply(ServerWebSocket ws, String op, String message) {
    ws.writeTextMessage(new JsonObject().put("op", op).put("message", message).encode());
  }
}
