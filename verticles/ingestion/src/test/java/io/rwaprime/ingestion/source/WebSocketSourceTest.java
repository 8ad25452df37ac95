package io.rwaprime.ingestion.source;

import io.rwaprime.events.RawRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocketSource against a real WebSocket server on loopback speaking a typical exchange ticker protocol:
 * {@code {"op":"subscribe","channel":"ticker","symbol":"PAXG-USD"}} answered by an acknowledgement and then
 * {@code {"channel":"ticker","data":{"s":"PAXG-USD","p":"2650.5","q":"0.2","t":"…","n":1}}} ticks.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WebSocketSourceTest {

  private static final String SUBSCRIBE = "{\"op\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"{symbol}\"}";
  private static final FieldMapping MAPPING = new FieldMapping(Optional.empty(), "/data/p", Optional.of("/data/q"),
      Optional.of("/data/t"), Optional.of("/data/n"), Optional.of("/data/s"), Optional.empty());
  private static final Function<String, String> NO_ENV = name -> null;

  /** One connection as the server saw it. */
  record Conn(ServerWebSocket ws, long openedNanos, List<String> received) {
  }

  private HttpServer server;
  private int port;
  private final List<Conn> connections = new CopyOnWriteArrayList<>();
  private final List<RawRecord> records = new CopyOnWriteArrayList<>();
  private final List<String> gapsSeen = new CopyOnWriteArrayList<>();
  private final List<Source> sources = new ArrayList<>();
  /** What the fake exchange does with each text message: (connection index, connection, message). */
  private volatile TriConsumer behaviour = (i, c, m) -> { };

  interface TriConsumer {
    void accept(int connectionIndex, Conn conn, String message);
  }

  @BeforeEach
  void startServer(Vertx vertx, VertxTestContext ctx) {
    server = vertx.createHttpServer().webSocketHandler(ws -> {
      Conn c = new Conn(ws, System.nanoTime(), new CopyOnWriteArrayList<>());
      connections.add(c);
      int index = connections.size() - 1;
      ws.textMessageHandler(m -> {
        c.received().add(m);
        behaviour.accept(index, c, m);
      });
    });
    server.listen(0, "127.0.0.1").onComplete(ctx.succeeding(s -> {
      port = s.actualPort();
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    Future.all(sources.stream().map(Source::stop).toList())
        .compose(v -> server.close())
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("subscribes once per symbol, maps ticks and ignores acknowledgements")
  void subscribesPerSymbolAndMapsTicks(Vertx vertx, VertxTestContext ctx) {
    behaviour = (i, c, m) -> {
      String symbol = new JsonObject(m).getString("symbol");
      c.ws().writeTextMessage("{\"event\":\"subscribed\",\"symbol\":\"" + symbol + "\"}");
      c.ws().writeTextMessage(tick(symbol, "2650.5", 1));
    };
    WebSocketSource source = start(vertx, config(symbols("PAXG-USD", "PAXG", "XAUT-USD", "XAUT"))
        .heartbeat(Duration.ofSeconds(5), Optional.empty(), Duration.ofSeconds(15)).build());

    when(vertx, ctx, () -> records.size() == 2, () -> {
      assertThat(connections).hasSize(1);
      assertThat(connections.getFirst().received()).containsExactly(
          "{\"op\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"PAXG-USD\"}",
          "{\"op\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"XAUT-USD\"}");
      assertThat(records).extracting(RawRecord::eventId).containsExactlyInAnyOrder("ws:kx:PAXG:1", "ws:kx:XAUT:1");
      RawRecord paxg = records.stream().filter(r -> r.eventId().contains("PAXG")).findFirst().orElseThrow();
      assertThat(new JsonObject(paxg.payload())).isEqualTo(new JsonObject().put("symbol", "PAXG").put("price", "2650.5")
          .put("volume", "0.2").put("currency", "USD").put("ts", "2026-11-23T11:59:59.5Z").put("seq", 1));
      assertThat(source.stats().ignored()).isEqualTo(2);
      assertThat(source.stats().reconnects()).isZero();
    });
  }

  @Test
  @DisplayName("when the server drops the connection the source reconnects and subscribes again")
  void reconnectsAndResubscribesAfterServerDrop(Vertx vertx, VertxTestContext ctx) {
    behaviour = (i, c, m) -> {
      c.ws().writeTextMessage(tick("PAXG-USD", "2650." + i, i + 1));
      if (i == 0) {
        c.ws().close();
      }
    };
    WebSocketSource source = start(vertx, config(symbols("PAXG-USD", "PAXG")).build());

    when(vertx, ctx, () -> records.size() == 2, () -> {
      assertThat(connections).hasSize(2);
      assertThat(connections.get(1).received()).containsExactly(
          "{\"op\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"PAXG-USD\"}");
      assertThat(records).extracting(RawRecord::eventId).containsExactly("ws:kx:PAXG:1", "ws:kx:PAXG:2");
      assertThat(source.stats().reconnects()).isEqualTo(1);
      assertThat(source.stats().gaps()).isZero();
    });
  }

  @Test
  @DisplayName("a server that goes silent is declared dead after the idle timeout and reconnected")
  void silentServerTriggersHeartbeatTimeoutReconnect(Vertx vertx, VertxTestContext ctx) {
    WebSocketSource source = start(vertx, config(symbols("PAXG-USD", "PAXG"))
        .heartbeat(Duration.ofMillis(50), Optional.of("{\"op\":\"ping\"}"), Duration.ofMillis(250)).build());

    when(vertx, ctx, () -> connections.size() >= 2, () -> {
      Conn first = connections.get(0);
      assertThat(first.received()).contains("{\"op\":\"ping\"}");
      assertThat((connections.get(1).openedNanos() - first.openedNanos()) / 1e6)
          .as("not declared dead before the idle timeout").isGreaterThanOrEqualTo(250);
      assertThat(source.stats().reconnects()).isGreaterThanOrEqualTo(1);
      assertThat(source.stats().lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("idle timeout"));
    });
  }

  @Test
  @DisplayName("ping frames answered by pongs keep a quiet connection alive")
  void pongsKeepQuietConnectionAlive(Vertx vertx, VertxTestContext ctx) {
    WebSocketSource source = start(vertx, config(symbols("PAXG-USD", "PAXG"))
        .heartbeat(Duration.ofMillis(50), Optional.empty(), Duration.ofMillis(400)).build());
    // after three idle timeouts of silence but for pongs, still the first connection
    vertx.setTimer(1200, id -> ctx.verify(() -> {
      assertThat(connections).hasSize(1);
      assertThat(source.stats().reconnects()).isZero();
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("a jump in a symbol's sequence is counted and reported; malformed messages are counted")
  void reportsSequenceGap(Vertx vertx, VertxTestContext ctx) {
    behaviour = (i, c, m) -> {
      for (long seq : new long[] {1, 2, 5, 5, 6}) {
        c.ws().writeTextMessage(tick("PAXG-USD", "2650", seq));
      }
      c.ws().writeTextMessage("this is not json");
      c.ws().writeTextMessage(tick("PAXG-USD", "2650", 7));
    };
    GapListener listener = (src, symbol, expected, got) -> gapsSeen.add(src + " " + symbol + " " + expected + " " + got);
    WebSocketSource source = new WebSocketSource(vertx, config(symbols("PAXG-USD", "PAXG")).build(), records::add,
        listener, NO_ENV, Clock.systemUTC(), () -> 0.5);
    sources.add(source);
    source.start();

    when(vertx, ctx, () -> records.size() == 6, () -> {
      assertThat(gapsSeen).containsExactly("kx PAXG 3 5");
      assertThat(source.stats().gaps()).isEqualTo(1);
      assertThat(source.stats().errors()).isEqualTo(1);
      assertThat(records).extracting(RawRecord::eventId)
          .containsExactly("ws:kx:PAXG:1", "ws:kx:PAXG:2", "ws:kx:PAXG:5", "ws:kx:PAXG:5", "ws:kx:PAXG:6", "ws:kx:PAXG:7");
    });
  }

  private static String tick(String symbol, String price, long seq) {
    return new JsonObject().put("channel", "ticker").put("data", new JsonObject().put("s", symbol).put("p", price)
        .put("q", "0.2").put("t", "2026-11-23T11:59:59.5Z").put("n", seq)).encode();
  }

  private static Map<String, String> symbols(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private WebSocketSource start(Vertx vertx, WebSocketConfig cfg) {
    WebSocketSource source = new WebSocketSource(vertx, cfg, records::add, (s, sym, e, g) -> gapsSeen.add(sym), NO_ENV);
    sources.add(source);
    source.start().onFailure(Throwable::printStackTrace);
    return source;
  }

  private static void when(Vertx vertx, VertxTestContext ctx, BooleanSupplier condition, Runnable assertions) {
    vertx.setPeriodic(10, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        ctx.verify(assertions::run);
        ctx.completeNow();
      }
    });
  }

  private Builder config(Map<String, String> symbols) {
    return new Builder(symbols);
  }

  /** Test-side builder with fast defaults. */
  private final class Builder {
    private final Map<String, String> symbols;
    private Duration heartbeat = Duration.ofSeconds(5);
    private Optional<String> heartbeatMessage = Optional.empty();
    private Duration idle = Duration.ofSeconds(15);

    Builder(Map<String, String> symbols) {
      this.symbols = symbols;
    }

    Builder heartbeat(Duration every, Optional<String> message, Duration idleTimeout) {
      heartbeat = every;
      heartbeatMessage = message;
      idle = idleTimeout;
      return this;
    }

    WebSocketConfig build() {
      return new WebSocketConfig("kx", "ws://127.0.0.1:" + port + "/v1/stream", symbols, Optional.of(SUBSCRIBE),
          MAPPING, Map.of(), Optional.of("USD"), heartbeat, heartbeatMessage, idle,
          new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Duration.ofSeconds(2), 64 * 1024);
    }
  }
}
