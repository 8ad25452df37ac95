package io.rwaprime.ingestion.source;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration of a {@link WebSocketSource} ({@code type: websocket}). In YAML:
 * <pre>{@code
 * - type: websocket
 *   name: kraken                        # [a-z0-9][a-z0-9._-]{0,63}; the records' source
 *   url: wss://ws.example.com/v2        # ws or wss; may reference ${NAME}
 *   symbols: {PAXG/USD: PAXG, XAUT/USD: XAUT}   # or a list when provider and mesh symbols agree
 *   subscribe: '{"op":"subscribe","channel":"ticker","symbol":"{symbol}"}'
 *   mapping: {items: /data, symbol: /symbol, price: /last, volume: /volume, ts: /timestamp, seq: /seq}
 *   headers: {Authorization: "Bearer ${KRAKEN_TOKEN}"}
 *   currency: USD
 *   heartbeat-interval: PT15S           # a ping frame, or heartbeat-message, this often; 10 ms .. 10 min
 *   heartbeat-message: '{"op":"ping"}'  # optional; without it a WebSocket ping frame is sent
 *   idle-timeout: PT45S                 # nothing received (pongs count) for this long: reconnect
 *   backoff-base: PT0.5S                # reconnect backoff, see Backoff
 *   backoff-max: PT1M
 *   connect-timeout: PT10S
 *   max-message-bytes: 1048576          # 1 KiB .. 64 MiB; a larger message closes the connection
 * }</pre>
 *
 * @param name              the source name
 * @param url               ws or wss URL; {@code ${NAME}} is replaced by an environment variable
 * @param symbols           provider symbol → mesh symbol
 * @param subscribe         message sent after each (re)connect: with {@code {symbol}}, once per provider symbol;
 *                          with {@code {symbols}}, once with a JSON array of all provider symbols; with neither, once
 *                          as written. May reference {@code ${NAME}}. Empty: nothing is sent
 * @param mapping           where the fields are in a message; a message (or {@code items} element) without a
 *                          price is not a tick and is ignored; with more than one symbol a {@code symbol} pointer
 *                          is required
 * @param headers           handshake headers; values may reference {@code ${NAME}}
 * @param currency          the currency when the mapping gives none
 * @param heartbeatInterval how often a heartbeat is sent
 * @param heartbeatMessage  the text message sent as heartbeat; empty: a ping frame
 * @param idleTimeout       silence after which the connection is considered dead; longer than the heartbeat interval
 * @param backoff           waits between reconnection attempts
 * @param connectTimeout    limit of the TCP connect and of the handshake
 * @param maxMessageBytes   largest message accepted
 */
public record WebSocketConfig(String name, String url, Map<String, String> symbols, Optional<String> subscribe,
                              FieldMapping mapping, Map<String, String> headers, Optional<String> currency,
                              Duration heartbeatInterval, Optional<String> heartbeatMessage, Duration idleTimeout,
                              Backoff backoff, Duration connectTimeout, int maxMessageBytes) implements SourceConfig {

  /** Default {@code heartbeat-interval}. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
  /** Default {@code idle-timeout}. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(45);
  /** Default {@code backoff-base} and {@code backoff-max}. */
  public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofMinutes(1));
  /** Default {@code connect-timeout}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@code max-message-bytes}: 1 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

  private static final Set<String> KEYS = Set.of("type", "name", "url", "symbols", "subscribe", "mapping", "headers",
      "currency", "heartbeat-interval", "heartbeat-message", "idle-timeout", "backoff-base", "backoff-max",
      "connect-timeout", "max-message-bytes");

  /** Validates every component; messages start with the configuration key. */
  public WebSocketConfig {
    SourceConfigs.checkName(name);
    SourceConfigs.checkUrl("url", url, List.of("ws", "wss"));
    symbols = SourceConfigs.checkSymbols(symbols);
    subscribe = subscribe == null ? Optional.empty() : subscribe;
    subscribe.ifPresent(s -> {
      if (s.contains("{symbol}") && s.contains("{symbols}")) {
        throw new IllegalArgumentException("subscribe: use {symbol} (one message per symbol) or {symbols} (one"
            + " message for all), not both");
      }
      EnvTemplate.check("subscribe", s);
    });
    if (mapping == null) {
      throw new IllegalArgumentException("mapping: is required");
    }
    if (symbols.size() > 1 && mapping.symbol().isEmpty()) {
      throw new IllegalArgumentException("mapping.symbol: is required when there is more than one symbol, to tell"
          + " whose tick a message is");
    }
    headers = SourceConfigs.checkHeaders(headers);
    currency = currency == null ? Optional.empty() : currency;
    SourceConfigs.checkDuration("heartbeat-interval", heartbeatInterval, Duration.ofMillis(10), Duration.ofMinutes(10));
    heartbeatMessage = heartbeatMessage == null ? Optional.empty() : heartbeatMessage;
    if (idleTimeout == null || idleTimeout.compareTo(heartbeatInterval) <= 0 || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("idle-timeout: must be longer than heartbeat-interval (" + heartbeatInterval
          + ") and at most 1 h, was " + idleTimeout);
    }
    if (backoff == null) {
      throw new IllegalArgumentException("backoff-base: is required");
    }
    SourceConfigs.checkDuration("connect-timeout", connectTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
    SourceConfigs.checkRange("max-message-bytes", maxMessageBytes, 1024, 64L * 1024 * 1024);
  }

  @Override
  public String type() {
    return SourceConfigs.WEBSOCKET;
  }

  /**
   * Reads one {@code type: websocket} entry.
   *
   * @param keyPath where it sits, e.g. {@code ingestion.sources[1]}
   * @throws IllegalArgumentException starting with the key path of the offending value
   */
  public static WebSocketConfig fromJson(JsonObject json, String keyPath) {
    SourceConfigs.Reader r = new SourceConfigs.Reader(json, keyPath, KEYS);
    String name = r.string("name");
    String url = r.string("url");
    Map<String, String> symbols = r.symbols("symbols");
    Optional<String> subscribe = r.optString("subscribe");
    FieldMapping mapping = FieldMapping.fromJson(r.object("mapping"), r.path("mapping"));
    Map<String, String> headers = r.stringMap("headers");
    Optional<String> currency = r.optString("currency");
    Duration heartbeat = r.duration("heartbeat-interval", DEFAULT_HEARTBEAT_INTERVAL);
    Optional<String> heartbeatMessage = r.optString("heartbeat-message");
    Duration idle = r.duration("idle-timeout", DEFAULT_IDLE_TIMEOUT);
    Backoff backoff = r.backoff(DEFAULT_BACKOFF);
    Duration connect = r.duration("connect-timeout", DEFAULT_CONNECT_TIMEOUT);
    int maxMessage = r.integer("max-message-bytes", DEFAULT_MAX_MESSAGE_BYTES);
    return SourceConfigs.build(keyPath, () -> new WebSocketConfig(name, url, symbols, subscribe, mapping, headers,
        currency, heartbeat, heartbeatMessage, idle, backoff, connect, maxMessage));
  }
}
