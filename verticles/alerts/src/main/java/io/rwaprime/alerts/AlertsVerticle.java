package io.rwaprime.alerts;

import io.rwaprime.alerts.index.Direction;
import io.rwaprime.alerts.index.RuleBook;
import io.rwaprime.alerts.index.WindowChange;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.kafka.CommittingConsumer;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.AlertRule;
import io.rwaprime.events.DeadLetter;
import io.rwaprime.events.Forecast;
import io.rwaprime.events.OnchainEvent;
import io.rwaprime.events.RiskScore;
import io.rwaprime.events.Tick;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Evaluates every rule on the stream: each tick (and each risk score) is one observation of one metric of one asset,
 * looked up in that metric's sorted threshold index ({@link RuleBook}) so it touches only the rules it crosses.
 * Metrics: {@code price}; {@code change:<window>} (the % change over a window, from a {@link WindowChange} per asset
 * and window in use); {@code risk}. A rule fires when its condition becomes true while armed, then re-arms once the
 * value is back past its threshold by its hysteresis (edge-triggered: a price that stays above fires once). A
 * firing inside the rule's cooldown is not recorded. Firings go to the outbox ({@link Triggers}), which
 * {@link Delivery} drains.
 *
 * <p>Rules come from PostgreSQL at start and whenever the api role announces a change on
 * {@link Addresses#ALERT_RULES} (the rule is re-read: the table is the truth). Several instances (verticles or
 * processes) share the assets by rendezvous hashing over the live instances ({@link Shards}); each evaluates the
 * rules of its assets only, and re-reads its rules when an instance joins or leaves.
 *
 * <p><b>From Kafka</b> ({@code alerts.source: kafka}, {@link KafkaSource}): ticks and risk scores come from their
 * topics through a {@link CommittingConsumer} instead of the bus — the partitions the group assigns to this
 * instance decide which assets it evaluates (keys are symbols), every rule is indexed, and a batch's offsets are
 * committed only once each of its firings is in the outbox (retried until it is). After a crash the batch is
 * evaluated again: the rules start as at any restart (a rule that fired waits for a new crossing) and a firing
 * evaluated twice has the same trigger id, so nothing is recorded twice. The other inputs (features, forecasts,
 * fast risk moves, on-chain events) stay on the bus and are shared among the instances by the rendezvous hashing
 * of the bus path; the last price a forecast move is measured from is then taken from the bus's ticks too.
 */
final class AlertsVerticle extends VerticleBase {

  /**
   * After a rule change is applied by the instance that owns its asset: {@code {"rule_id", "indexed", "instance"}}
   * (for operators and tests).
   */
  static final String APPLIED = Addresses.ALERT_RULES + ".applied";
  private static final Logger LOG = LoggerFactory.getLogger(AlertsVerticle.class);
  private static final long SWEEP_MS = 5_000;
  private static final int RECORD_ATTEMPTS = 5;
  /** Ticks older than this (by event time) are history, not news: they are not evaluated. */
  static final Duration STALE = Duration.ofMinutes(15);
  /** Features are computed per closed bar (up to a day): older than this they are history. */
  static final Duration FEATURES_STALE = Duration.ofHours(26);

  private final RuleStore store;
  private final Triggers triggers;
  private final Delivery delivery;
  private final Digests digests;
  private final AlertsMetrics metrics;
  private final Clock clock;
  private final long deliveryMillis;
  private final long digestMillis;
  private final RuleBook book = new RuleBook();
  private final Map<UUID, StoredRule> rules = new HashMap<>();
  private final Map<UUID, long[]> indexIds = new HashMap<>();
  private final Map<Long, UUID> byIndexId = new HashMap<>();
  /** symbol → window → the % change tracker of that window. */
  private final Map<String, Map<Duration, WindowChange>> changes = new HashMap<>();
  /** symbol → window → volume spike tracker. */
  private final Map<String, Map<Duration, VolumeRatio>> volumes = new HashMap<>();
  /** symbol → the last live price (forecast moves are measured from it). */
  private final Map<String, Double> lastPrice = new HashMap<>();
  /** symbol → the latest 7-day forecast (its bands, for price_outside_forecast). */
  private final Map<String, Forecast> bands = new HashMap<>();
  private long nextIndexId = 1;
  private Shards shards;
  /** Kafka mode: where ticks and risk scores come from; null on the bus. */
  private final KafkaSource kafka;
  /** Kafka mode: the recordings of the batch being evaluated (its offsets wait for them). */
  private List<Future<Void>> batchWrites;
  private CommittingConsumer consumer;

  /**
   * Where an instance reads ticks and risk scores in Kafka mode.
   *
   * @param crashAfterWrite tests only: the consumer dies after its first batch is recorded, before the commit
   */
  record KafkaSource(String bootstrapServers, String ticksTopic, String riskTopic, String groupId,
                     DeadLetters deadLetters, io.micrometer.core.instrument.MeterRegistry metrics,
                     boolean crashAfterWrite) {}

  AlertsVerticle(RuleStore store, Triggers triggers, Delivery delivery, Digests digests, AlertsMetrics metrics,
                 Clock clock, Duration deliveryInterval, Duration digestInterval) {
    this(store, triggers, delivery, digests, metrics, clock, deliveryInterval, digestInterval, null);
  }

  AlertsVerticle(RuleStore store, Triggers triggers, Delivery delivery, Digests digests, AlertsMetrics metrics,
                 Clock clock, Duration deliveryInterval, Duration digestInterval, KafkaSource kafka) {
    this.kafka = kafka;
    this.deliveryMillis = deliveryInterval.toMillis();
    this.digestMillis = digestInterval.toMillis();
    this.digests = digests;
    this.store = store;
    this.triggers = triggers;
    this.delivery = delivery;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    shards = new Shards(vertx);
    // from Kafka the group's partition assignment shares the ticks and risk scores and every instance indexes every
    // rule; the member list then only shares the inputs that stay on the bus
    return shards.start(members -> {
      if (kafka == null) {
        reindex(members.size());
      }
    }).compose(v -> store.all()).map(all -> {
      all.forEach(r -> put(r, true));
      vertx.eventBus().<AlertRule>consumer(Addresses.ALERT_RULES,
          m -> reload(UUID.fromString(m.body().ruleId()), m.body().symbol()));
      if (kafka == null) {
        vertx.eventBus().<Tick>consumer(Addresses.TICKS, m -> onTick(m.body()));
        vertx.eventBus().<RiskScore>consumer(Addresses.RISK, m -> onRisk(m.body()));
      } else {
        vertx.eventBus().<Tick>consumer(Addresses.TICKS, m -> notePrice(m.body()));
        consumer = new CommittingConsumer("alerts", context, kafka.bootstrapServers(), kafka.groupId(),
            List.of(kafka.ticksTopic(), kafka.riskTopic()), 1000, this::evaluate, this::reassigned,
            kafka.crashAfterWrite(), kafka.metrics());
      }
      vertx.eventBus().<io.vertx.core.json.JsonObject>consumer(Addresses.FEATURES, m -> onFeatures(m.body()));
      vertx.eventBus().<io.vertx.core.json.JsonObject>consumer(Addresses.RISK_FAST_MOVES, m -> onFastMove(m.body()));
      vertx.eventBus().<Forecast>consumer(Addresses.FORECASTS, m -> onForecast(m.body()));
      vertx.eventBus().<OnchainEvent>consumer(Addresses.ONCHAIN_EVENTS, m -> onOnchain(m.body()));
      vertx.setPeriodic(SWEEP_MS, id -> store.sweep().onFailure(e -> LOG.warn("alert sweep failed [reason: {}]",
          e.getMessage())));
      vertx.setPeriodic(deliveryMillis, id -> delivery.drain());
      vertx.setPeriodic(digestMillis, id -> digests.run()
          .onSuccess(n -> {
            if (n > 0) {
              delivery.drain();
            }
          })
          .onFailure(e -> LOG.warn("alert digests not made [reason: {}]", e.getMessage())));
      delivery.drain();
      LOG.info("alerts evaluating [rules: {}, instance: {}]", rules.size(), shards.self());
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    CommittingConsumer c = consumer;
    Future<?> closed = c == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      c.close();
      return null;
    });
    return closed.compose(v -> shards == null ? Future.succeededFuture() : shards.stop());
  }

  /** Kafka mode: the consumer's state, for {@code /health}; null on the bus. */
  JsonObject kafkaStatus() {
    CommittingConsumer c = consumer;
    return c == null ? null : c.status();
  }

  /** Kafka mode: whether the consumer is running (false before start and after it stopped). */
  boolean kafkaAlive() {
    CommittingConsumer c = consumer;
    return c != null && c.alive();
  }

  /**
   * Kafka mode: evaluates one polled batch in order; the future completes when every firing it caused is recorded
   * (only then are its offsets committed). A value that is not a tick or risk score goes to dead-letter
   * ({@code alerts.undecodable}) and is committed past.
   */
  private Future<?> evaluate(ConsumerRecords<String, String> records) {
    batchWrites = new ArrayList<>();
    try {
      for (ConsumerRecord<String, String> r : records) {
        try {
          JsonObject json = new JsonObject(r.value());
          if (r.topic().equals(kafka.riskTopic())) {
            onRisk(RiskScore.fromJson(json));
          } else {
            onTick(Tick.fromJson(json));
          }
        } catch (RuntimeException e) {
          String where = r.topic() + "/" + r.partition() + "@" + r.offset();
          kafka.deadLetters().reject(DeadLetter.of(r.topic() + "-" + r.partition() + "-" + r.offset(),
              "kafka:" + r.topic(), "alerts", "alerts.undecodable", where + ": " + e.getMessage(),
              String.valueOf(r.value())));
        }
      }
      return Future.all(batchWrites);
    } finally {
      batchWrites = null;
    }
  }

  /**
   * Kafka mode: the group moved partitions. The rules start again from the table as at a restart (a rule that
   * fired waits for a new crossing), so an asset that arrives from another instance is not fired again on its
   * state here from before.
   */
  private Future<?> reassigned() {
    return store.all().map(all -> {
      new ArrayList<>(rules.keySet()).forEach(this::remove);
      all.forEach(r -> put(r, true));
      LOG.info("alerts partitions assigned [rules: {}, instance: {}]", rules.size(), shards.self());
      return null;
    });
  }

  /**
   * Whether an input that arrives on the bus (features, forecasts, fast moves, on-chain events) is evaluated here: on
   * the bus path the rules of other instances' assets are not even indexed; on Kafka every rule is, and the
   * rendezvous hashing picks one instance per asset.
   */
  private boolean evaluatesHere(String symbol) {
    return kafka == null || shards.owns(symbol);
  }

  /** Kafka mode: the last live price of every asset, from the bus's ticks (forecast moves are measured from it). */
  private void notePrice(Tick t) {
    if (!t.source().startsWith("backfill:") && !t.eventTime().isBefore(clock.instant().minus(STALE))) {
      lastPrice.put(t.symbol(), t.price().doubleValue());
    }
  }

  /** The members changed: evaluate exactly the rules of the assets this instance owns now. */
  private void reindex(int members) {
    store.all().onSuccess(all -> {
      new ArrayList<>(rules.keySet()).forEach(this::remove);
      all.forEach(r -> put(r, true));
      LOG.info("alerts re-sharded [instances: {}, rules here: {}, instance: {}]", members, rules.size(), shards.self());
    }).onFailure(e -> LOG.warn("alerts not re-sharded [reason: {}]", e.getMessage()));
  }

  private void reload(UUID id, String symbol) {
    store.evaluated(id).onSuccess(r -> {
      remove(id);
      r.ifPresent(rule -> put(rule, false));
      if (shards.owns(symbol)) {
        vertx.eventBus().publish(APPLIED, new io.vertx.core.json.JsonObject().put("rule_id", id.toString())
            .put("indexed", r.isPresent()).put("instance", shards.self()));
      }
    }).onFailure(e -> LOG.warn("alert rule not reloaded [rule: {}, reason: {}]", id, e.getMessage()));
  }

  /**
   * Indexes a rule; a crossing rule is an ABOVE and a BELOW entry that both need a crossing first. A rule that
   * already fired and is picked up again at start ({@code continuing}) starts disarmed too: it fires on the next
   * crossing, not again because the value is still past its threshold after a restart. A rule created, edited or
   * resumed starts armed.
   */
  private void put(StoredRule r, boolean continuing) {
    if (kafka == null && shards != null && !shards.owns(r.symbol())) {
      return; // another instance evaluates this asset
    }
    double t = r.threshold().doubleValue();
    double h = r.hysteresis().doubleValue();
    boolean cross = continuing && r.lastFiredAt() != null;
    List<Long> ids = new ArrayList<>();
    switch (r.condition()) {
      case "price_above" -> ids.add(add(r, "price", Direction.ABOVE, t, h, cross));
      case "price_below" -> ids.add(add(r, "price", Direction.BELOW, t, h, cross));
      case "price_crosses" -> {
        ids.add(add(r, "price", Direction.ABOVE, t, h, true));
        ids.add(add(r, "price", Direction.BELOW, t, h, true));
      }
      case "change_pct_above" -> ids.add(add(r, changeMetric(r), Direction.ABOVE, t, h, cross));
      case "change_pct_below" -> ids.add(add(r, changeMetric(r), Direction.BELOW, t, h, cross));
      case "risk_above" -> ids.add(add(r, "risk", Direction.ABOVE, t, h, cross));
      case "risk_below" -> ids.add(add(r, "risk", Direction.BELOW, t, h, cross));
      case "nav_premium_above" -> ids.add(add(r, "nav_premium", Direction.ABOVE, t, h, cross));
      case "nav_premium_below" -> ids.add(add(r, "nav_premium", Direction.BELOW, t, h, cross));
      case "yield_above" -> ids.add(add(r, "yield", Direction.ABOVE, t, h, cross));
      case "yield_below" -> ids.add(add(r, "yield", Direction.BELOW, t, h, cross));
      case "volatility_above" -> ids.add(add(r, "volatility", Direction.ABOVE, t, h, cross));
      case "volume_spike" -> ids.add(add(r, "volume:" + r.window(), Direction.ABOVE, t, h, cross));
      case "risk_fast_move" -> ids.add(add(r, "risk_move", Direction.ABOVE, t, 0, false));
      case "forecast_7d_move_above" -> ids.add(add(r, "forecast_move:7", Direction.ABOVE, t, h, cross));
      case "forecast_7d_move_below" -> ids.add(add(r, "forecast_move:7", Direction.BELOW, t, h, cross));
      case "forecast_30d_move_above" -> ids.add(add(r, "forecast_move:30", Direction.ABOVE, t, h, cross));
      case "forecast_30d_move_below" -> ids.add(add(r, "forecast_move:30", Direction.BELOW, t, h, cross));
      case "price_outside_forecast" -> ids.add(add(r, "forecast_exit", Direction.ABOVE, t, h, cross));
      case "whale_transfer_above" -> ids.add(add(r, "onchain_whale", Direction.ABOVE, t, 0, false));
      case "mint_above" -> ids.add(add(r, "onchain_mint", Direction.ABOVE, t, 0, false));
      case "burn_above" -> ids.add(add(r, "onchain_burn", Direction.ABOVE, t, 0, false));
      default -> {
        LOG.warn("alert rule with an unknown condition skipped [rule: {}, condition: {}]", r.id(), r.condition());
        return;
      }
    }
    if (r.window() != null && r.condition().equals("volume_spike")) {
      volumes.computeIfAbsent(r.symbol(), s -> new HashMap<>()).computeIfAbsent(r.window(),
          w -> new VolumeRatio(w.toMillis()));
    } else if (r.window() != null) {
      Map<Duration, WindowChange> windows = changes.computeIfAbsent(r.symbol(), s -> new HashMap<>());
      if (!windows.containsKey(r.window())) {
        WindowChange w = new WindowChange(r.window().toMillis());
        windows.put(r.window(), w);
        seed(r.symbol(), r.window(), w);
      }
    }
    if (rules.put(r.id(), r) == null) {
      metrics.rules.incrementAndGet();
    }
    indexIds.put(r.id(), ids.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * Fills a new change tracker with the closes of the last window (1-minute bars), so a change rule sees the move
   * over its window at once instead of after a whole window of live ticks (at start, or when it is created).
   */
  private void seed(String symbol, Duration window, WindowChange w) {
    store.closes(symbol, clock.instant().minus(window).minus(Duration.ofMinutes(2))).onSuccess(closes -> {
      if (changes.getOrDefault(symbol, Map.of()).get(window) != w) {
        return;
      }
      // live ticks may already be in: only closes older than the first of them can still go in, in order
      closes.forEach(c -> w.update(c.time().toEpochMilli(), c.value()));
    }).onFailure(e -> LOG.warn("change window not seeded [symbol: {}, window: {}, reason: {}]", symbol, window,
        e.getMessage()));
  }

  private long add(StoredRule r, String metric, Direction dir, double threshold, double hysteresis, boolean cross) {
    long id = nextIndexId++;
    book.add(id, r.symbol(), metric, dir, threshold, hysteresis, cross);
    byIndexId.put(id, r.id());
    return id;
  }

  private void remove(UUID id) {
    long[] ids = indexIds.remove(id);
    if (ids != null) {
      for (long i : ids) {
        book.remove(i);
        byIndexId.remove(i);
      }
    }
    if (rules.remove(id) != null) {
      metrics.rules.decrementAndGet();
    }
  }

  private static String changeMetric(StoredRule r) {
    return "change:" + r.window();
  }

  /**
   * A live tick is evaluated; a backfilled one (source {@code backfill:…}) or one older than {@link #STALE} only
   * feeds the change windows — an alert is about now, not about history loaded later.
   */
  private void onTick(Tick t) {
    double price = t.price().doubleValue();
    boolean live = !t.source().startsWith("backfill:") && !t.eventTime().isBefore(clock.instant().minus(STALE));
    if (live) {
      lastPrice.put(t.symbol(), price);
      observe(t.symbol(), "price", price, t.eventId(), t.price(), t.eventTime());
      forecastExit(t, price);
    } else {
      metrics.stale.increment();
    }
    Map<Duration, VolumeRatio> vols = volumes.get(t.symbol());
    if (vols != null) {
      for (Map.Entry<Duration, VolumeRatio> v : vols.entrySet()) {
        double ratio = v.getValue().update(t.eventTime().toEpochMilli(), t.volume().doubleValue());
        if (live && !Double.isNaN(ratio)) {
          observe(t.symbol(), "volume:" + v.getKey(), ratio, t.eventId(), BigDecimal.valueOf(ratio), t.eventTime());
        }
      }
    }
    Map<Duration, WindowChange> windows = changes.get(t.symbol());
    if (windows != null) {
      for (Map.Entry<Duration, WindowChange> w : windows.entrySet()) {
        double pct = 100 * w.getValue().update(t.eventTime().toEpochMilli(), price);
        if (live && !Double.isNaN(pct)) {
          observe(t.symbol(), "change:" + w.getKey(), pct, t.eventId(), BigDecimal.valueOf(pct), t.eventTime());
        }
      }
    }
  }

  /** The features after a closed bar: NAV premium, yield and realized volatility, in percent. */
  private void onFeatures(io.vertx.core.json.JsonObject f) {
    String symbol = f.getString("symbol");
    Instant asOf = Instant.parse(f.getString("as_of"));
    if (symbol == null || asOf.isBefore(clock.instant().minus(FEATURES_STALE)) || !evaluatesHere(symbol)) {
      return;
    }
    String event = "features:" + asOf;
    featureMetric(symbol, "nav_premium", f.getValue("nav_premium"), event, asOf);
    featureMetric(symbol, "yield", f.getValue("yield_apy"), event, asOf);
    featureMetric(symbol, "volatility", f.getValue("realized_vol_7d"), event, asOf);
  }

  private void featureMetric(String symbol, String metric, Object fraction, String event, Instant asOf) {
    if (fraction instanceof Number n && Double.isFinite(n.doubleValue())) {
      double pct = 100 * n.doubleValue();
      observe(symbol, metric, pct, event + ":" + metric, BigDecimal.valueOf(pct), asOf);
    }
  }

  /** A fast move of the risk score: an event, so the rule re-arms at once for the next one. */
  private void onFastMove(io.vertx.core.json.JsonObject m) {
    String symbol = m.getString("symbol");
    Number change = m.getNumber("change");
    if (symbol == null || change == null || !evaluatesHere(symbol)) {
      return;
    }
    double points = Math.abs(change.doubleValue());
    String event = "fastmove:" + m.getString("to");
    observe(symbol, "risk_move", points, event, BigDecimal.valueOf(points), Instant.parse(m.getString("to")));
    book.observe(symbol, "risk_move", 0, id -> { });
  }

  /**
   * A mint, burn or whale transfer seen on-chain: each is one event (metric {@code onchain_mint|burn|whale}, amount
   * in token units), observed and then reset so the next one can fire again; a retraction (reorg) fires nothing.
   */
  private void onOnchain(OnchainEvent e) {
    String metric = switch (e.kind()) {
      case MINT -> "onchain_mint";
      case BURN -> "onchain_burn";
      case WHALE -> "onchain_whale";
      case RETRACTED -> null;
    };
    if (metric == null || !evaluatesHere(e.symbol())) {
      return;
    }
    String event = "onchain:" + e.chain() + ":" + e.txHash() + ":" + e.logIndex();
    observe(e.symbol(), metric, e.amount().doubleValue(), event, e.amount(), e.time());
    book.observe(e.symbol(), metric, 0, id -> { });
  }

  /**
   * A new forecast: its predicted move over the horizon, from the last live price, in percent (metric
   * {@code forecast_move:<days>}); a 7-day forecast also becomes the band {@code price_outside_forecast} watches.
   */
  private void onForecast(Forecast f) {
    if (f.steps().isEmpty()) {
      return;
    }
    if (f.horizonDays() == 7) {
      bands.put(f.symbol(), f);
    }
    Double base = lastPrice.get(f.symbol());
    if (base == null || base <= 0 || !evaluatesHere(f.symbol())) {
      return;
    }
    double pct = 100 * (f.steps().get(f.steps().size() - 1).mean().doubleValue() / base - 1);
    observe(f.symbol(), "forecast_move:" + f.horizonDays(), pct, "forecast:" + f.modelVersion() + ":" + f.horizonDays(),
        BigDecimal.valueOf(pct), f.generatedAt());
  }

  /** How far (percent) the price is outside the 95 % band of the latest 7-day forecast at its time; ≤ 0 inside. */
  private void forecastExit(Tick t, double price) {
    Forecast f = bands.get(t.symbol());
    if (f == null) {
      return;
    }
    io.rwaprime.events.ForecastStep step = null;
    for (io.rwaprime.events.ForecastStep s : f.steps()) {
      if (!s.time().isBefore(t.eventTime())) {
        step = s;
        break;
      }
    }
    if (step == null || step.lower95() == null || step.upper95() == null) {
      return;
    }
    double lower = step.lower95().doubleValue();
    double upper = step.upper95().doubleValue();
    double outside = 100 * Math.max(price / upper - 1, lower / price - 1);
    observe(t.symbol(), "forecast_exit", outside, t.eventId(), BigDecimal.valueOf(outside), t.eventTime());
  }

  private void onRisk(RiskScore r) {
    observe(r.symbol(), "risk", r.composite(), "risk:" + r.calculatedAt(), BigDecimal.valueOf(r.composite()),
        r.calculatedAt());
  }

  private void observe(String symbol, String metric, double value, String eventId, BigDecimal observed, Instant at) {
    metrics.observations.increment();
    book.observe(symbol, metric, value, indexId -> fire(byIndexId.get(indexId), eventId, observed, at));
  }

  private void fire(UUID ruleId, String eventId, BigDecimal observed, Instant eventTime) {
    StoredRule r = ruleId == null ? null : rules.get(ruleId);
    if (r == null) {
      return;
    }
    Instant now = clock.instant();
    if (r.expiredAt(now)) {
      remove(r.id());
      return;
    }
    if (!r.coolAt(now)) {
      metrics.suppressed.increment();
      return;
    }
    rules.put(r.id(), r.firedAt(now));
    if (r.oneShot()) {
      remove(r.id());
    }
    Promise<Void> recorded = Promise.promise();
    record(r, Triggers.event(r, eventId, observed, eventTime), 1, recorded);
    if (batchWrites != null) {
      batchWrites.add(recorded.future());
    }
  }

  /**
   * Records a firing, retrying while the database is unreachable (the trigger id makes it idempotent): a few times
   * on the bus; from Kafka until it is recorded, since the batch's offsets wait for it.
   */
  private void record(StoredRule r, io.rwaprime.events.AlertEvent event, int attempt, Promise<Void> done) {
    triggers.record(r, event)
        .onSuccess(recorded -> {
          if (recorded) {
            metrics.fired.increment();
            delivery.drain();
          }
          done.complete();
        })
        .onFailure(e -> {
          if (attempt < RECORD_ATTEMPTS || kafka != null) {
            if (attempt % RECORD_ATTEMPTS == 0) {
              LOG.warn("alert firing not recorded yet [rule: {}, trigger: {}, attempts: {}, reason: {}]", r.id(),
                  event.triggerId(), attempt, e.getMessage());
            }
            vertx.setTimer(Math.min(1000L * attempt, 10_000L), t -> record(r, event, attempt + 1, done));
          } else {
            LOG.error("alert firing not recorded [rule: {}, trigger: {}, reason: {}]", r.id(), event.triggerId(),
                e.getMessage());
            done.fail(e);
          }
        });
  }
}
