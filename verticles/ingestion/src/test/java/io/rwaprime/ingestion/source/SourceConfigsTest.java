package io.rwaprime.ingestion.source;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading connector definitions: typed values, defaults, and errors that start with the key path. */
class SourceConfigsTest {

  private static final String AT = "ingestion.sources[2]";

  private static JsonObject http() {
    return new JsonObject()
        .put("type", "http-poll")
        .put("name", "goldapi")
        .put("url", "https://api.example.com/v1/ticker/{symbol}?since={from}&key=${GOLD_KEY}")
        .put("symbols", new JsonObject().put("PAXGUSDT", "PAXG"))
        .put("interval", "PT5S")
        .put("headers", new JsonObject().put("X-Api-Key", "${GOLD_KEY}"))
        .put("mapping", new JsonObject().put("items", "/data").put("price", "/last").put("ts", "/time"))
        .put("currency", "USD")
        .put("from-format", "epoch-millis");
  }

  private static JsonObject ws() {
    return new JsonObject()
        .put("type", "websocket")
        .put("name", "kraken")
        .put("url", "wss://ws.example.com/v2")
        .put("symbols", new JsonArray().add("PAXG/USD").add("XAUT/USD"))
        .put("subscribe", "{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":{symbols}}}")
        .put("mapping", new JsonObject().put("items", "/data").put("symbol", "/symbol").put("price", "/last"))
        .put("heartbeat-interval", "PT10S")
        .put("idle-timeout", "PT30S");
  }

  @Test
  void readsHttpPollingWithDefaults() {
    HttpPollingConfig c = (HttpPollingConfig) SourceConfigs.fromJson(http(), AT);
    assertThat(c.name()).isEqualTo("goldapi");
    assertThat(c.symbols()).containsExactly(Map.entry("PAXGUSDT", "PAXG"));
    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.mapping().items()).hasValue("/data");
    assertThat(c.mapping().volume()).isEmpty();
    assertThat(c.fromFormat()).isEqualTo(HttpPollingConfig.TimeFormat.EPOCH_MILLIS);
    assertThat(c.backoff()).isEqualTo(HttpPollingConfig.DEFAULT_BACKOFF);
    assertThat(c.maxBodyBytes()).isEqualTo(HttpPollingConfig.DEFAULT_MAX_BODY_BYTES);
    assertThat(c.type()).isEqualTo("http-poll");
  }

  @Test
  void readsWebSocketAndFred() {
    WebSocketConfig w = (WebSocketConfig) SourceConfigs.fromJson(ws(), AT);
    assertThat(w.symbols()).containsExactly(Map.entry("PAXG/USD", "PAXG/USD"), Map.entry("XAUT/USD", "XAUT/USD"));
    assertThat(w.heartbeatMessage()).isEmpty();
    assertThat(w.backoff()).isEqualTo(WebSocketConfig.DEFAULT_BACKOFF);

    FredConfig f = (FredConfig) SourceConfigs.fromJson(new JsonObject().put("type", "fred").put("series", "DFF, DTB3,CPIAUCSL")
        .put("backoff-base", "PT1S"), AT);
    assertThat(f).isEqualTo(new FredConfig("fred", FredConfig.DEFAULT_BASE_URL, List.of("DFF", "DTB3", "CPIAUCSL"),
        "${FRED_API_KEY}", Duration.ofHours(1), Duration.ofDays(30), new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(30)),
        8 * 1024 * 1024, Duration.ofSeconds(30)));
  }

  @Test
  void errorsStartWithTheKeyPath() {
    assertError(http().put("url", "ftp://example.com/{symbol}"), AT + ".url: must be an absolute http or https URL");
    assertError(http().put("url", "https://example.com/prices"), AT + ".url: must contain the {symbol} placeholder");
    assertError(http().put("url", "https://example.com/{symbol}/{to}"), AT + ".url: unknown placeholder {to}");
    assertError(http().put("intervall", "PT1S"), AT + ".intervall: unknown key");
    assertError(http().put("interval", "5s"), AT + ".interval: expected an ISO-8601 duration such as PT5S, got '5s'");
    assertError(http().put("interval", "PT0S"), AT + ".interval: must be between PT0.01S and PT24H, was PT0S");
    assertError(http().put("mapping", new JsonObject().put("volume", "/v")), AT + ".mapping.price: is required");
    assertError(http().put("mapping", new JsonObject().put("price", "data/last")), AT + ".mapping.price: must be a JSON pointer");
    assertError(http().put("headers", new JsonObject().put("X-Key", "${1BAD}")), AT + ".headers.X-Key: '${' must start");
    assertError(http().put("symbols", new JsonArray()), AT + ".symbols: at least one symbol is required");
    assertError(http().put("symbols", new JsonArray().add("PAXG USD")), AT + ".symbols: 'PAXG USD' is not a valid symbol");
    assertError(http().put("from-format", "unix"), AT + ".from-format: must be one of iso, epoch-seconds, epoch-millis");
    assertError(http().put("max-body-bytes", 10), AT + ".max-body-bytes: must be between 1024 and 67108864, was 10");
    assertError(http().put("backoff-base", "PT10S").put("backoff-max", "PT1S"), AT + ".backoff-max: must be between backoff-base");
    assertError(http().put("name", "Gold API"), AT + ".name: must match");
    assertError(http().put("type", "carrier-pigeon"), AT + ".type: must be one of [http-poll, websocket, fred]");

    assertError(ws().put("url", "https://ws.example.com"), AT + ".url: must be an absolute ws or wss URL");
    assertError(ws().put("idle-timeout", "PT5S"), AT + ".idle-timeout: must be longer than heartbeat-interval (PT10S)");
    assertError(ws().put("mapping", new JsonObject().put("price", "/last")), AT + ".mapping.symbol: is required when");
    assertError(ws().put("subscribe", "{symbol} {symbols}"), AT + ".subscribe: use {symbol}");

    assertError(new JsonObject().put("type", "fred"), AT + ".series: at least one series id is required");
    assertError(new JsonObject().put("type", "fred").put("series", "DTB3").put("base-url", "https://x.example/?a=1"),
        AT + ".base-url: must have no query or fragment");
    assertError(new JsonObject().put("type", "fred").put("series", "DTB3").put("lookback", "PT1H"),
        AT + ".lookback: must be between PT24H and");
  }

  @Test
  void compactConstructorsNameTheField() {
    assertThatThrownBy(() -> new WebSocketConfig("x", "ws://h/", Map.of("A", "A"), Optional.empty(), FieldMapping.price("/p"),
        Map.of(), Optional.empty(), Duration.ofSeconds(1), Optional.empty(), Duration.ofSeconds(5),
        WebSocketConfig.DEFAULT_BACKOFF, Duration.ofSeconds(1), 10))
        .hasMessageStartingWith("max-message-bytes: must be between 1024");
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).hasMessageStartingWith("backoff-base:");
  }

  private static void assertError(JsonObject json, String messageStart) {
    assertThatThrownBy(() -> SourceConfigs.fromJson(json, AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(messageStart);
  }
}
