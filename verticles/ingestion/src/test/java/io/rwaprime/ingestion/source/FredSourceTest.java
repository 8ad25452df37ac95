package io.rwaprime.ingestion.source;

import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FredSource against a real HTTP server on loopback that answers {@code /fred/series/observations} in FRED's JSON
 * format, honouring {@code observation_start} and refusing a wrong {@code api_key} with FRED's 400 error body.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FredSourceTest {

  private static final String KEY = "abcdef0123456789abcdef0123456789";
  private static final Function<String, String> ENV = Map.of("FRED_API_KEY", KEY)::get;
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-10T12:00:00Z"), ZoneOffset.UTC);

  private HttpServer server;
  private int port;
  private final Map<String, JsonArray> observations = new ConcurrentHashMap<>();
  private final List<HttpServerRequest> requests = new CopyOnWriteArrayList<>();
  private final List<RawRecord> records = new CopyOnWriteArrayList<>();
  private final List<Source> sources = new ArrayList<>();

  @BeforeEach
  void startServer(Vertx vertx, VertxTestContext ctx) {
    server = vertx.createHttpServer().requestHandler(this::fred);
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

  /** The fake FRED: the real URL shape, parameters, error body and observation format. */
  private void fred(HttpServerRequest req) {
    requests.add(req);
    if (!req.path().equals("/fred/series/observations") || !"json".equals(req.getParam("file_type"))) {
      req.response().setStatusCode(404).end();
      return;
    }
    if (!KEY.equals(req.getParam("api_key"))) {
      req.response().setStatusCode(400).putHeader("content-type", "application/json").end(new JsonObject()
          .put("error_code", 400)
          .put("error_message", "Bad Request.  The value " + req.getParam("api_key")
              + " for variable api_key is not registered.").encode());
      return;
    }
    String start = req.getParam("observation_start", "1776-07-04");
    JsonArray all = observations.getOrDefault(req.getParam("series_id"), new JsonArray());
    JsonArray selected = new JsonArray();
    all.stream().map(JsonObject.class::cast).filter(o -> o.getString("date").compareTo(start) >= 0)
        .forEach(selected::add);
    req.response().putHeader("content-type", "application/json; charset=UTF-8").end(new JsonObject()
        .put("realtime_start", "2025-11-10").put("realtime_end", "2025-11-10")
        .put("observation_start", start).put("observation_end", "9999-12-31")
        .put("units", "lin").put("output_type", 1).put("file_type", "json")
        .put("order_by", "observation_date").put("sort_order", "asc")
        .put("count", selected.size()).put("offset", 0).put("limit", 100000)
        .put("observations", selected).encode());
  }

  private static JsonObject obs(String date, String value) {
    return new JsonObject().put("realtime_start", "2025-11-10").put("realtime_end", "2025-11-10")
        .put("date", date).put("value", value);
  }

  @Test
  @DisplayName("parses observations, skips '.', and on the next poll emits only the new ones")
  void emitsNewObservationsOnly(Vertx vertx, VertxTestContext ctx) {
    observations.put("DTB3", new JsonArray().add(obs("2025-10-01", "4.40")).add(obs("2025-11-03", "4.21"))
        .add(obs("2025-11-04", ".")).add(obs("2025-11-05", "4.19")));
    observations.put("DFF", new JsonArray().add(obs("2025-11-05", "3.87")));
    FredSource source = start(vertx, config(List.of("DTB3", "DFF")), ENV);

    when(vertx, ctx, () -> records.size() == 3, () -> {
      HttpServerRequest first = requestFor("DTB3", 0);
      assertThat(first.getParam("api_key")).isEqualTo(KEY);
      assertThat(first.getParam("observation_start")).as("today minus the 30-day lookback").isEqualTo("2025-10-11");
      assertThat(first.getParam("sort_order")).isEqualTo("asc");
      assertThat(records).extracting(RawRecord::eventId)
          .containsExactlyInAnyOrder("fred:DTB3:2025-11-03", "fred:DTB3:2025-11-05", "fred:DFF:2025-11-05");
      RawRecord r = records.stream().filter(x -> x.eventId().equals("fred:DTB3:2025-11-03")).findFirst().orElseThrow();
      assertThat(r.kind()).isEqualTo(RecordKind.MACRO);
      assertThat(r.source()).isEqualTo("fred");
      assertThat(new JsonObject(r.payload())).isEqualTo(new JsonObject().put("series", "DTB3")
          .put("time", "2025-11-03T00:00:00Z").put("value", "4.21").put("source", "fred"));
      assertThat(source.stats().ignored()).as("the '.' observation").isEqualTo(1);

      // the next observation appears at the provider
      observations.put("DTB3", observations.get("DTB3").copy().add(obs("2025-11-06", "4.20")));
      int before = requests.size();
      when(vertx, ctx, () -> records.size() >= 4 && requests.size() >= before + 4, () -> {
        assertThat(records).hasSize(4);
        assertThat(records.getLast().eventId()).isEqualTo("fred:DTB3:2025-11-06");
        assertThat(requestFor("DTB3", 1).getParam("observation_start")).isEqualTo("2025-11-05");
        assertThat(source.stats().duplicates()).isGreaterThanOrEqualTo(2);
      });
    }, false);
  }

  @Test
  @DisplayName("FRED's error message is reported without the API key")
  void reportsFredErrorWithoutTheKey(Vertx vertx, VertxTestContext ctx) {
    FredSource source = start(vertx, config(List.of("DTB3")), Map.of("FRED_API_KEY", "wrong-key-123")::get);
    when(vertx, ctx, () -> source.stats().errors() >= 1, () -> {
      assertThat(source.stats().lastError()).hasValueSatisfying(e -> assertThat(e)
          .startsWith("DTB3: HTTP 400: Bad Request.")
          .contains("is not registered")
          .doesNotContain("wrong-key-123"));
      assertThat(records).isEmpty();
    });
  }

  @Test
  void missingApiKeyFailsStart(Vertx vertx, VertxTestContext ctx) {
    FredSource source = new FredSource(vertx, config(List.of("DTB3")), records::add, name -> null);
    source.start().onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertThat(e).hasMessage("source fred: api-key: environment variable FRED_API_KEY is not set");
      ctx.completeNow();
    })));
  }

  private HttpServerRequest requestFor(String series, int n) {
    return requests.stream().filter(r -> series.equals(r.getParam("series_id"))).skip(n).findFirst().orElseThrow();
  }

  private FredConfig config(List<String> series) {
    return new FredConfig("fred", "http://127.0.0.1:" + port + "/fred/", series, FredConfig.DEFAULT_API_KEY,
        Duration.ofMillis(50), Duration.ofDays(30), new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)),
        FredConfig.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(5));
  }

  private FredSource start(Vertx vertx, FredConfig cfg, Function<String, String> env) {
    FredSource source = new FredSource(vertx, cfg, records::add, env, CLOCK, () -> 0.5);
    sources.add(source);
    source.start();
    return source;
  }

  private static void when(Vertx vertx, VertxTestContext ctx, BooleanSupplier condition, Runnable assertions) {
    when(vertx, ctx, condition, assertions, true);
  }

  private static void when(Vertx vertx, VertxTestContext ctx, BooleanSupplier condition, Runnable assertions,
                           boolean complete) {
    vertx.setPeriodic(10, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        ctx.verify(assertions::run);
        if (complete) {
          ctx.completeNow();
        }
      }
    });
  }
}
