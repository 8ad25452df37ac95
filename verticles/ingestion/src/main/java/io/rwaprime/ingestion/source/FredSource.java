package io.rwaprime.ingestion.source;

import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Polls macro-economic series from the FRED API (or one speaking its format) and emits one
 * {@link RecordKind#MACRO} record per new observation (see {@link FredConfig}).
 *
 * <h2>Requests and answers</h2>
 * Per series: {@code GET {base-url}/series/observations?series_id=DTB3&api_key=…&file_type=json
 * &observation_start=2025-10-24&sort_order=asc}, answered with
 * <pre>{"observations":[{"realtime_start":"…","realtime_end":"…","date":"2025-11-03","value":"4.21"},
 *  {"date":"2025-11-04","value":"."}]}</pre>
 * FRED writes a missing value as {@code "."}: such an observation is skipped and counted as
 * {@link SourceStats#ignored()}. An observation whose date is not {@code YYYY-MM-DD} is counted as an error and
 * skipped; any other value is passed on as written, for cleansing to validate.
 *
 * <h2>Records</h2>
 * Payload {@code {"series":"DTB3","time":"2025-11-03T00:00:00Z","value":"4.21","source":"fred"}} (the observation
 * date at UTC midnight; {@code source} is the source name), event id {@code <name>:<series>:<date>}, e.g.
 * {@code fred:DTB3:2025-11-03}.
 *
 * <h2>Only new observations</h2>
 * The source remembers, in memory, the latest date it emitted per series; later polls ask FRED for observations from
 * that date on and emit only later ones (earlier ones are counted as {@link SourceStats#duplicates()}). The first
 * poll reaches back {@code lookback}. After a restart the memory is empty and the lookback window is emitted again,
 * with the same event ids: cleansing's idempotent upserts absorb that. Revisions of an already emitted date are not
 * fetched again.
 *
 * <h2>Failures</h2>
 * As for {@link HttpPollingSource}: per-series schedule, {@code Retry-After} on 429/503, backoff with full jitter
 * otherwise, bodies bounded by {@code max-body-bytes}. The API key is read from the environment at
 * {@link #start()}, which fails naming the variable when it is unset; it is never logged (FRED's
 * {@code error_message} is, with the key cut out).
 */
public final class FredSource implements Source {

  private static final Logger LOG = LoggerFactory.getLogger(FredSource.class);
  private static final String MISSING = ".";

  private final Vertx vertx;
  private final FredConfig config;
  private final RawSink sink;
  private final Function<String, String> env;
  private final Clock clock;
  private final DoubleSupplier jitter;
  private final SourceStats stats = new SourceStats();

  private volatile Context context;
  private HttpClientAgent client;
  private boolean running;
  private String apiKey;
  private final List<SeriesPoll> polls = new ArrayList<>();

  /** A source reading the API key reference from the process environment. */
  public FredSource(Vertx vertx, FredConfig config, RawSink sink) {
    this(vertx, config, sink, System::getenv);
  }

  /**
   * A source reading the API key reference through {@code env}.
   *
   * @param env the environment lookup, e.g. {@code System::getenv}; null for an unset variable
   */
  public FredSource(Vertx vertx, FredConfig config, RawSink sink, Function<String, String> env) {
    this(vertx, config, sink, env, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
  }

  FredSource(Vertx vertx, FredConfig config, RawSink sink, Function<String, String> env, Clock clock,
             DoubleSupplier jitter) {
    this.vertx = vertx;
    this.config = config;
    this.sink = sink;
    this.env = env;
    this.clock = clock;
    this.jitter = jitter;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public SourceStats stats() {
    return stats;
  }

  /** The configuration. */
  public FredConfig config() {
    return config;
  }

  @Override
  public Future<Void> start() {
    String key;
    try {
      key = EnvTemplate.resolve(config.apiKey(), env, "source " + config.name() + ": api-key");
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Context ctx = context == null ? vertx.getOrCreateContext() : context;
    context = ctx;
    Promise<Void> started = Promise.promise();
    ctx.runOnContext(v -> {
      if (running) {
        started.complete();
        return;
      }
      apiKey = key;
      client = vertx.createHttpClient(new HttpClientOptions()
          .setDecompressionSupported(true)
          .setConnectTimeout((int) config.requestTimeout().toMillis())
          .setKeepAlive(true));
      running = true;
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      LocalDate start = today.minusDays(config.lookback().toDays());
      if (polls.isEmpty()) {
        config.series().forEach(s -> polls.add(new SeriesPoll(s, start)));
      }
      LOG.info("fred source started [source: {}, base: {}, series: {}, interval: {}]", config.name(),
          config.baseUrl(), config.series(), config.interval());
      polls.forEach(p -> p.loop.start());
      started.complete();
    });
    return started.future();
  }

  @Override
  public Future<Void> stop() {
    Context ctx = context;
    if (ctx == null) {
      return Future.succeededFuture();
    }
    Promise<Void> stopped = Promise.promise();
    ctx.runOnContext(v -> {
      running = false;
      polls.forEach(p -> p.loop.stop());
      HttpClientAgent c = client;
      client = null;
      (c == null ? Future.<Void>succeededFuture() : c.close()).onComplete(ar -> stopped.complete());
    });
    return stopped.future();
  }

  /** The polling state of one series. */
  private final class SeriesPoll {
    final String series;
    final LocalDate firstStart;
    final PollLoop loop;
    LocalDate lastEmitted;

    SeriesPoll(String series, LocalDate firstStart) {
      this.series = series;
      this.firstStart = firstStart;
      this.loop = new PollLoop(vertx, config.name(), series, config.interval(), config.backoff(), jitter, stats, LOG,
          this::pollOnce);
    }

    Future<Void> pollOnce() {
      HttpClientAgent c = client;
      if (!running || c == null) {
        return Future.succeededFuture();
      }
      LocalDate from = lastEmitted == null ? firstStart : lastEmitted;
      String url = config.baseUrl() + "/series/observations?series_id=" + enc(series) + "&api_key=" + enc(apiKey)
          + "&file_type=json&observation_start=" + from + "&sort_order=asc";
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.GET)
          .setAbsoluteURI(url)
          .setFollowRedirects(true)
          .setIdleTimeout(config.requestTimeout().toMillis())
          .putHeader(HttpHeaders.ACCEPT, "application/json")
          .putHeader(HttpHeaders.USER_AGENT, "rwa-prime-ingestion/1.0");
      stats.onRequest();
      return HttpFetch.get(c, options, config.maxBodyBytes(), clock)
          .recover(e -> Future.failedFuture(explain(e)))
          .compose(body -> emit(body, clock.instant()));
    }

    private Future<Void> emit(Buffer body, Instant receivedAt) {
      return JsonTree.parse(vertx, body).compose(document -> {
        if (!running) {
          return Future.succeededFuture();
        }
        if (!(document instanceof JsonObject obj) || !(obj.getValue("observations") instanceof JsonArray list)) {
          return Future.failedFuture(new PollFailure("answer has no observations array"));
        }
        List<Observation> fresh = new ArrayList<>();
        for (Object o : list) {
          Observation obs = Observation.of(o);
          if (obs == null) {
            stats.onError(series + ": observation without a YYYY-MM-DD date");
            LOG.warn("fred observation skipped [source: {}, series: {}, reason: no YYYY-MM-DD date]", config.name(),
                series);
          } else if (lastEmitted != null && !obs.date.isAfter(lastEmitted)) {
            stats.onDuplicate();
          } else if (MISSING.equals(obs.value)) {
            stats.onIgnored();
          } else {
            fresh.add(obs);
          }
        }
        fresh.sort(Comparator.comparing(Observation::date));
        for (Observation obs : fresh) {
          if (!deliver(obs, receivedAt)) {
            break; // not remembered: the next poll offers it again
          }
          lastEmitted = obs.date;
        }
        return Future.succeededFuture();
      });
    }

    private boolean deliver(Observation obs, Instant receivedAt) {
      JsonObject payload = new JsonObject()
          .put("series", series)
          .put("time", obs.date.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
      if (obs.value != null) {
        payload.put("value", obs.value);
      }
      payload.put("source", config.name());
      String id = config.name() + ":" + series + ":" + obs.date;
      try {
        sink.accept(new RawRecord(id, config.name(), RecordKind.MACRO, receivedAt, payload.encode()));
        stats.onEmitted(receivedAt);
        return true;
      } catch (RuntimeException e) {
        stats.onError("sink refused " + id + ": " + PollFailure.reason(e));
        LOG.warn("sink refused a record [source: {}, event: {}, reason: {}]", config.name(), id, PollFailure.reason(e));
        return false;
      }
    }
  }

  /** One observation: its date and its value as written (a decimal text, {@code "."}, or whatever came). */
  private record Observation(LocalDate date, Object value) {
    static Observation of(Object o) {
      if (!(o instanceof JsonObject obs) || !(obs.getValue("date") instanceof String d)) {
        return null;
      }
      try {
        return new Observation(LocalDate.parse(d), PriceMapping.decimal(obs.getValue("value")));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  /** Adds FRED's {@code error_message} to a failed answer's reason, with the API key cut out. */
  private Throwable explain(Throwable e) {
    if (!(e instanceof PollFailure pf) || pf.errorBody.isEmpty()) {
      return e;
    }
    String message;
    try {
      message = new JsonObject(pf.errorBody).getString("error_message");
    } catch (RuntimeException notJson) {
      return e;
    }
    if (message == null || message.isBlank()) {
      return e;
    }
    if (apiKey != null && !apiKey.isEmpty()) {
      message = message.replace(apiKey, "***");
    }
    message = message.length() > 200 ? message.substring(0, 200) + "…" : message;
    return new PollFailure(pf.getMessage() + ": " + message.replaceAll("\\s+", " "), pf.status, pf.retryAfterMs, "");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
