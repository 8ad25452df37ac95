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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * At the first start of a simulated mesh, {@code simulator.history-days} of past ticks (about four per asset and
 * hour, the simulator's own paths from the same seed) so that daily bars, features, risk scores and forecasts exist
 * at once instead of after days. They go through the normal ingress (bronze, Kafka, validation) as source
 * {@value #SOURCE} — a {@code backfill:} source, so their old event times are accepted — in event-time order, before
 * the live sources start and while the cleansing role still closes bars by event time only. A mesh that already
 * stored this source skips it.
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
          MarketSimulator sim = new MarketSimulator(assets, cfg.seed(), start,
              TICKS_PER_ASSET_HOUR * assets.size() / 3600.0);
          long t0 = System.nanoTime();
          return feed(vertx, ingress, sim, end, Instant.now(), 0)
              .map(n -> new JsonObject().put("history_ticks", n).put("days", cfg.historyDays())
                  .put("ms", (System.nanoTime() - t0) / 1_000_000));
        })
        .onSuccess(s -> LOG.info("simulated history [{}]", s.encode()))
        .recover(err -> {
          LOG.warn("no simulated history written [reason: {}]", err.getMessage());
          return Future.succeededFuture(new JsonObject().put("history", "failed"));
        });
  }

  /** One batch into the ingress, then wait until cleansing has handled it: bounded memory, in order. */
  private static Future<Long> feed(Vertx vertx, RawIngress ingress, MarketSimulator sim, Instant end, Instant received,
                                   long sent) {
    List<RawRecord> batch = new ArrayList<>(BATCH);
    while (batch.size() < BATCH) {
      SimulatedTick t = sim.next();
      if (t.eventTime().isAfter(end)) {
        break;
      }
      String payload = "{\"symbol\":\"" + t.symbol() + "\",\"price\":\"" + t.price().toPlainString()
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
        .compose(n -> last ? Future.succeededFuture(sent + n) : feed(vertx, ingress, sim, end, received, sent + n));
  }
}
