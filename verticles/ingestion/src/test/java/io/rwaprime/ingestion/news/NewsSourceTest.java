package io.rwaprime.ingestion.news;

import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * NewsSource end to end against a real HTTP server on loopback that speaks RSS, Atom and NewsAPI JSON.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NewsSourceTest {

  private static final byte[] RSS = FeedParserTest.resource("rss.xml");
  private static final byte[] ATOM = FeedParserTest.resource("atom.xml");
  private static final byte[] JSON = FeedParserTest.resource("newsapi.json");
  private static final byte[] MALFORMED = FeedParserTest.resource("malformed.xml");
  private static final AssetMatcher MATCHER = AssetMatcher.of(AssetCatalogue.load());
  private static final Duration FAST = Duration.ofMillis(40);

  private HttpServer server;
  private int port;
  private final AtomicInteger flakyCalls = new AtomicInteger();
  private final List<Long> limitedCalls = new CopyOnWriteArrayList<>();
  private final AtomicInteger notModifiedServed = new AtomicInteger();
  private final List<NewsSource> sources = new ArrayList<>();

  @BeforeEach
  void startServer(Vertx vertx, VertxTestContext ctx) {
    server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
        .requestHandler(this::serve);
    server.listen(0, "127.0.0.1").onComplete(ctx.succeeding(s -> {
      port = s.actualPort();
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    Future.all(sources.stream().map(NewsSource::stop).toList())
        .compose(v -> server.close())
        .onComplete(ctx.succeedingThenComplete());
  }

  private void serve(HttpServerRequest req) {
    switch (req.path()) {
      case "/rss" -> {
        String etag = "\"rss-v1\"";
        if (etag.equals(req.getHeader("If-None-Match"))) {
          notModifiedServed.incrementAndGet();
          req.response().setStatusCode(304).end();
        } else {
          send(req, "application/rss+xml", RSS, Map.of("ETag", etag));
        }
      }
      case "/atom" -> send(req, "application/atom+xml", ATOM, Map.of());
      case "/json" -> {
        if (!"test-key".equals(req.getHeader("X-Api-Key"))) {
          req.response().setStatusCode(401).putHeader("Content-Type", "application/json")
              .end("{\"status\":\"error\",\"code\":\"apiKeyMissing\"}");
        } else {
          send(req, "application/json", JSON, Map.of());
        }
      }
      case "/flaky" -> send(req, "application/rss+xml", flakyCalls.incrementAndGet() <= 2 ? MALFORMED : RSS, Map.of());
      case "/big" -> send(req, "application/rss+xml", bigFeed(400), Map.of());
      case "/huge" -> {
        var resp = req.response().setChunked(true).putHeader("Content-Type", "application/rss+xml");
        for (int i = 0; i < 16; i++) {
          resp.write("<!-- " + "x".repeat(1024) + " -->");
        }
        resp.end();
      }
      case "/limited" -> {
        limitedCalls.add(System.nanoTime());
        req.response().setStatusCode(429).putHeader("Retry-After", "1").end();
      }
      default -> req.response().setStatusCode(404).end();
    }
  }

  private static void send(HttpServerRequest req, String type, byte[] body, Map<String, String> headers) {
    var resp = req.response().putHeader("Content-Type", type);
    headers.forEach(resp::putHeader);
    resp.end(io.vertx.core.buffer.Buffer.buffer(body));
  }

  /** An RSS feed of {@code items} items, each with a long description: well over the inline-parse threshold. */
  static byte[] bigFeed(int items) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>");
    for (int i = 0; i < items; i++) {
      sb.append("<item><title>PAXG item ").append(i).append(" sees inflows</title>")
          .append("<link>https://big.example.com/").append(i).append("</link>")
          .append("<pubDate>Tue, 03 Jun 2025 ").append(String.format("%02d:%02d:00", i / 60 % 24, i % 60)).append(" GMT</pubDate>")
          .append("<description>").append("Gold token demand is strong. ".repeat(20)).append("</description></item>");
    }
    return sb.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private NewsSource source(Vertx vertx, String name, String path, FeedParser.Format format, Duration interval,
                            int maxBody, Map<String, String> headers, List<RawRecord> sink) {
    NewsSource.Config cfg = new NewsSource.Config(name, "http://127.0.0.1:" + port + path, format, interval, maxBody,
        headers, 1_000);
    NewsSource s = new NewsSource(vertx, cfg, new FeedParser(), new SentimentScorer(), MATCHER, sink::add);
    sources.add(s);
    return s;
  }

  private NewsSource source(Vertx vertx, String name, String path, List<RawRecord> sink) {
    return source(vertx, name, path, FeedParser.Format.AUTO, FAST, NewsSource.Config.DEFAULT_MAX_BODY_BYTES, Map.of(), sink);
  }

  /** Completes the test once {@code condition} holds, checked every 20 ms on the event loop. */
  private static void when(Vertx vertx, VertxTestContext ctx, BooleanSupplier condition, Runnable assertions) {
    vertx.setPeriodic(20, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        ctx.verify(assertions::run);
        ctx.completeNow();
      }
    });
  }

  private static JsonObject payloadOf(List<RawRecord> records, String title) {
    return records.stream().map(r -> new JsonObject(r.payload())).filter(p -> p.getString("title").startsWith(title))
        .findFirst().orElseThrow(() -> new AssertionError("no record titled " + title));
  }

  @Test
  @DisplayName("RSS, Atom and JSON feeds become enriched NEWS records, each article once across many polls")
  void emitsEnrichedRecordsFromEveryFormat(Vertx vertx, VertxTestContext ctx) {
    List<RawRecord> rss = Collections.synchronizedList(new ArrayList<>());
    List<RawRecord> atom = Collections.synchronizedList(new ArrayList<>());
    List<RawRecord> json = Collections.synchronizedList(new ArrayList<>());
    NewsSource rssSource = source(vertx, "rss-wire", "/rss", rss);
    NewsSource atomSource = source(vertx, "desk", "/atom", FeedParser.Format.ATOM, FAST,
        NewsSource.Config.DEFAULT_MAX_BODY_BYTES, Map.of(), atom);
    NewsSource jsonSource = source(vertx, "newsapi", "/json", FeedParser.Format.JSON, FAST,
        NewsSource.Config.DEFAULT_MAX_BODY_BYTES, Map.of("X-Api-Key", "test-key"), json);

    Future.all(rssSource.start(), atomSource.start(), jsonSource.start()).onComplete(ctx.succeeding(v -> when(vertx, ctx,
        () -> rssSource.stats().polls() >= 4 && atomSource.stats().polls() >= 4 && jsonSource.stats().polls() >= 4,
        () -> {
          assertThat(rss).hasSize(4);
          assertThat(atom).hasSize(2);
          assertThat(json).hasSize(2);

          RawRecord first = rss.getFirst();
          assertThat(first.kind()).isEqualTo(RecordKind.NEWS);
          assertThat(first.source()).isEqualTo("news:rss-wire");
          assertThat(first.eventId()).matches("news:rss-wire:[0-9a-f]{32}")
              .isEqualTo(NewsSource.eventId("news:rss-wire", "rwa-wire-1001"));
          JsonObject p = new JsonObject(first.payload());
          assertThat(p.fieldNames()).containsExactlyInAnyOrder("id", "source", "title", "url", "published_at",
              "summary", "symbols", "asset_matches", "sentiment", "sentiment_terms");
          assertThat(p.getString("id")).isEqualTo("rwa-wire-1001");
          assertThat(p.getString("source")).isEqualTo("RWA Wire");
          assertThat(p.getString("published_at")).isEqualTo("2025-06-03T11:05:30Z");
          assertThat(p.getJsonArray("symbols").getList()).containsExactly("BUIDL");
          assertThat(p.getDouble("sentiment")).isPositive();
          assertThat(p.getJsonArray("sentiment_terms").stream().map(t -> ((JsonObject) t).getString("term")))
              .contains("inflows", "surge");
          assertThat(rss).extracting(r -> new JsonObject(r.payload()).getString("published_at"))
              .as("oldest first").isSorted();

          JsonObject paxg = payloadOf(rss, "Paxos faces lawsuit");
          assertThat(paxg.getJsonArray("symbols").getList()).containsExactly("PAXG");
          assertThat(paxg.getDouble("sentiment")).isNegative();
          JsonObject ondo = payloadOf(rss, "Ondo expands");
          assertThat(ondo.getJsonArray("symbols").getList()).containsExactly("OUSG", "USDY");

          JsonObject benji = payloadOf(atom, "Franklin Templeton");
          assertThat(benji.getJsonArray("symbols").getList()).containsExactly("BENJI");
          assertThat(benji.getDouble("sentiment")).isPositive();
          JsonObject xaut = payloadOf(atom, "Tether Gold");
          assertThat(xaut.getJsonArray("symbols").getList()).containsExactly("XAUT");
          assertThat(xaut.getDouble("sentiment")).isNegative();

          JsonObject maple = payloadOf(json, "Maple Finance");
          assertThat(maple.getJsonArray("symbols").getList()).containsExactly("SYRUPUSDC");
          assertThat(maple.getDouble("sentiment")).isNegative();
          assertThat(maple.getString("source")).isEqualTo("Chain Ledger");
          JsonObject ustb = payloadOf(json, "Superstate");
          assertThat(ustb.getJsonArray("symbols").getList()).containsExactly("USTB");
          assertThat(ustb.getDouble("sentiment")).isPositive();

          assertThat(rssSource.stats().notModified()).as("conditional GET with the ETag").isPositive();
          assertThat(notModifiedServed.get()).isPositive();
          assertThat(rssSource.stats().skippedItems()).isEqualTo(3);
          assertThat(jsonSource.stats().duplicates()).as("re-polled articles are not emitted again").isPositive();
          assertThat(jsonSource.stats().emitted()).isEqualTo(2);
          assertThat(rssSource.stats().failedPolls()).isZero();
          assertThat(rssSource.stats().lastSuccess()).isNotNull();
        })));
  }

  @Test
  @DisplayName("a malformed feed is counted and the source keeps polling until the feed is good again")
  void countsMalformedFeedsAndKeepsRunning(Vertx vertx, VertxTestContext ctx) {
    List<RawRecord> sink = Collections.synchronizedList(new ArrayList<>());
    NewsSource flaky = source(vertx, "flaky", "/flaky", FeedParser.Format.AUTO, Duration.ofMillis(10),
        NewsSource.Config.DEFAULT_MAX_BODY_BYTES, Map.of(), sink);

    flaky.start().onComplete(ctx.succeeding(v -> when(vertx, ctx, () -> sink.size() == 4, () -> {
      NewsSource.Stats stats = flaky.stats();
      assertThat(stats.malformedFeeds()).isEqualTo(2);
      assertThat(stats.failedPolls()).isEqualTo(2);
      assertThat(stats.emitted()).isEqualTo(4);
    })));
  }

  @Test
  @DisplayName("a body over the inline threshold is parsed on a worker and still emitted on the event loop")
  void parsesLargeBodiesOnAWorker(Vertx vertx, VertxTestContext ctx) {
    assertThat(bigFeed(400).length).isGreaterThan(NewsSource.INLINE_PARSE_MAX_BYTES);
    List<RawRecord> sink = new CopyOnWriteArrayList<>();
    List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
    NewsSource.Config cfg = new NewsSource.Config("big", "http://127.0.0.1:" + port + "/big", FeedParser.Format.RSS,
        Duration.ofSeconds(5));
    NewsSource big = new NewsSource(vertx, cfg, new FeedParser(), new SentimentScorer(), MATCHER, r -> {
      onEventLoop.add(Context.isOnEventLoopThread());
      sink.add(r);
    });
    sources.add(big);

    big.start().onComplete(ctx.succeeding(v -> when(vertx, ctx, () -> sink.size() == 400, () -> {
      assertThat(onEventLoop).containsOnly(true);
      assertThat(new JsonObject(sink.getFirst().payload()).getJsonArray("symbols").getList()).containsExactly("PAXG");
    })));
  }

  @Test
  @DisplayName("a body over the size limit is cut off and counted, never buffered whole")
  void cutsOffOversizeBodies(Vertx vertx, VertxTestContext ctx) {
    List<RawRecord> sink = new CopyOnWriteArrayList<>();
    NewsSource huge = source(vertx, "huge", "/huge", FeedParser.Format.AUTO, FAST, 4 * 1024, Map.of(), sink);

    huge.start().onComplete(ctx.succeeding(v -> when(vertx, ctx, () -> huge.stats().polls() >= 2, () -> {
      assertThat(huge.stats().oversizeBodies()).isGreaterThanOrEqualTo(2);
      assertThat(huge.stats().malformedFeeds()).isZero();
      assertThat(sink).isEmpty();
    })));
  }

  @Test
  @DisplayName("429 with Retry-After delays the next poll; 401 is a failed poll")
  void honoursRetryAfterAndCountsHttpErrors(Vertx vertx, VertxTestContext ctx) {
    List<RawRecord> sink = new CopyOnWriteArrayList<>();
    NewsSource limited = source(vertx, "limited", "/limited", sink);
    NewsSource unauthorized = source(vertx, "nokey", "/json", sink);

    Future.all(limited.start(), unauthorized.start()).onComplete(ctx.succeeding(v ->
        when(vertx, ctx, () -> limitedCalls.size() >= 2 && unauthorized.stats().failedPolls() >= 2, () -> {
          long gapMs = TimeUnit.NANOSECONDS.toMillis(limitedCalls.get(1) - limitedCalls.get(0));
          assertThat(gapMs).as("Retry-After: 1 second").isGreaterThanOrEqualTo(900);
          assertThat(limited.stats().failedPolls()).isPositive();
          assertThat(unauthorized.stats().emitted()).isZero();
          assertThat(sink).isEmpty();
        })));
  }

  @Test
  @DisplayName("a refused connection is a failed poll, retried with backoff")
  void retriesWhenTheServerIsDown(Vertx vertx, VertxTestContext ctx) {
    NewsSource.Config cfg = new NewsSource.Config("down", "http://127.0.0.1:1/feed", FeedParser.Format.AUTO,
        Duration.ofMillis(10));
    NewsSource down = new NewsSource(vertx, cfg, new FeedParser(), new SentimentScorer(), MATCHER, r -> { });
    sources.add(down);

    down.start().onComplete(ctx.succeeding(v -> when(vertx, ctx, () -> down.stats().failedPolls() >= 3, () ->
        assertThat(down.stats().emitted()).isZero())));
  }

  @Test
  @DisplayName("a record the sink refuses is offered again on the next poll, despite the feed's ETag")
  void reoffersWhatTheSinkRefused(Vertx vertx, VertxTestContext ctx) {
    List<RawRecord> sink = new CopyOnWriteArrayList<>();
    AtomicInteger refusals = new AtomicInteger();
    NewsSource.Config cfg = new NewsSource.Config("refusing", "http://127.0.0.1:" + port + "/rss", FeedParser.Format.RSS,
        FAST);
    NewsSource rss = new NewsSource(vertx, cfg, new FeedParser(), new SentimentScorer(), MATCHER, r -> {
      if (r.eventId().equals(NewsSource.eventId("news:refusing", "rwa-wire-1001")) && refusals.getAndIncrement() == 0) {
        throw new IllegalStateException("downstream busy");
      }
      sink.add(r);
    });
    sources.add(rss);

    rss.start().onComplete(ctx.succeeding(v -> when(vertx, ctx, () -> sink.size() == 4, () -> {
      assertThat(refusals.get()).isEqualTo(2);
      assertThat(sink).extracting(RawRecord::eventId).doesNotHaveDuplicates();
      assertThat(rss.stats().emitted()).isEqualTo(4);
    })));
  }

  @Test
  void stopsPolling(Vertx vertx, VertxTestContext ctx) {
    List<RawRecord> sink = new CopyOnWriteArrayList<>();
    NewsSource rss = source(vertx, "rss-stop", "/rss", sink);

    rss.start()
        .compose(v -> Future.<Void>future(p -> vertx.setTimer(150, id -> p.complete())))
        .compose(v -> rss.stop())
        .onComplete(ctx.succeeding(v -> {
          long polls = rss.stats().polls();
          vertx.setTimer(200, id -> {
            ctx.verify(() -> assertThat(rss.stats().polls()).isBetween(polls, polls + 1));
            ctx.completeNow();
          });
        }));
  }

  @Test
  void validatesItsConfiguration() {
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new NewsSource.Config("Bad Name", "https://x.example.com/f", FeedParser.Format.AUTO, s))
        .hasMessageContaining("name");
    assertThatThrownBy(() -> new NewsSource.Config("ok", "ftp://x.example.com/f", FeedParser.Format.AUTO, s))
        .hasMessageContaining("url");
    assertThatThrownBy(() -> new NewsSource.Config("ok", "https://x.example.com/f", FeedParser.Format.AUTO, Duration.ZERO))
        .hasMessageContaining("interval");
    assertThatThrownBy(() -> new NewsSource.Config("ok", "https://x.example.com/f", FeedParser.Format.AUTO, s, 10,
        Map.of(), 10)).hasMessageContaining("max body");
    assertThat(new NewsSource.Config("ok", "https://x.example.com/f", FeedParser.Format.fromLabel("Atom"), s).source())
        .isEqualTo("news:ok");
    assertThatThrownBy(() -> FeedParser.Format.fromLabel("csv")).hasMessageContaining("auto, rss, atom, json");
  }

  @Test
  void derivesStableEventIds() {
    assertThat(NewsSource.eventId("news:a", "https://x.example.com/1"))
        .isEqualTo(NewsSource.eventId("news:a", "https://x.example.com/1"))
        .isNotEqualTo(NewsSource.eventId("news:a", "https://x.example.com/2"))
        .isNotEqualTo(NewsSource.eventId("news:b", "https://x.example.com/1"));
  }
}
