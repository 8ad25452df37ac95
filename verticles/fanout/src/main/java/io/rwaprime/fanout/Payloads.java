package io.rwaprime.fanout;

import io.vertx.core.json.JsonObject;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a bus payload (a record of {@code event-bus-codecs} with its {@code toJson()}, or a {@code JsonObject}) into
 * JSON for the edge; the browser never sees a binary codec. The conflation key is the channel plus the payload's
 * symbol (and forecast horizon), or an on-chain event's identity, so only a newer value of the same thing replaces a
 * pending one.
 */
final class Payloads {

  private static final Map<Class<?>, Method> TO_JSON = new ConcurrentHashMap<>();

  private Payloads() {}

  static JsonObject toJson(Object body) {
    if (body instanceof JsonObject json) {
      return json;
    }
    Method m = TO_JSON.computeIfAbsent(body.getClass(), c -> {
      try {
        return c.getMethod("toJson");
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException("no JSON form for " + c.getName());
      }
    });
    try {
      return (JsonObject) m.invoke(body);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("toJson failed for " + body.getClass().getName(), e);
    }
  }

  /**
   * The conflation key of {@code json} on {@code channel}; news items are never conflated (each is distinct). An
   * on-chain event is keyed by its identity (chain, transaction, log index), never by its symbol: a later state of the
   * same event (final, retracted) replaces a pending one, but one transfer never hides another.
   */
  static String key(String channel, JsonObject json, long seq) {
    Object tx = json.getValue("tx_hash");
    if (tx != null) {
      return channel + "|" + json.getValue("chain") + "|" + tx + "|" + json.getValue("log_index");
    }
    Object symbol = json.getValue("symbol");
    if (symbol == null) {
      symbol = json.getValue("name");
    }
    if (symbol == null || channel.equals("news")) {
      return channel + "#" + seq;
    }
    Object horizon = json.getValue("horizon_days");
    return horizon == null ? channel + "|" + symbol : channel + "|" + symbol + "|" + horizon;
  }
}
