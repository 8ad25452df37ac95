package io.rwaprime.cleansing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.bus.Inbound;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.Tick;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Silver stage for prices: validates each raw price record into a {@link Tick} (or dead-letters it with
 * a reason code), drops duplicates, publishes the tick on {@link Addresses#TICKS} and
 * {@link Addresses#ticks(String)}, stores it, and keeps the latest price per symbol in the cache.
 */
final class CleansingVerticle extends VerticleBase {

  /** Stage name in dead letters. */
  static final String STAGE = "cleansing";
  /** Cache key prefix of the latest tick per symbol (JSON, TTL {@link #LATEST_TTL}). */
  static final String LATEST_KEY = "price:latest:";
  static final Duration LATEST_TTL = Duration.ofHours(1);
  private static final long FLUSH_MS = 200;
  private static final int DEDUP_WINDOW = 200_000;

  private final AssetCatalogue assets;
  private final Pool pool;
  private final KeyValueStore cache;
  private final DeadLetters deadLetters;
  private final MeterRegistry metrics;
  private final Map<String, Counter> accepted = new HashMap<>();
  private final Map<String, Tick> latest = new HashMap<>();
  /** Keys of recently seen ticks, oldest first; bounded. */
  private final Map<String, Boolean> recent = new LinkedHashMap<>(1 << 16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > DEDUP_WINDOW;
    }
  };
  private TickParser parser;
  private TickWriter writer;
  private MessageConsumer<RawRecord> consumer;
  private MessageConsumer<String> control;
  private long acceptedCount;
  private long rejectedCount;
  private long timer;

  CleansingVerticle(AssetCatalogue assets, Pool pool, KeyValueStore cache, DeadLetters deadLetters,
                    MeterRegistry metrics) {
    this.assets = assets;
    this.pool = pool;
    this.cache = cache;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    parser = new TickParser(symbol -> assets.find(symbol).isPresent());
    writer = new TickWriter(vertx, pool, metrics);
    consumer = vertx.eventBus().consumer(Addresses.RAW_PRICE, this::onRaw);
    control = vertx.eventBus().consumer(Addresses.CLEANSING_CONTROL, this::onControl);
    timer = vertx.setPeriodic(FLUSH_MS, id -> {
      writer.flush();
      publishLatest();
    });
    return Future.join(consumer.completion(), control.completion());
  }

  /** {@code sync}: everything sent before has been handled; {@code drain}: and stored. */
  private void onControl(Message<String> msg) {
    switch (String.valueOf(msg.body())) {
      case "sync" -> msg.reply("ok");
      case "drain" -> {
        publishLatest();
        writer.flush().onComplete(ar -> {
          if (ar.failed()) {
            msg.fail(503, "storage-unavailable");
            return;
          }
          msg.reply(new io.vertx.core.json.JsonObject()
              .put("ticks_accepted", acceptedCount)
              .put("records_rejected", rejectedCount));
        });
      }
      default -> msg.fail(400, "unknown-control-request");
    }
  }

  private void onRaw(Message<RawRecord> msg) {
    RawRecord raw = Inbound.body(msg, STAGE, deadLetters).orElse(null);
    if (raw == null) {
      return;
    }
    TickParser.Result result = parser.parse(raw);
    if (!result.ok()) {
      rejectedCount++;
      deadLetters.reject(raw.eventId(), raw.source(), STAGE, result.rejection().reasonCode(),
          result.rejection().detail(), raw.payload());
      return;
    }
    Tick tick = result.tick();
    String key = tick.source() + '|' + tick.symbol() + '|' + tick.eventTime() + '|' + tick.sequence();
    if (recent.put(key, Boolean.TRUE) != null) {
      rejectedCount++;
      deadLetters.reject(raw.eventId(), raw.source(), STAGE, "duplicate",
          "already received a tick with this source, symbol, event time and sequence", raw.payload());
      return;
    }
    EventBus bus = vertx.eventBus();
    bus.publish(Addresses.TICKS, tick);
    bus.publish(Addresses.ticks(tick.symbol()), tick);
    writer.add(tick);
    acceptedCount++;
    latest.put(tick.symbol(), tick);
    accepted.computeIfAbsent(tick.source(), s -> Counter.builder("rwa.ticks.accepted")
        .description("Ticks that passed validation").tag("source", s).register(metrics)).increment();
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
    vertx.cancelTimer(timer);
    return Future.join(consumer.unregister(), control.unregister()).transform(ar -> {
      publishLatest();
      return writer.flush();
    });
  }
}
