package io.rwaprime.ingestion.news;

import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Polls one news feed (RSS, Atom or a JSON news API) and emits one {@link RawRecord} of kind
 * {@link RecordKind#NEWS} per article it has not emitted before, enriched with its sentiment and the assets it
 * mentions.
 *
 * <h2>Emitted record</h2>
 * {@code source} is {@value #SOURCE_PREFIX}{@code <name>}; {@code eventId} is that source, a colon and the first
 * 128 bits of SHA-256 of the article id in hex, so the same article always has the same event id and a replay or a
 * restart is de-duplicated downstream; {@code receivedAt} is the time the poll's body arrived. The payload is
 * <pre>{"id","source","title","url","published_at","summary","symbols":[…],"asset_matches":[{"symbol","via","alias"}…],
 *  "sentiment":0.42,"sentiment_terms":[{"term","category","weight","negated"}…]}</pre>
 * where {@code source} is the publisher (see {@link Article#source()}), {@code published_at} ISO-8601 UTC and
 * {@code sentiment} the {@link SentimentScorer#score(String, String)} of title and summary.
 *
 * <h2>Polling</h2>
 * One request at a time, the next one {@link Config#interval()} after the previous one finished. Conditional GET
 * ({@code ETag} / {@code Last-Modified}); redirects followed; compressed bodies accepted, and a body larger than
 * {@link Config#maxBodyBytes()} after decompression is cut off and counted, never buffered whole. A failed poll
 * (network, non-2xx status, malformed feed) is logged and counted and the source keeps polling, backing off
 * exponentially up to 32 × the interval; a {@code Retry-After} on 429/503 is honoured.
 *
 * <h2>Threads</h2>
 * Network I/O is non-blocking on the context that called {@link #start()}. Parsing, scoring and matching are CPU
 * work: a body up to {@value #INLINE_PARSE_MAX_BYTES} bytes (a typical feed of 20–50 items, well under a
 * millisecond) is handled inline on the event loop; a larger one on a worker thread through
 * {@code executeBlocking}, so that a 5 MB feed cannot stall the loop for tens of milliseconds. The sink is always
 * called on the source's context, in publication order (oldest first).
 *
 * <p>De-duplication keeps the last {@link Config#dedupCapacity()} article ids in memory; after a restart every
 * article still in the feed is emitted again with the same event id.
 */
public final class NewsSource {

  /** Prefix of the {@link RawRecord#source()} of every record of a news source. */
  public static final String SOURCE_PREFIX = "news:";
  /** Bodies up to this size are parsed on the event loop, larger ones on a worker. */
  public static final int INLINE_PARSE_MAX_BYTES = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(NewsSource.class);
  private static final int MAX_BACKOFF_FACTOR = 32;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /**
   * One feed.
   *
   * @param name          short label, {@code [a-z0-9][a-z0-9._-]{0,63}}; the record source is {@code news:<name>}
   * @param url           absolute http(s) URL of the feed
   * @param format        the expected format, or {@link FeedParser.Format#AUTO} to tell from the body
   * @param interval      time between the end of one poll and the start of the next; at least 10 ms
   * @param maxBodyBytes  largest body accepted (after decompression), 1 KiB to 64 MiB
   * @param headers       request headers, e.g. an API key header whose value the configuration took from the
   *                      environment; never logged
   * @param dedupCapacity how many recent article ids are remembered, at least 1
   */
  public record Config(String name, String url, FeedParser.Format format, Duration interval, int maxBodyBytes,
                       Map<String, String> headers, int dedupCapacity) {

    /** Default largest body: 5 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
    /** Default number of remembered article ids. */
    public static final int DEFAULT_DEDUP_CAPACITY = 10_000;

    /** Validates every component; see the parameter descriptions. */
    public Config {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("news source name must match " + NAME.pattern() + " (was '" + name + "')");
      }
      try {
        Article.requireHttpUrl(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("news source " + name + ": url " + e.getMessage(), e);
      }
      if (format == null) {
        throw new IllegalArgumentException("news source " + name + ": format is required");
      }
      if (interval == null || interval.toMillis() < 10) {
        throw new IllegalArgumentException("news source " + name + ": interval must be at least 10 ms (was " + interval + ")");
      }
      if (maxBodyBytes < 1024 || maxBodyBytes > 64 * 1024 * 1024) {
        throw new IllegalArgumentException("news source " + name + ": max body bytes must be in [1 KiB, 64 MiB] (was " + maxBodyBytes + ")");
      }
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      if (dedupCapacity < 1) {
        throw new IllegalArgumentException("news source " + name + ": dedup capacity must be positive");
      }
    }

    /** A feed with no extra headers, a 5 MiB body limit and 10,000 remembered ids. */
    public Config(String name, String url, FeedParser.Format format, Duration interval) {
      this(name, url, format, interval, DEFAULT_MAX_BODY_BYTES, Map.of(), DEFAULT_DEDUP_CAPACITY);
    }

    /** The {@link RawRecord#source()} of this feed's records. */
    public String source() {
      return SOURCE_PREFIX + name;
    }
  }

  /**
   * Counters since {@link #start()}.
   *
   * @param polls          requests that completed (any outcome)
   * @param failedPolls    polls that yielded nothing: network error, non-2xx status, oversize or malformed body
   * @param notModified    polls answered 304
   * @param malformedFeeds bodies that were not a well-formed feed
   * @param oversizeBodies bodies cut off at {@link Config#maxBodyBytes()}
   * @param skippedItems   items dropped from well-formed feeds (no link, bad date…), counted on every poll
   * @param emitted        records handed to the sink
   * @param duplicates     articles already emitted, not emitted again
   * @param lastSuccess    end of the last successful poll, or null
   */
  public record Stats(long polls, long failedPolls, long notModified, long malformedFeeds, long oversizeBodies,
                      long skippedItems, long emitted, long duplicates, Instant lastSuccess) {
  }

  private final Vertx vertx;
  private final Config config;
  private final FeedParser parser;
  private final SentimentScorer scorer;
  private final AssetMatcher matcher;
  private final Consumer<RawRecord> sink;
  private final Clock clock;
  private final URI base;
  private final Map<String, Boolean> seen;

  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong failedPolls = new AtomicLong();
  private final AtomicLong notModified = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong oversize = new AtomicLong();
  private final AtomicLong skippedItems = new AtomicLong();
  private final AtomicLong emitted = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();

  private Context context;
  private HttpClientAgent client;
  private long timer = -1;
  private boolean running;
  private int consecutiveFailures;
  private String etag;
  private String lastModified;

  /**
   * A source that is not polling yet.
   *
   * @param sink receives every new record, on the source's context; must not block
   */
  public NewsSource(Vertx vertx, Config config, FeedParser parser, SentimentScorer scorer, AssetMatcher matcher,
                    Consumer<RawRecord> sink) {
    this(vertx, config, parser, scorer, matcher, sink, Clock.systemUTC());
  }

  NewsSource(Vertx vertx, Config config, FeedParser parser, SentimentScorer scorer, AssetMatcher matcher,
             Consumer<RawRecord> sink, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.parser = parser;
    this.scorer = scorer;
    this.matcher = matcher;
    this.sink = sink;
    this.clock = clock;
    try {
      this.base = new URI(config.url());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e); // Config validated it already
    }
    int capacity = config.dedupCapacity();
    this.seen = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Starts polling now; succeeds at once (a failing feed is retried, not fatal). Call it from a verticle. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      if (running) {
        started.complete();
        return;
      }
      client = vertx.createHttpClient(new HttpClientOptions()
          .setDecompressionSupported(true)
          .setConnectTimeout(10_000)
          .setIdleTimeout(30)
          .setKeepAlive(true));
      running = true;
      LOG.info("news source started [source: {}, url: {}, format: {}, interval: {}]",
          config.source(), redact(config.url()), config.format().name().toLowerCase(Locale.ROOT), config.interval());
      poll();
      started.complete();
    });
    return started.future();
  }

  /** Stops polling and closes the HTTP client; a poll in flight is abandoned and emits nothing. */
  public Future<Void> stop() {
    if (context == null) {
      return Future.succeededFuture();
    }
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(v -> {
      running = false;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      HttpClientAgent c = client;
      client = null;
      (c == null ? Future.<Void>succeededFuture() : c.close()).onComplete(ar -> stopped.complete());
    });
    return stopped.future();
  }

  /** The counters (safe from any thread). */
  public Stats stats() {
    return new Stats(polls.get(), failedPolls.get(), notModified.get(), malformed.get(), oversize.get(),
        skippedItems.get(), emitted.get(), duplicates.get(), lastSuccess.get());
  }

  /** The configuration. */
  public Config config() {
    return config;
  }

  private void poll() {
    timer = -1;
    if (!running) {
      return;
    }
    fetch()
        .compose(this::process)
        .onComplete(ar -> {
          polls.incrementAndGet();
          long delay = config.interval().toMillis();
          if (ar.succeeded()) {
            consecutiveFailures = 0;
            lastSuccess.set(clock.instant());
          } else {
            failedPolls.incrementAndGet();
            consecutiveFailures++;
            long retryAfter = ar.cause() instanceof PollFailure pf ? pf.retryAfterMs : 0;
            delay = Math.max(retryAfter, backoff(delay));
            LOG.warn("news poll failed [source: {}, reason: {}, consecutive: {}, next in ms: {}]",
                config.source(), reason(ar.cause()), consecutiveFailures, delay);
          }
          if (running) {
            timer = vertx.setTimer(delay, id -> poll());
          }
        });
  }

  private long backoff(long interval) {
    int exponent = Math.min(consecutiveFailures, Integer.numberOfTrailingZeros(MAX_BACKOFF_FACTOR));
    return interval * (1L << exponent);
  }

  /** A fetched body (null when 304), when it arrived, and the validators to send next time. */
  private record Fetched(Buffer body, Instant receivedAt, String etag, String lastModified) {
  }

  private Future<Fetched> fetch() {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(config.url())
        .setFollowRedirects(true)
        .setIdleTimeout(30_000)
        .putHeader(HttpHeaders.ACCEPT, "application/rss+xml, application/atom+xml, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
        .putHeader(HttpHeaders.USER_AGENT, "rwa-prime-news/1.0");
    config.headers().forEach(options::putHeader);
    if (etag != null) {
      options.putHeader(HttpHeaders.IF_NONE_MATCH, etag);
    }
    if (lastModified != null) {
      options.putHeader(HttpHeaders.IF_MODIFIED_SINCE, lastModified);
    }
    HttpClientAgent c = client;
    if (c == null) {
      return Future.failedFuture(new PollFailure("stopped", 0));
    }
    return c.request(options)
        .compose(req -> req.send())
        .compose(this::readBody);
  }

  private Future<Fetched> readBody(HttpClientResponse resp) {
    int status = resp.statusCode();
    if (status == 304) {
      notModified.incrementAndGet();
      return resp.end().map(v -> new Fetched(null, clock.instant(), etag, lastModified));
    }
    if (status < 200 || status > 299) {
      long retryAfter = (status == 429 || status == 503) ? retryAfterMs(resp.getHeader(HttpHeaders.RETRY_AFTER)) : 0;
      discard(resp);
      return Future.failedFuture(new PollFailure("HTTP " + status, retryAfter));
    }
    String length = resp.getHeader(HttpHeaders.CONTENT_LENGTH);
    String encoding = resp.getHeader(HttpHeaders.CONTENT_ENCODING);
    if (length != null && (encoding == null || encoding.equalsIgnoreCase("identity"))
        && parseLong(length) > config.maxBodyBytes()) {
      oversize.incrementAndGet();
      discard(resp);
      return Future.failedFuture(new PollFailure("body of " + length + " bytes exceeds " + config.maxBodyBytes(), 0));
    }
    Promise<Fetched> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    resp.exceptionHandler(promise::tryFail);
    resp.handler(chunk -> {
      if (body.length() + chunk.length() > config.maxBodyBytes()) {
        if (promise.tryFail(new PollFailure("body exceeds " + config.maxBodyBytes() + " bytes", 0))) {
          oversize.incrementAndGet();
          resp.request().reset();
        }
        return;
      }
      body.appendBuffer(chunk);
    });
    resp.endHandler(v -> promise.tryComplete(new Fetched(body, clock.instant(), resp.getHeader(HttpHeaders.ETAG),
        resp.getHeader(HttpHeaders.LAST_MODIFIED))));
    return promise.future();
  }

  /** Drops a response without reading its body: the stream is reset (on HTTP/1.1 the connection closes). */
  private static void discard(HttpClientResponse resp) {
    resp.exceptionHandler(ignored -> { }); // the reset itself surfaces as an exception on the response
    resp.request().reset();
  }

  /** Parses, enriches, de-duplicates and emits. */
  private Future<Void> process(Fetched fetched) {
    if (fetched.body() == null) {
      return Future.succeededFuture();
    }
    byte[] bytes = fetched.body().getBytes();
    Future<List<Enriched>> enriched;
    if (bytes.length <= INLINE_PARSE_MAX_BYTES) {
      try {
        enriched = Future.succeededFuture(enrich(bytes));
      } catch (RuntimeException e) {
        enriched = Future.failedFuture(e);
      }
    } else {
      enriched = vertx.executeBlocking(() -> enrich(bytes), false);
    }
    return enriched.map(list -> {
      if (running && emit(list, fetched.receivedAt())) {
        // only a body that was fully handled may be answered 304 next time
        etag = fetched.etag();
        lastModified = fetched.lastModified();
      }
      return null;
    });
  }

  private record Enriched(Article article, List<AssetMatcher.Match> matches, SentimentScorer.Sentiment sentiment) {
  }

  /** CPU-bound: parse, score and match. Runs inline or on a worker; touches no mutable state but counters. */
  private List<Enriched> enrich(byte[] body) {
    FeedParser.Result result;
    try {
      result = parser.parse(body, config.format(), config.name(), base);
    } catch (FeedParser.MalformedFeedException e) {
      malformed.incrementAndGet();
      throw new PollFailure("malformed feed: " + e.getMessage(), 0);
    }
    if (result.skipped() > 0) {
      skippedItems.addAndGet(result.skipped());
      // the same bad items come back on every poll: DEBUG, and counted in the stats
      LOG.debug("news items skipped [source: {}, count: {}, first: {}]", config.source(), result.skipped(),
          result.reasons().getFirst());
    }
    List<Enriched> out = new ArrayList<>(result.articles().size());
    for (Article a : result.articles()) {
      String text = a.title() + "\n" + a.summary();
      out.add(new Enriched(a, matcher.explain(text), scorer.score(a.title(), a.summary())));
    }
    out.sort(Comparator.comparing((Enriched e) -> e.article().publishedAt()));
    return out;
  }

  /** Emits the articles not seen before; false when the sink refused one (it is offered again next poll). */
  private boolean emit(List<Enriched> list, Instant receivedAt) {
    boolean all = true;
    for (Enriched e : list) {
      String id = e.article().id();
      if (seen.containsKey(id)) {
        duplicates.incrementAndGet();
        continue;
      }
      RawRecord record = new RawRecord(eventId(config.source(), id), config.source(), RecordKind.NEWS, receivedAt,
          payload(e).encode());
      try {
        sink.accept(record);
      } catch (RuntimeException ex) {
        LOG.warn("news sink refused a record [source: {}, event: {}, reason: {}]", config.source(),
            record.eventId(), ex.toString());
        all = false;
        continue; // not marked seen: the next poll offers it again
      }
      seen.put(id, Boolean.TRUE);
      emitted.incrementAndGet();
    }
    return all;
  }

  /** The payload of one enriched article (see the class description). */
  static JsonObject payload(Article a, List<AssetMatcher.Match> matches, SentimentScorer.Sentiment s) {
    JsonArray symbols = new JsonArray();
    JsonArray how = new JsonArray();
    for (AssetMatcher.Match m : matches) {
      symbols.add(m.symbol());
      how.add(m.toJson());
    }
    return new JsonObject()
        .put("id", a.id())
        .put("source", a.source())
        .put("title", a.title())
        .put("url", a.url())
        .put("published_at", a.publishedAt().toString())
        .put("summary", a.summary())
        .put("symbols", symbols)
        .put("asset_matches", how)
        .put("sentiment", s.score())
        .put("sentiment_terms", s.termsJson());
  }

  private static JsonObject payload(Enriched e) {
    return payload(e.article(), e.matches(), e.sentiment());
  }

  /** {@code <source>:<first 128 bits of SHA-256(articleId) in hex>}: stable across restarts and replays. */
  static String eventId(String source, String articleId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(articleId.getBytes(StandardCharsets.UTF_8));
      return source + ":" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static long retryAfterMs(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    String h = header.strip();
    try {
      return Math.min(Long.parseLong(h), 86_400) * 1000;
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = FeedDates.rfc822(h);
        return Math.max(0, Math.min(Duration.between(Instant.now(), at).toMillis(), 86_400_000));
      } catch (RuntimeException notADate) {
        return 0;
      }
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String reason(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** The URL without its query, where API keys sometimes travel. */
  private static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }

  /** Why a poll yielded nothing; carries a Retry-After delay when the server gave one. */
  private static final class PollFailure extends RuntimeException {
    final long retryAfterMs;

    PollFailure(String message, long retryAfterMs) {
      super(message, null, false, false);
      this.retryAfterMs = retryAfterMs;
    }
  }
}
