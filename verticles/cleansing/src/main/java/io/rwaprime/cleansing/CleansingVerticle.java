package io.rwaprime.cleansing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.cleansing.bars.BarAggregator;
import io.rwaprime.cleansing.bars.Deduplicator;
import io.rwaprime.cleansing.bars.HampelFilter;
import io.rwaprime.cleansing.features.FeatureCalculator;
import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.bus.Inbound;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Bar;
import io.rwaprime.events.MacroPoint;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.Tick;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Silver and gold for prices. Each raw price record is validated into a {@link Tick} (or dead-lettered
 * with a reason code), de-duplicated, checked for outliers (Hampel: dead-lettered as
 * {@code price.outlier}, kept in bronze, left out of bars), published on {@link Addresses#TICKS} and
 * {@link Addresses#ticks(String)}, stored, and aggregated into 1m/5m/1h/1d bars published on
 * {@link Addresses#bars} and upserted; closed bars update the asset's rolling features. Feeds that go
 * quiet are reported as stale.
 *
 * <p>One instance per process: bars of a symbol must be built in one place.
 */
final class CleansingVerticle extends VerticleBase {

  /** Stage name in dead letters. */
  static final String STAGE = "cleansing";
  /** Cache key prefix of the latest tick per symbol (JSON, TTL {@link #LATEST_TTL}). */
  static final String LATEST_KEY = "price:latest:";
  static final Duration LATEST_TTL = Duration.ofHours(1);
  private static final long FLUSH_MS = 200;
  private static final long CLOCK_MS = 250;
  private static final long FEED_CHECK_MS = 1000;
  private static final long RECOVERY_WAIT_MS = 60_000;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CleansingVerticle.class);
  /**
   * Header of a raw record replayed from bronze after a restart ({@code Addresses#RECOVERY_HEADER}): a duplicate of
   * it is a tick stored before the crash, dropped without a dead letter.
   */
  static final String RECOVERY_HEADER = io.rwaprime.events.Addresses.RECOVERY_HEADER;
  /** Far enough ahead that every open bucket is published and dropped. */
  private static final Instant END_OF_TIME = Instant.parse("2150-01-01T00:00:00Z");

  private final RwaConfig.Cleansing cfg;
  private final boolean wallClock;
  private final AssetCatalogue assets;
  private final Pool pool;
  private final KeyValueStore cache;
  private final DeadLetters deadLetters;
  private final MeterRegistry metrics;
  private final FeedMonitor feeds;
  private final Map<String, Counter> accepted = new HashMap<>();
  private final Map<String, Tick> latest = new HashMap<>();
  private TickParser parser;
  private Deduplicator dedup;
  /** Bars are not closed by the wall clock while the bronze tail of a previous run may still be replayed. */
  private boolean recovering;
  private long recoveredDuplicates;
  private HampelFilter hampel;
  private BarAggregator bars;
  private FeatureCalculator featureCalculator;
  private TickWriter tickWriter;
  private BarWriter barWriter;
  private FeatureStore featureStore;
  private Counter barsPublished;
  private MessageConsumer<RawRecord> consumer;
  private MessageConsumer<String> control;
  private MessageConsumer<MacroPoint> macro;
  private long flushTimer;
  private long clockTimer = -1;
  private long feedTimer;
  private long acceptedCount;
  private long rejectedCount;
  private long barCount;

  /**
   * @param wallClock whether quiet symbols' bars close by the wall clock (live); one-shot commands pass
   *                  false so that bars depend on event times only
   */
  CleansingVerticle(RwaConfig.Cleansing cfg, boolean wallClock, AssetCatalogue assets, Pool pool, KeyValueStore cache,
                    DeadLetters deadLetters, MeterRegistry metrics, FeedMonitor feeds) {
    this.cfg = cfg;
    this.wallClock = wallClock;
    this.assets = assets;
    this.pool = pool;
    this.cache = cache;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.feeds = feeds;
  }

  @Override
  public Future<?> start() {
    parser = new TickParser(symbol -> assets.find(symbol).isPresent());
    // beyond close delay + lateness the aggregator refuses a tick as too late anyway
    dedup = new Deduplicator(200_000, cfg.closeDelay().plus(cfg.allowedLateness()).plus(Duration.ofMinutes(5)));
    hampel = new HampelFilter(cfg.hampelWindow(), cfg.hampelThreshold());
    bars = new BarAggregator(cfg.closeDelay(), cfg.allowedLateness());
    featureCalculator = new FeatureCalculator(FeatureCalculator.Config.defaults());
    for (Asset a : assets.assets()) {
      featureCalculator.setReference(a.symbol(), a.nav(), a.yieldApy());
    }
    tickWriter = new TickWriter(vertx, pool, metrics);
    barWriter = new BarWriter(vertx, pool, metrics);
    featureStore = new FeatureStore(pool, cache);
    barsPublished = Counter.builder("rwa.bars.published").description("Bars published (closed or corrected)")
        .register(metrics);
    Future<Void> warm = wallClock ? new WarmStart(pool, cfg).run(this::rebuild) : Future.succeededFuture();
    return warm.compose(v -> {
      consumer = vertx.eventBus().consumer(Addresses.RAW_PRICE, this::onRaw);
      control = vertx.eventBus().consumer(Addresses.CLEANSING_CONTROL, this::onControl);
      macro = vertx.eventBus().consumer(Addresses.MACRO, this::onMacro);
      flushTimer = vertx.setPeriodic(FLUSH_MS, id -> flush());
      if (wallClock) {
        // bars of the minutes before a crash stay open until the ingestion role has replayed the bronze tail
        // (ticks archived but not stored when the process died), or until it is clear nobody will
        recovering = true;
        vertx.setTimer(RECOVERY_WAIT_MS, id -> endRecovery("no ingestion role announced a bronze recovery"));
        clockTimer = vertx.setPeriodic(CLOCK_MS, id -> {
          if (!recovering) {
            emit(bars.onTime(Instant.now()));
          }
        });
      }
      feedTimer = vertx.setPeriodic(FEED_CHECK_MS, id -> checkFeeds());
      return Future.join(consumer.completion(), control.completion(), macro.completion()).mapEmpty();
    });
  }

  /**
   * Puts one stored tick back into the in-memory state after a restart: the bars still open (and still
   * correctable) then hold every tick stored before the process stopped, however it stopped. Bars that
   * close on the way are stored again, not published: the mesh saw them before the restart.
   */
  private void rebuild(Tick tick) {
    dedup.add(tick);
    hampel.isOutlier(tick);
    BarAggregator.Update update = bars.onTick(tick);
    for (Bar bar : update.bars()) {
      barWriter.add(bar);
      featureCalculator.onBar(bar).ifPresent(featureStore::add);
    }
    latest.put(tick.symbol(), tick);
  }

  /**
   * A raw record: cleaned, or dead-lettered with its reason. A record sent as a request (the Kafka bridge's
   * acknowledged inbound mapping) is answered once it is handled either way, so the bridge can commit past it.
   */
  private void onRaw(Message<RawRecord> msg) {
    try {
      clean(msg);
    } finally {
      if (msg.replyAddress() != null) {
        msg.reply(null);
      }
    }
  }

  private void clean(Message<RawRecord> msg) {
    RawRecord raw = Inbound.body(msg, STAGE, deadLetters).orElse(null);
    if (raw == null) {
      return;
    }
    TickParser.Result result = parser.parse(raw);
    if (!result.ok()) {
      reject(raw, result.rejection().reasonCode(), result.rejection().detail());
      return;
    }
    Tick tick = result.tick();
    if (!dedup.add(tick)) {
      if (msg.headers().contains(RECOVERY_HEADER)) {
        // replayed from bronze after a restart and already stored before it: nothing was lost, nothing to report
        recoveredDuplicates++;
        return;
      }
      reject(raw, Deduplicator.REASON, "already received a tick with this source, symbol, event time and sequence");
      return;
    }
    if (hampel.isOutlier(tick)) {
      reject(raw, HampelFilter.REASON, "price " + tick.price().toPlainString()
          + " is an outlier against the recent prices of " + tick.symbol() + " from " + tick.source());
      return;
    }
    BarAggregator.Update update = bars.onTick(tick);
    if (update.rejection() != null) {
      reject(raw, update.rejection().reasonCode(), update.rejection().detail());
      return;
    }
    EventBus bus = vertx.eventBus();
    bus.publish(Addresses.TICKS, tick);
    bus.publish(Addresses.ticks(tick.symbol()), tick);
    if (!cfg.goldSource().equals("kafka")) {
      // with gold-source kafka the tick is stored from the topic the bridge fills (GoldTickConsumer)
      tickWriter.add(tick);
    }
    acceptedCount++;
    latest.put(tick.symbol(), tick);
    feeds.onRecord(tick.source(), tick.symbol(), tick.receivedAt(), tick.eventTime());
    accepted.computeIfAbsent(tick.source(), s -> Counter.builder("rwa.ticks.accepted")
        .description("Ticks that passed validation").tag("source", s).register(metrics)).increment();
    emit(update.bars());
  }

  private void reject(RawRecord raw, String code, String detail) {
    rejectedCount++;
    deadLetters.reject(raw.eventId(), raw.source(), STAGE, code, detail, raw.payload());
  }

  /** Publishes and stores closed or corrected bars, and feeds them to the feature calculator. */
  private void emit(List<Bar> closed) {
    if (closed.isEmpty()) {
      return;
    }
    EventBus bus = vertx.eventBus();
    for (Bar bar : closed) {
      bus.publish(Addresses.bars(bar.interval()), bar);
      barWriter.add(bar);
      featureCalculator.onBar(bar).ifPresent(f -> {
        featureStore.add(f);
        bus.publish(Addresses.FEATURES, f.toJson());
      });
    }
    barCount += closed.size();
    barsPublished.increment(closed.size());
  }

  private void onMacro(Message<MacroPoint> msg) {
    MacroPoint p = Inbound.body(msg, STAGE, deadLetters).orElse(null);
    if (p != null && p.series().equals(cfg.tbillSeries())) {
      featureCalculator.setTbillDiscountRate(p.value());
    }
  }

  /**
   * {@code sync}: everything sent before has been handled; {@code drain}: every bar closed, all stored;
   * {@code checkpoint}: {source → newest receipt time stored} for the bronze recovery; {@code recovered}: the bronze
   * tail has been replayed, bars may close by the wall clock again.
   */
  private void onControl(Message<String> msg) {
    switch (String.valueOf(msg.body())) {
      case "sync" -> msg.reply("ok");
      case "checkpoint" -> new WarmStart(pool, cfg).checkpoints().onComplete(ar -> {
        if (ar.succeeded()) {
          msg.reply(ar.result());
        } else {
          msg.fail(503, "storage-unavailable");
        }
      });
      case "recovered" -> {
        endRecovery("bronze tail replayed");
        msg.reply("ok");
      }
      case "drain" -> {
        emit(bars.onTime(END_OF_TIME));
        flush().onComplete(ar -> {
          if (ar.failed()) {
            msg.fail(503, "storage-unavailable");
            return;
          }
          msg.reply(new JsonObject()
              .put("ticks_accepted", acceptedCount)
              .put("records_rejected", rejectedCount)
              .put("bars_published", barCount));
        });
      }
      default -> msg.fail(400, "unknown-control-request");
    }
  }

  private void endRecovery(String why) {
    if (recovering) {
      recovering = false;
      LOG.info("recovery window closed [reason: {}, replayed ticks already stored: {}]", why, recoveredDuplicates);
    }
  }

  private Future<Void> flush() {
    publishLatest();
    return Future.join(tickWriter.flush(), barWriter.flush(), featureStore.flush()).mapEmpty();
  }

  private void checkFeeds() {
    for (FeedMonitor.Change change : feeds.check(Instant.now())) {
      vertx.eventBus().publish(Addresses.FEED_STATUS, change.feed().toJson());
    }
  }

  /** Writes the newest tick per symbol to the cache, at most once per flush period per symbol. */
  private void publishLatest() {
    if (latest.isEmpty()) {
      return;
    }
    for (Tick t : latest.values()) {
      cache.put(LATEST_KEY + t.symbol(), t.toJson().encode(), LATEST_TTL);
    }
    latest.clear();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(flushTimer);
    vertx.cancelTimer(feedTimer);
    if (clockTimer >= 0) {
      vertx.cancelTimer(clockTimer);
    }
    return Future.join(consumer.unregister(), control.unregister(), macro.unregister()).transform(ar -> flush());
  }
}
