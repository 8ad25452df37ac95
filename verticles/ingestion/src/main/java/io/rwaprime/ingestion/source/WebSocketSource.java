package io.rwaprime.ingestion.source;

import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Streams ticks from a WebSocket API and emits one {@link RecordKind#PRICE} record per mapped tick (see
 * {@link WebSocketConfig} for the configuration and {@link FieldMapping} for the mapping).
 *
 * <h2>Records</h2>
 * {@code source} is the configured name, {@code receivedAt} the time the message arrived. The event id is
 * {@code ws:<source>:<symbol>:<seq>} when the mapping yields a sequence number, else
 * {@code ws:<source>:<symbol>:h<hash>} with a hash of (symbol, ts, price). A message that is not JSON is counted as
 * an error; a JSON message without a price (subscription acknowledgements, provider heartbeats, other channels) is
 * counted as {@link SourceStats#ignored()}. Values are not validated (cleansing does that).
 *
 * <h2>Connection</h2>
 * After each (re)connect the subscribe message(s) are sent again. Every {@code heartbeat-interval} a ping frame
 * (or the configured heartbeat message) is sent; when nothing at all (message, pong) has arrived for
 * {@code idle-timeout} the connection is considered dead and closed. A lost, refused or dead connection is retried
 * after exponential backoff with full jitter; the backoff restarts once a connection has delivered a tick or stayed
 * up for an idle timeout. {@code ${NAME}} references (URL, headers, subscribe message) are read from the
 * environment at {@link #start()}, which fails naming a missing variable; they are never logged.
 *
 * <h2>Gap detection</h2>
 * With a {@code seq} pointer, sequence numbers are followed per symbol (see {@code SequenceTracker}): a jump from
 * {@code n} to {@code m > n + 1} is counted in {@link SourceStats#gaps()} and reported to the {@link GapListener}
 * with (symbol, n + 1, m), also across a reconnect (the messages sent while disconnected are missing). A number at
 * or below the last one is a duplicate or out of order and leaves the expectation unchanged, except as the first of
 * its symbol on a new connection, where it means that the provider numbers per connection and restarted.
 *
 * <h2>Threads</h2>
 * All work runs on the context of the caller of {@link #start()}; the sink and the gap listener are called there.
 * Messages are parsed on the event loop, bounded by {@code max-message-bytes}.
 */
public final class WebSocketSource implements Source {

  /** Prefix of the event ids of this connector's records. */
  public static final String ID_PREFIX = "ws:";
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketSource.class);

  private final Vertx vertx;
  private final WebSocketConfig config;
  private final RawSink sink;
  private final GapListener gaps;
  private final Function<String, String> env;
  private final Clock clock;
  private final DoubleSupplier jitter;
  private final SourceStats stats = new SourceStats();
  private final PriceMapping mapping;
  private final String onlySymbol;
  private final SequenceTracker sequences = new SequenceTracker();

  private volatile Context context;
  private WebSocketClient client;
  private WebSocketConnectOptions connectOptions;
  private List<String> subscribeMessages = List.of();
  private boolean running;
  private Connection current;
  private long reconnectTimer = -1;
  private int failures;

  /** A source reading {@code ${NAME}} references from the process environment. */
  public WebSocketSource(Vertx vertx, WebSocketConfig config, RawSink sink, GapListener gaps) {
    this(vertx, config, sink, gaps, System::getenv);
  }

  /**
   * A source reading {@code ${NAME}} references through {@code env}.
   *
   * @param gaps told about sequence gaps; {@link GapListener#NONE} to only count them
   * @param env  the environment lookup, e.g. {@code System::getenv}; null for an unset variable
   */
  public WebSocketSource(Vertx vertx, WebSocketConfig config, RawSink sink, GapListener gaps,
                         Function<String, String> env) {
    this(vertx, config, sink, gaps, env, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
  }

  WebSocketSource(Vertx vertx, WebSocketConfig config, RawSink sink, GapListener gaps, Function<String, String> env,
                  Clock clock, DoubleSupplier jitter) {
    this.vertx = vertx;
    this.config = config;
    this.sink = sink;
    this.gaps = gaps;
    this.env = env;
    this.clock = clock;
    this.jitter = jitter;
    this.mapping = new PriceMapping(config.mapping(), config.currency(), config.symbols());
    this.onlySymbol = config.symbols().size() == 1 ? config.symbols().values().iterator().next() : null;
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
  public WebSocketConfig config() {
    return config;
  }

  @Override
  public Future<Void> start() {
    WebSocketConnectOptions options;
    List<String> messages;
    try {
      options = connectOptions();
      messages = subscribeMessages();
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
      connectOptions = options;
      subscribeMessages = messages;
      int max = config.maxMessageBytes();
      client = vertx.createWebSocketClient(new WebSocketClientOptions()
          .setMaxMessageSize(max)
          .setMaxFrameSize(max)
          .setClosingTimeout(1)
          .setConnectTimeout((int) config.connectTimeout().toMillis()));
      running = true;
      failures = 0;
      LOG.info("websocket source started [source: {}, url: {}, symbols: {}]", config.name(),
          HttpPollingSource.redact(config.url()), config.symbols().size());
      connect();
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
      if (reconnectTimer >= 0) {
        vertx.cancelTimer(reconnectTimer);
        reconnectTimer = -1;
      }
      Connection c = current;
      current = null;
      Future<Void> closed = c == null ? Future.succeededFuture() : c.close();
      WebSocketClient wc = client;
      client = null;
      closed.transform(ar -> wc == null ? Future.<Void>succeededFuture() : wc.close())
          .onComplete(ar -> stopped.complete());
    });
    return stopped.future();
  }

  private WebSocketConnectOptions connectOptions() {
    String resolved = EnvTemplate.resolve(config.url(), env, "source " + config.name() + ": url");
    HttpPollingSource.requireValidUrl(resolved, config.name());
    URI uri = URI.create(resolved);
    boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(uri.getHost())
        .setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80)
        .setSsl(tls)
        .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
        .setConnectTimeout(config.connectTimeout().toMillis())
        .setTimeout(config.connectTimeout().toMillis());
    config.headers().forEach((k, v) ->
        options.putHeader(k, EnvTemplate.resolve(v, env, "source " + config.name() + ": header " + k)));
    return options;
  }

  private List<String> subscribeMessages() {
    if (config.subscribe().isEmpty()) {
      return List.of();
    }
    String template = EnvTemplate.resolve(config.subscribe().get(), env, "source " + config.name() + ": subscribe");
    if (template.contains("{symbols}")) {
      return List.of(template.replace("{symbols}", new JsonArray(new ArrayList<>(config.symbols().keySet())).encode()));
    }
    if (template.contains("{symbol}")) {
      return config.symbols().keySet().stream().map(s -> template.replace("{symbol}", s)).toList();
    }
    return List.of(template);
  }

  private void connect() {
    reconnectTimer = -1;
    if (!running) {
      return;
    }
    stats.onRequest();
    ClientWebSocket ws = client.webSocket();
    Connection c = new Connection(ws);
    current = c;
    ws.textMessageHandler(c::onText);
    ws.binaryMessageHandler(b -> {
      c.touch();
      stats.onIgnored();
    });
    ws.pongHandler(b -> c.touch());
    ws.exceptionHandler(e -> {
      if (c.alive && c.open) { // before the handshake completed, the connect failure reports it
        stats.onError("websocket: " + PollFailure.redacted(e));
        LOG.warn("websocket error [source: {}, reason: {}]", config.name(), PollFailure.redacted(e));
      }
    });
    ws.closeHandler(v -> c.lost(ws.closeStatusCode() == null ? "connection closed"
        : "closed by the server (" + ws.closeStatusCode() + ")", false));
    ws.connect(connectOptions).onComplete(ar -> {
      if (ar.succeeded()) {
        c.opened();
      } else {
        c.lost("connect failed: " + PollFailure.redacted(ar.cause()), true);
      }
    });
  }

  private void scheduleReconnect(String reason) {
    if (!running) {
      return;
    }
    failures++;
    long delay = config.backoff().delayMillis(failures, jitter.getAsDouble());
    stats.onReconnect();
    LOG.warn("websocket disconnected [source: {}, reason: {}, consecutive: {}, reconnect in ms: {}]", config.name(),
        reason, failures, delay);
    reconnectTimer = vertx.setTimer(delay, id -> connect());
  }

  /** One connection attempt and, once open, its timers. All methods run on the source's context. */
  private final class Connection {
    final ClientWebSocket ws;
    boolean alive = true;
    boolean open;
    long openedAt;
    long lastReceived;
    long heartbeatTimer = -1;
    long watchdogTimer = -1;

    Connection(ClientWebSocket ws) {
      this.ws = ws;
    }

    void opened() {
      if (!alive || !running || current != this) {
        ws.close();
        return;
      }
      open = true;
      openedAt = System.nanoTime();
      touch();
      sequences.connected();
      LOG.info("websocket connected [source: {}, subscriptions: {}]", config.name(), subscribeMessages.size());
      subscribeMessages.forEach(ws::writeTextMessage);
      heartbeatTimer = vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> heartbeat());
      long idleMs = config.idleTimeout().toMillis();
      watchdogTimer = vertx.setPeriodic(Math.max(5, idleMs / 4), id -> watchdog(idleMs));
    }

    void touch() {
      lastReceived = System.nanoTime();
    }

    private void heartbeat() {
      if (config.heartbeatMessage().isPresent()) {
        ws.writeTextMessage(config.heartbeatMessage().get());
      } else {
        ws.writePing(Buffer.buffer("rwa"));
      }
    }

    private void watchdog(long idleMs) {
      long now = System.nanoTime();
      if ((now - lastReceived) / 1_000_000 > idleMs) {
        stats.onError("idle timeout: nothing received for " + config.idleTimeout());
        lost("idle for more than " + config.idleTimeout(), false);
      } else if (failures > 0 && (now - openedAt) / 1_000_000 >= idleMs) {
        failures = 0; // the connection has proved itself: the next loss starts the backoff over
      }
    }

    void onText(String text) {
      if (!alive) {
        return;
      }
      touch();
      handle(text, clock.instant());
    }

    /** Marks the connection dead (once), closes it and schedules a reconnect if it is still the current one. */
    void lost(String reason, boolean error) {
      if (!alive) {
        return;
      }
      alive = false;
      cancelTimers();
      if (error) {
        stats.onError(reason);
      }
      if (open && !ws.isClosed()) {
        ws.close((short) 1001, "going away");
      }
      if (current == this) {
        current = null;
        scheduleReconnect(reason);
      }
    }

    Future<Void> close() {
      alive = false;
      cancelTimers();
      return open && !ws.isClosed() ? ws.close().recover(e -> Future.succeededFuture()) : Future.succeededFuture();
    }

    private void cancelTimers() {
      if (heartbeatTimer >= 0) {
        vertx.cancelTimer(heartbeatTimer);
        heartbeatTimer = -1;
      }
      if (watchdogTimer >= 0) {
        vertx.cancelTimer(watchdogTimer);
        watchdogTimer = -1;
      }
    }
  }

  private void handle(String text, Instant receivedAt) {
    Object document;
    try {
      document = JsonTree.parse(text);
    } catch (JsonTree.MalformedJsonException e) {
      stats.onError("malformed message: " + e.getMessage());
      LOG.debug("websocket message is not JSON [source: {}, reason: {}]", config.name(), e.getMessage());
      return;
    }
    List<Object> elements = mapping.elements(document);
    boolean matched = false;
    if (elements != null) {
      for (Object element : elements) {
        if (mapping.hasPrice(element)) {
          matched = true;
          emit(element, receivedAt);
        }
      }
    }
    if (!matched) {
      stats.onIgnored();
    }
  }

  private void emit(Object element, Instant receivedAt) {
    String symbol = mapping.symbolOf(element, onlySymbol);
    if (symbol == null) {
      stats.onError("tick without a symbol");
      LOG.debug("websocket tick without a symbol [source: {}]", config.name());
      return;
    }
    PriceMapping.Mapped m = mapping.map(element, symbol, receivedAt);
    m.seq().ifPresent(seq -> followSequence(symbol, seq));
    String id = ID_PREFIX + config.name() + ":" + HttpPollingSource.idSymbol(symbol) + ":" + m.idPart();
    RawRecord record = new RawRecord(id, config.name(), RecordKind.PRICE, receivedAt, m.payload().encode());
    try {
      sink.accept(record);
      stats.onEmitted(receivedAt);
      failures = 0;
    } catch (RuntimeException e) {
      stats.onError("sink refused " + id + ": " + PollFailure.redacted(e));
      LOG.warn("sink refused a record [source: {}, event: {}, reason: {}]", config.name(), id, PollFailure.redacted(e));
    }
  }

  private void followSequence(String symbol, long seq) {
    SequenceTracker.Gap gap = sequences.next(symbol, seq);
    if (gap == null) {
      return;
    }
    stats.onGap();
    LOG.warn("sequence gap [source: {}, symbol: {}, expected: {}, got: {}, missing: {}]", config.name(), symbol,
        gap.expected(), gap.got(), gap.got() - gap.expected());
    try {
      gaps.onGap(config.name(), symbol, gap.expected(), gap.got());
    } catch (RuntimeException e) {
      LOG.warn("gap listener failed [source: {}, reason: {}]", config.name(), PollFailure.redacted(e));
    }
  }
}
