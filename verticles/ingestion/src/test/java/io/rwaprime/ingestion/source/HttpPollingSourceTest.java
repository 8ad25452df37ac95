package io.rwaprime.ingestion.source;

import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** HttpPollingSource against a real HTTP server on loopback speaking a typical ticker API's JSON. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpPollingSourceTest {

  private static final FieldMapping MAPPING = new FieldMapping(Optional.of("/data"), "/last", Optional.of("/vol"),
      Optional.of("/time"), Optional.of("/id"), Optional.empty(), Optional.empty());
  private static final Function<String, String> ENV = Map.of("TICKER_API_KEY", "s3cret-key")::get;

  /** One request as the server saw it. */
  record Seen(String symbol, long atNanos, HttpServerRequest request) {
    double msSince(Seen earlier) {
      return (atNanos - earlier.atNanos) / 1e6;
    }
  }

  private HttpServer server;
  private int port;
  private volatile Handler<HttpServerRequest> provider = req -> req.response().setStatusCode(404).end();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<RawRecord> records = new CopyOnWriteArrayList<>();
  private final List<Source> sources = new ArrayList<>();

  @BeforeEach
  void startServer(Vertx vertx, VertxTestContext ctx) {
    server = vertx.createHttpServer().requestHandler(req -> {
      String path = req.path();
      seen.add(new Seen(path.substring(path.lastIndexOf('/') + 1), System.nanoTime(), req));
      provider.handle(req);
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
  @DisplayName("maps each item through the JSON pointers and sends the API key read from the environment")
  void mapsItemsAndSendsApiKeyFromEnvironment(Vertx vertx, VertxTestContext ctx) {
    provider = req -> req.response().putHeader("content-type", "application/json").end("""
        {"data":[
          {"last":"2650.25","vol":3.50,"time":1764000000123,"id":7},
          {"last":2650.10,"vol":"1","time":1764000000,"id":8},
          {"last":"NaN","time":"2026-11-23T11:59:59.5Z","id":9}
        ]}""");
    HttpPollingConfig cfg = config("ticker", "http://127.0.0.1:" + port + "/v1/ticker/{symbol}?from={from}",
        Map.of("PAXG-USD", "PAXG"), Duration.ofSeconds(30), MAPPING, 1024 * 1024)
        .withHeaders(Map.of("X-Api-Key", "${TICKER_API_KEY}"))
        .withCurrency("USD")
        .build();
    HttpPollingSource source = start(vertx, cfg, ENV);

    when(vertx, ctx, () -> records.size() == 3, () -> {
      Seen first = seen.getFirst();
      assertThat(first.symbol()).isEqualTo("PAXG-USD");
      assertThat(first.request().getHeader("X-Api-Key")).isEqualTo("s3cret-key");
      assertThat(first.request().getParam("from")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

      RawRecord r = records.getFirst();
      assertThat(r.eventId()).isEqualTo("http:ticker:PAXG:7");
      assertThat(r.source()).isEqualTo("ticker");
      assertThat(r.kind()).isEqualTo(RecordKind.PRICE);
      assertThat(new JsonObject(r.payload())).isEqualTo(new JsonObject()
          .put("symbol", "PAXG").put("price", "2650.25").put("volume", "3.50").put("currency", "USD")
          .put("ts", "2025-11-24T16:00:00.123Z").put("seq", 7));
      JsonObject second = new JsonObject(records.get(1).payload());
      assertThat(second.getString("price")).as("a JSON number keeps its exact digits").isEqualTo("2650.10");
      assertThat(second.getString("ts")).as("epoch seconds").isEqualTo("2025-11-24T16:00:00Z");
      JsonObject third = new JsonObject(records.get(2).payload());
      assertThat(third.getString("price")).as("values are extracted, not validated").isEqualTo("NaN");
      assertThat(third.getString("ts")).as("text passes through").isEqualTo("2026-11-23T11:59:59.5Z");
      assertThat(third.containsKey("volume")).isFalse();
      assertThat(source.stats().emitted()).isEqualTo(3);
      assertThat(source.stats().lastRecordAt()).isPresent();
    });
  }

  @Test
  void missingEnvironmentVariableFailsStartNamingIt(Vertx vertx, VertxTestContext ctx) {
    HttpPollingConfig cfg = config("ticker", "http://127.0.0.1:" + port + "/v1/ticker/{symbol}", Map.of("A", "A"),
        Duration.ofSeconds(1), MAPPING, 1024 * 1024).withHeaders(Map.of("X-Api-Key", "${NOT_SET_ANYWHERE}")).build();
    HttpPollingSource source = new HttpPollingSource(vertx, cfg, records::add, ENV);
    source.start().onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertThat(e).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("source ticker: header X-Api-Key: environment variable NOT_SET_ANYWHERE is not set");
      assertThat(seen).isEmpty();
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a 429 with Retry-After pauses that symbol for that long while the others keep polling")
  void retryAfterPausesOnlyTheThrottledSymbol(Vertx vertx, VertxTestContext ctx) {
    provider = req -> {
      boolean firstOfSlow = req.path().endsWith("/SLOW") && seen.stream().filter(s -> s.symbol().equals("SLOW")).count() == 1;
      if (firstOfSlow) {
        req.response().setStatusCode(429).putHeader("Retry-After", "1").end("{\"error\":\"rate limited\"}");
      } else {
        req.response().end("{\"data\":[{\"last\":\"1\",\"time\":1764000000,\"id\":" + seen.size() + "}]}");
      }
    };
    HttpPollingSource source = start(vertx, config("ticker", "http://127.0.0.1:" + port + "/t/{symbol}",
        Map.of("SLOW", "SLOW", "FAST", "FAST"), Duration.ofMillis(50), MAPPING, 1024 * 1024).build(), ENV);

    when(vertx, ctx, () -> requestsFor("SLOW").size() >= 2, () -> {
      List<Seen> slow = requestsFor("SLOW");
      assertThat(slow.get(1).msSince(slow.get(0))).as("no request before Retry-After elapsed").isGreaterThanOrEqualTo(995);
      long fastMeanwhile = requestsFor("FAST").stream()
          .filter(s -> s.atNanos() > slow.get(0).atNanos() && s.atNanos() < slow.get(1).atNanos()).count();
      assertThat(fastMeanwhile).as("the other symbol is not paused").isGreaterThanOrEqualTo(5);
      assertThat(source.stats().throttled()).isEqualTo(1);
      assertThat(source.stats().errors()).isEqualTo(1);
    });
  }

  @Test
  @DisplayName("repeated 500s space the polls out exponentially")
  void backoffGrowsOnRepeatedServerErrors(Vertx vertx, VertxTestContext ctx) {
    provider = req -> req.response().setStatusCode(500).end("oops");
    HttpPollingConfig cfg = config("ticker", "http://127.0.0.1:" + port + "/t/{symbol}", Map.of("A", "A"),
        Duration.ofMillis(10), MAPPING, 1024 * 1024).withBackoff(new Backoff(Duration.ofMillis(40), Duration.ofMillis(1000)))
        .build();
    // the jitter at its ceiling makes the waits 40, 80, 160, 320 ms
    HttpPollingSource source = new HttpPollingSource(vertx, cfg, records::add, ENV, Clock.systemUTC(), () -> 1.0);
    sources.add(source);
    source.start();

    when(vertx, ctx, () -> seen.size() >= 5, () -> {
      double[] expected = {40, 80, 160, 320};
      for (int i = 0; i < expected.length; i++) {
        assertThat(seen.get(i + 1).msSince(seen.get(i))).as("wait after failure %d", i + 1)
            .isGreaterThanOrEqualTo(expected[i] - 1);
      }
      assertThat(source.stats().errors()).isGreaterThanOrEqualTo(4);
      assertThat(source.stats().lastError()).hasValue("A: HTTP 500");
      assertThat(records).isEmpty();
    });
  }

  @Test
  @DisplayName("an answer over max-body-bytes is refused, whether announced by Content-Length or streamed")
  void refusesOversizedBody(Vertx vertx, VertxTestContext ctx) {
    String big = "{\"data\":[" + "{\"last\":\"1\"},".repeat(400) + "{\"last\":\"1\"}]}";
    provider = req -> {
      if (req.path().endsWith("/CHUNKED")) {
        req.response().setChunked(true);
        for (int i = 0; i < big.length(); i += 500) {
          req.response().write(big.substring(i, Math.min(big.length(), i + 500)));
        }
        req.response().end();
      } else {
        req.response().end(big);
      }
    };
    HttpPollingSource source = start(vertx, config("ticker", "http://127.0.0.1:" + port + "/t/{symbol}",
        Map.of("LENGTH", "LENGTH", "CHUNKED", "CHUNKED"), Duration.ofMillis(20), MAPPING, 1024).build(), ENV);

    when(vertx, ctx, () -> requestsFor("LENGTH").size() >= 2 && requestsFor("CHUNKED").size() >= 2, () -> {
      assertThat(big.length()).isGreaterThan(4000);
      assertThat(records).isEmpty();
      assertThat(source.stats().errors()).isGreaterThanOrEqualTo(2);
      assertThat(source.stats().lastError()).hasValueSatisfying(e -> assertThat(e).contains("exceeds max-body-bytes 1024"));
    });
  }

  @Test
  @DisplayName("malformed JSON is counted as an error and polling goes on; an unchanged answer is not emitted twice")
  void malformedJsonIsCountedAndPollingContinues(Vertx vertx, VertxTestContext ctx) {
    provider = req -> req.response().end(seen.size() == 1 ? "{\"data\":[{\"last\":" : "{\"data\":[{\"last\":\"5\",\"id\":1}]}");
    HttpPollingSource source = start(vertx, config("ticker", "http://127.0.0.1:" + port + "/t/{symbol}",
        Map.of("A", "A"), Duration.ofMillis(20), MAPPING, 1024 * 1024).build(), ENV);

    when(vertx, ctx, () -> seen.size() >= 4, () -> {
      assertThat(source.stats().errors()).isEqualTo(1);
      assertThat(records).hasSize(1);
      assertThat(records.getFirst().eventId()).isEqualTo("http:ticker:A:1");
      assertThat(source.stats().duplicates()).isGreaterThanOrEqualTo(1);
    });
  }

  private List<Seen> requestsFor(String symbol) {
    return seen.stream().filter(s -> s.symbol().equals(symbol)).toList();
  }

  private HttpPollingSource start(Vertx vertx, HttpPollingConfig cfg, Function<String, String> env) {
    HttpPollingSource source = new HttpPollingSource(vertx, cfg, records::add, env);
    sources.add(source);
    source.start();
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

  static ConfigBuilder config(String name, String url, Map<String, String> symbols, Duration interval,
                              FieldMapping mapping, int maxBody) {
    return new ConfigBuilder(name, url, symbols, interval, mapping, maxBody);
  }

  /** Test-side builder, so that each test states only what it is about. */
  static final class ConfigBuilder {
    private final String name;
    private final String url;
    private final Map<String, String> symbols;
    private final Duration interval;
    private final FieldMapping mapping;
    private final int maxBody;
    private Map<String, String> headers = Map.of();
    private Optional<String> currency = Optional.empty();
    private Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));

    ConfigBuilder(String name, String url, Map<String, String> symbols, Duration interval, FieldMapping mapping,
                  int maxBody) {
      this.name = name;
      this.url = url;
      this.symbols = symbols;
      this.interval = interval;
      this.mapping = mapping;
      this.maxBody = maxBody;
    }

    ConfigBuilder withHeaders(Map<String, String> h) {
      headers = h;
      return this;
    }

    ConfigBuilder withCurrency(String c) {
      currency = Optional.of(c);
      return this;
    }

    ConfigBuilder withBackoff(Backoff b) {
      backoff = b;
      return this;
    }

    HttpPollingConfig build() {
      return new HttpPollingConfig(name, url, symbols, interval, mapping, headers, currency,
          HttpPollingConfig.TimeFormat.ISO, backoff, maxBody, Duration.ofSeconds(5));
    }
  }
}
