package io.rwaprime.forecasting;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Forecasts every asset of the catalogue: {@code forecasting.first-run} after start, then every
 * {@code forecasting.interval}, at once for one asset whose live error degraded ({@link LiveErrors}), and on
 * request on {@link Addresses#FORECASTS_REQUEST}. Each fit runs on the {@code rwa-forecasting} worker pool, one
 * asset per task, never on the event loop. A result is stored in {@code predictions}, cached as
 * {@code forecast:<SYMBOL>:<days>} and published as a {@link io.rwaprime.events.Forecast} per horizon on
 * {@link Addresses#FORECASTS}. Rounds never overlap: assets asked for during a round are fitted right after it.
 */
final class ForecastingVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ForecastingVerticle.class);

  private final RwaConfig.Forecasting cfg;
  private final AssetCatalogue catalogue;
  private final Pool pool;
  private final KeyValueStore cache;
  private final MeterRegistry metrics;
  private final ForecastingStatus status;
  private final Set<String> pending = new LinkedHashSet<>();
  private ForecastRepository repo;
  private AssetForecaster forecaster;
  private LiveErrors live;
  private WorkerExecutor workers;
  private Timer roundTimer;
  private long firstRun = -1;
  private long periodic = -1;
  private boolean running;

  ForecastingVerticle(RwaConfig.Forecasting cfg, AssetCatalogue catalogue, Pool pool, KeyValueStore cache,
                      MeterRegistry metrics, ForecastingStatus status) {
    this.cfg = cfg;
    this.catalogue = catalogue;
    this.pool = pool;
    this.cache = cache;
    this.metrics = metrics;
    this.status = status;
  }

  @Override
  public Future<?> start() {
    repo = new ForecastRepository(pool);
    forecaster = new AssetForecaster(cfg);
    live = new LiveErrors(cfg.retrainThreshold());
    // two threads: a round's fits go one after another on one, a request can use the other
    workers = vertx.createSharedWorkerExecutor("rwa-forecasting", 2, 10, TimeUnit.MINUTES);
    roundTimer = Timer.builder("rwa.forecasting.round").description("one forecasting round").register(metrics);
    List<MessageConsumer<?>> consumers = new ArrayList<>();
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.FORECASTS_REQUEST, this::onRequest));
    for (BarInterval i : List.of(BarInterval.H1, BarInterval.D1)) {
      consumers.add(vertx.eventBus().<Bar>consumer(Addresses.bars(i), msg -> onBar(msg.body())));
    }
    firstRun = vertx.setTimer(Math.max(1, cfg.firstRun().toMillis()), id -> round("start", all()));
    periodic = vertx.setPeriodic(cfg.interval().toMillis(), id -> round("schedule", all()));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(firstRun);
    vertx.cancelTimer(periodic);
    return workers.close();
  }

  private List<String> all() {
    return catalogue.assets().stream().map(Asset::symbol).toList();
  }

  private void onBar(Bar bar) {
    if (live.observe(bar)) {
      LOG.info("live error degraded, refitting [symbol: {}, threshold: {}x backtest MAE]", bar.symbol(),
          cfg.retrainThreshold());
      round("retrain", List.of(bar.symbol()));
    }
  }

  private void round(String reason, List<String> symbols) {
    if (running) {
      pending.addAll(symbols);
      return;
    }
    running = true;
    long t0 = System.nanoTime();
    new SeriesLoader(repo, cfg).load(symbols)
        .compose(series -> fitEach(new ArrayList<>(series), 0, new ArrayList<>()))
        .onComplete(ar -> {
          running = false;
          long nanos = System.nanoTime() - t0;
          roundTimer.record(nanos, TimeUnit.NANOSECONDS);
          if (ar.succeeded()) {
            status.completed(Instant.now(), ar.result(), symbols.size());
            LOG.info("forecasting round done [reason: {}, assets: {}, forecast: {}, ms: {}]", reason, symbols.size(),
                ar.result(), nanos / 1_000_000);
          } else {
            status.failed(ar.cause());
            LOG.warn("forecasting round failed [reason: {}, error: {}]", reason, ar.cause().toString());
          }
          if (!pending.isEmpty()) {
            List<String> next = List.copyOf(pending);
            pending.clear();
            round("queued", next);
          }
        });
  }

  /** Fits, stores and publishes the assets one after another; an asset whose fit fails is logged and skipped. */
  private Future<Integer> fitEach(List<Series> series, int i, List<AssetForecast> done) {
    if (i == series.size()) {
      return Future.succeededFuture(done.size());
    }
    Series s = series.get(i);
    return fitAndPublish(s)
        .onSuccess(done::add)
        .recover(err -> {
          LOG.warn("forecast failed [symbol: {}, bars: {}, error: {}]", s.symbol(), s.interval().label(),
              err.toString());
          return Future.succeededFuture();
        })
        .compose(v -> fitEach(series, i + 1, done));
  }

  private Future<AssetForecast> fitAndPublish(Series s) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return workers.executeBlocking(() -> forecaster.fit(s, now), false)
        .compose(r -> repo.store(List.of(r)).compose(v -> cacheAndPublish(r)).map(r));
  }

  private Future<Void> cacheAndPublish(AssetForecast r) {
    List<Future<Void>> writes = new ArrayList<>();
    for (BarInterval i : List.of(BarInterval.D1, BarInterval.H1)) {
      for (int d : AssetForecaster.horizons(i)) {
        if (r.horizons().stream().noneMatch(h -> h.days() == d)) {
          writes.add(cache.delete(key(r.symbol(), d)));
        }
      }
    }
    for (AssetForecast.Horizon h : r.horizons()) {
      writes.add(cache.put(key(r.symbol(), h.days()), ForecastJson.view(r, h).encode(), cfg.cacheTtl()));
    }
    return Future.join(writes).<Void>mapEmpty()
        .recover(err -> {
          // the table still has the forecast: the API falls back to it
          LOG.warn("forecast cache write failed [symbol: {}, error: {}]", r.symbol(), err.toString());
          return Future.succeededFuture();
        })
        .onComplete(ar -> {
          for (AssetForecast.Horizon h : r.horizons()) {
            vertx.eventBus().publish(Addresses.FORECASTS, ForecastJson.event(r, h));
          }
          live.track(r);
        });
  }

  /** The cache key of the latest forecast of an asset at a horizon in days. */
  static String key(String symbol, int days) {
    return "forecast:" + symbol + ":" + days;
  }

  private void onRequest(Message<JsonObject> msg) {
    String symbol = msg.body() == null ? null : msg.body().getString("symbol");
    if (symbol == null || catalogue.assets().stream().noneMatch(a -> a.symbol().equals(symbol))) {
      msg.fail(symbol == null ? 400 : 404, symbol == null ? "invalid-request" : "asset-not-found");
      return;
    }
    new SeriesLoader(repo, cfg).load(List.of(symbol))
        .compose(found -> found.isEmpty() ? Future.failedFuture(new InsufficientData()) : fitAndPublish(found.get(0)))
        .onSuccess(r -> {
          JsonArray forecasts = new JsonArray();
          r.horizons().forEach(h -> forecasts.add(ForecastJson.view(r, h)));
          msg.reply(new JsonObject().put("symbol", symbol).put("bars", r.series().interval().label())
              .put("forecasts", forecasts));
        })
        .onFailure(err -> {
          if (err instanceof InsufficientData) {
            msg.fail(422, "insufficient-data");
          } else {
            LOG.warn("on-demand forecast failed [symbol: {}, error: {}]", symbol, err.toString());
            msg.fail(500, "fit-failed");
          }
        });
  }

  /** Too few bars at every interval for the asset that was asked for. */
  private static final class InsufficientData extends RuntimeException {
    InsufficientData() {
      super("too few bars", null, false, false);
    }
  }
}
