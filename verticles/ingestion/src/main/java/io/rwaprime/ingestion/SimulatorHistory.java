package io.rwaprime.ingestion;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.rwaprime.ingestion.simulator.MarketSimulator;
import io.rwaprime.ingestion.simulator.SimulatedTick;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * At the first start of a simulated mesh, {@code simulator.history-days} of past ticks (about four per asset and
 * hour, the simulator's own paths from the same seed) so that daily bars, features, risk scores and forecasts exist
 * at once instead of after days. They go through the normal ingress (bronze, Kafka, validation) as source
 * {@value #SOURCE} — a {@code backfill:} source, so their old event times are accepted — in event-time order, before
 * the live sources start and while the cleansing role still closes bars by event time only. A mesh that already
 * stored this source skips it.
 *
 * <p>Each asset's path is scaled so that it <em>ends</em> at the asset's start price, where the live simulator
 * begins: the history joins the live ticks without a jump (a 90-day random walk from the start price would end
 * far from it). Scaling keeps every return, so volatility, drawdowns and outliers are those of the simulated path.
 */
final class SimulatorHistory {

  static final String SOURCE = "backfill:simulator-history";
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorHistory.class);
  private static final int BATCH = 5_000;
  private static final double TICKS_PER_ASSET_HOUR = 4;

  private SimulatorHistory() {}

  static Future<JsonObject> run(Vertx vertx, RwaConfig.Simulator cfg, List<Asset> assets, RawIngress ingress) {
    if (!cfg.enabled() || cfg.historyDays() == 0) {
      return Future.succeededFuture(new JsonObject().put("history", "off"));
    }
    return vertx.eventBus().<JsonObject>request(Addresses.CLEANSING_CONTROL, "checkpoint",
            new DeliveryOptions().setSendTimeout(30_000))
        .compose(reply -> {
          if (reply.body().containsKey(SOURCE)) {
            return Future.succeededFuture(new JsonObject().put("history", "already stored"));
          }
          Instant end = Instant.now().minus(Duration.ofMinutes(1));
          Instant start = end.minus(Duration.ofDays(cfg.historyDays()));
          double rate = TICKS_PER_ASSET_HOUR * assets.size() / 3600.0;
          long t0 = System.nanoTime();
          Map<String, BigDecimal> scale = scaleToStart(assets, new MarketSimulator(assets, cfg.seed(), start, rate), end);
          MarketSimulator sim = new MarketSimulator(assets, cfg.seed(), start, rate);
          return feed(vertx, ingress, sim, scale, end, Instant.now(), 0)
              .map(n -> new JsonObject().put("history_ticks", n).put("days", cfg.historyDays())
                  .put("ms", (System.nanoTime() - t0) / 1_000_000));
        })
        .onSuccess(s -> LOG.info("simulated history [{}]", s.encode()))
        .recover(err -> {
          LOG.warn("no simulated history written [reason: {}]", err.getMessage());
          return Future.succeededFuture(new JsonObject().put("history", "failed"));
        });
  }

  /** Per symbol, the factor that makes its simulated path end at its start price (a dry run of the same seed). */
  static Map<String, BigDecimal> scaleToStart(List<Asset> assets, MarketSimulator dryRun, Instant end) {
    Map<String, BigDecimal> last = new HashMap<>();
    for (SimulatedTick t = dryRun.next(); !t.eventTime().isAfter(end); t = dryRun.next()) {
      last.put(t.symbol(), t.price());
    }
    Map<String, BigDecimal> scale = new HashMap<>();
    for (Asset a : assets) {
      BigDecimal l = last.get(a.symbol());
      scale.put(a.symbol(), l == null ? BigDecimal.ONE
          : a.simulation().startPrice().divide(l, MathContext.DECIMAL64));
    }
    return scale;
  }

  static BigDecimal scaled(SimulatedTick t, Map<String, BigDecimal> scale) {
    BigDecimal f = scale.getOrDefault(t.symbol(), BigDecimal.ONE);
    return t.price().multiply(f).setScale(Math.max(t.price().scale(), 2), RoundingMode.HALF_EVEN);
  }

  /** One batch into the ingress, then wait until cleansing has handled it: bounded memory, in order. */
  private static Future<Long> feed(Vertx vertx, RawIngress ingress, MarketSimulator sim, Map<String, BigDecimal> scale,
                                   Instant end, Instant received, long sent) {
    List<RawRecord> batch = new ArrayList<>(BATCH);
    while (batch.size() < BATCH) {
      SimulatedTick t = sim.next();
      if (t.eventTime().isAfter(end)) {
        break;
      }
      String payload = "{\"symbol\":\"" + t.symbol() + "\",\"price\":\"" + scaled(t, scale).toPlainString()
          + "\",\"volume\":\"" + t.volume().toPlainString() + "\",\"currency\":\"USD\",\"ts\":\"" + t.eventTime()
          + "\",\"seq\":" + t.sequence() + "}";
      batch.add(new RawRecord("simulator-history:" + t.symbol() + ":" + t.sequence(), SOURCE, RecordKind.PRICE,
          received, payload));
    }
    if (batch.isEmpty()) {
      return Future.succeededFuture(sent);
    }
    boolean last = batch.size() < BATCH;
    return ingress.acceptDurably(batch)
        .compose(n -> vertx.eventBus().request(Addresses.CLEANSING_CONTROL, "sync",
            new DeliveryOptions().setSendTimeout(120_000)).map(n))
        .compose(n -> last ? Future.succeededFuture(sent + n) : feed(vertx, ingress, sim, scale, end, received, sent + n));
  }
}
