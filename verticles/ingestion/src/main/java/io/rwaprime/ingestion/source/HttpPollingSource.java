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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Polls a JSON HTTP API once per configured symbol and emits one {@link RecordKind#PRICE} record per mapped
 * element (see {@link HttpPollingConfig} for the configuration and {@link FieldMapping} for the mapping).
 *
 * <h2>Records</h2>
 * {@code source} is the configured name, {@code receivedAt} the time the answer's body was complete, the payload
 * the one cleansing reads ({@code {"symbol","price","volume","currency","ts","seq"}}, see {@code PriceMapping}
 * for the few conversions). The event id is {@code http:<source>:<symbol>:<seq>} when the mapping yields a
 * sequence number, else {@code http:<source>:<symbol>:h<hash>} with a hash of (symbol, ts, price): the same
 * observation polled twice has the same id, and cleansing de-duplicates it. Within one symbol, an element whose id
 * the previous answer already emitted is not emitted again (counted as {@link SourceStats#duplicates()}), so a
 * provider that answers with a sliding window of recent trades does not re-send the whole window each poll.
 *
 * <h2>Polling</h2>
 * Each symbol has its own schedule (see {@code PollLoop}): a 429 or 503 with {@code Retry-After} (seconds or
 * HTTP-date) pauses that symbol only; other failures (network, other non-2xx, an answer over
 * {@code max-body-bytes}, which is never buffered beyond the limit, malformed JSON, an {@code items} pointer that
 * leads to no array) are counted in {@link SourceStats#errors()} and retried after exponential backoff with full
 * jitter. Header values and the URL may reference {@code ${NAME}}; the variables are read at {@link #start()},
 * which fails, naming the variable, when one is not set. Neither header values nor the URL's query are logged.
 *
 * <h2>Threads</h2>
 * All work runs on the context of the caller of {@link #start()}; network I/O is non-blocking and an answer larger
 * than 256 KiB is parsed on a worker thread.
 */
public final class HttpPollingSource implements Source {

  /** Prefix of the event ids of this connector's records. */
  public static final String ID_PREFIX = "http:";
  private static final Logger LOG = LoggerFactory.getLogger(HttpPollingSource.class);

  private final Vertx vertx;
  private final HttpPollingConfig config;
  private final RawSink sink;
  private final Function<String, String> env;
  private final Clock clock;
  private final DoubleSupplier jitter;
  private final SourceStats stats = new SourceStats();
  private final PriceMapping mapping;

  private volatile Context context;
  private HttpClientAgent client;
  private boolean running;
  private final List<SymbolPoll> polls = new ArrayList<>();

  /** A source reading {@code ${NAME}} references from the process environment. */
  public HttpPollingSource(Vertx vertx, HttpPollingConfig config, RawSink sink) {
    this(vertx, config, sink, System::getenv);
  }

  /**
   * A source reading {@code ${NAME}} references through {@code env}.
   *
   * @param env the environment lookup, e.g. {@code System::getenv}; null for an unset variable
   */
  public HttpPollingSource(Vertx vertx, HttpPollingConfig config, RawSink sink, Function<String, String> env) {
    this(vertx, config, sink, env, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
  }

  HttpPollingSource(Vertx vertx, HttpPollingConfig config, RawSink sink, Function<String, String> env, Clock clock,
                    DoubleSupplier jitter) {
    this.vertx = vertx;
    this.config = config;
    this.sink = sink;
    this.env = env;
    this.clock = clock;
    this.jitter = jitter;
    this.mapping = new PriceMapping(config.mapping(), config.currency(), config.symbols());
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
  public HttpPollingConfig config() {
    return config;
  }

  @Override
  public Future<Void> start() {
    String url;
    Map<String, String> headers = new LinkedHashMap<>();
    try {
      url = EnvTemplate.resolve(config.url(), env, "source " + config.name() + ": url");
      config.headers().forEach((k, v) ->
          headers.put(k, EnvTemplate.resolve(v, env, "source " + config.name() + ": header " + k)));
      requireValidUrl(expand(url, config.symbols().keySet().iterator().next(), clock.instant()), config.name());
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
      client = vertx.createHttpClient(new HttpClientOptions()
          .setDecompressionSupported(true)
          .setConnectTimeout((int) config.requestTimeout().toMillis())
          .setKeepAlive(true));
      running = true;
      long interval = config.interval().toMillis();
      config.symbols().forEach((provider, mesh) -> {
        SymbolPoll p = new SymbolPoll(provider, mesh, url, headers, clock.instant().minusMillis(interval));
        polls.add(p);
      });
      LOG.info("http polling source started [source: {}, url: {}, symbols: {}, interval: {}]", config.name(),
          redact(config.url()), config.symbols().size(), config.interval());
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
      polls.clear();
      HttpClientAgent c = client;
      client = null;
      (c == null ? Future.<Void>succeededFuture() : c.close()).onComplete(ar -> stopped.complete());
    });
    return stopped.future();
  }

  /** The state of one symbol's polling. */
  private final class SymbolPoll {
    final String provider;
    final String mesh;
    final String url;
    final Map<String, String> headers;
    final PollLoop loop;
    Instant from;
    Set<String> previousIds = Set.of();

    SymbolPoll(String provider, String mesh, String url, Map<String, String> headers, Instant from) {
      this.provider = provider;
      this.mesh = mesh;
      this.url = url;
      this.headers = headers;
      this.from = from;
      this.loop = new PollLoop(vertx, config.name(), provider, config.interval(), config.backoff(), jitter, stats,
          LOG, this::pollOnce);
    }

    Future<Void> pollOnce() {
      HttpClientAgent c = client;
      if (!running || c == null) {
        return Future.succeededFuture();
      }
      Instant started = clock.instant();
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.GET)
          .setAbsoluteURI(expand(url, provider, from))
          .setFollowRedirects(true)
          .setIdleTimeout(config.requestTimeout().toMillis())
          .putHeader(HttpHeaders.ACCEPT, "application/json")
          .putHeader(HttpHeaders.USER_AGENT, "rwa-prime-ingestion/1.0");
      headers.forEach(options::putHeader);
      stats.onRequest();
      return HttpFetch.get(c, options, config.maxBodyBytes(), clock)
          .compose(body -> emit(body, clock.instant()))
          .onSuccess(v -> from = started);
    }

    private Future<Void> emit(Buffer body, Instant receivedAt) {
      return JsonTree.parse(vertx, body).compose(document -> {
        if (!running) {
          return Future.succeededFuture();
        }
        List<Object> elements = mapping.elements(document);
        if (elements == null) {
          return Future.failedFuture(new PollFailure("mapping.items " + config.mapping().items().orElse("")
              + " does not lead to an array"));
        }
        Set<String> ids = new HashSet<>();
        for (Object element : elements) {
          String symbol = mapping.symbolOf(element, mesh);
          PriceMapping.Mapped m = mapping.map(element, symbol, receivedAt);
          String id = ID_PREFIX + config.name() + ":" + idSymbol(symbol) + ":" + m.idPart();
          ids.add(id);
          if (previousIds.contains(id)) {
            stats.onDuplicate();
            continue;
          }
          deliver(new RawRecord(id, config.name(), RecordKind.PRICE, receivedAt, m.payload().encode()));
        }
        previousIds = ids;
        return Future.succeededFuture();
      });
    }
  }

  private void deliver(RawRecord record) {
    try {
      sink.accept(record);
      stats.onEmitted(record.receivedAt());
    } catch (RuntimeException e) {
      stats.onError("sink refused " + record.eventId() + ": " + PollFailure.reason(e));
      LOG.warn("sink refused a record [source: {}, event: {}, reason: {}]", config.name(), record.eventId(),
          PollFailure.reason(e));
    }
  }

  private String expand(String template, String providerSymbol, Instant from) {
    String fromText = switch (config.fromFormat()) {
      case ISO -> from.toString();
      case EPOCH_SECONDS -> Long.toString(from.getEpochSecond());
      case EPOCH_MILLIS -> Long.toString(from.toEpochMilli());
    };
    return template
        .replace("{symbol}", URLEncoder.encode(providerSymbol, StandardCharsets.UTF_8))
        .replace("{from}", URLEncoder.encode(fromText, StandardCharsets.UTF_8));
  }

  /**
   * Checks a URL whose environment references are resolved, with a message that does not quote it (it may hold a
   * secret now).
   */
  static void requireValidUrl(String url, String source) {
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null) {
        throw new URISyntaxException(url, "no host");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("source " + source + ": url is not a valid URL once its environment"
          + " references are resolved (" + e.getReason() + ")");
    }
  }

  /** The symbol as it may appear in an event id: itself when well-formed, else a hash of it. */
  static String idSymbol(String symbol) {
    return symbol != null && SourceConfigs.SYMBOL.matcher(symbol).matches() ? symbol : "h" + EventIds.hash(symbol);
  }

  /** The URL without its query, where API keys sometimes travel. */
  static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }
}
