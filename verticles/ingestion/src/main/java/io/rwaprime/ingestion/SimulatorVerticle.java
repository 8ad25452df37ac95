package io.rwaprime.ingestion;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.rwaprime.ingestion.simulator.MarketSimulator;
import io.rwaprime.ingestion.simulator.SimulatedTick;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * Emits the market simulator's ticks in real time: every few milliseconds it sends every tick whose
 * simulated event time has come, as a raw price record labelled with source {@code simulator}.
 */
final class SimulatorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorVerticle.class);
  /** Source label of every simulated record. */
  static final String SOURCE = "simulator";
  private static final long PERIOD_MS = 20;

  private final RwaConfig.Simulator cfg;
  private final List<Asset> assets;
  private final RawIngress ingress;
  private MarketSimulator simulator;
  private String runId;
  private SimulatedTick pending;
  private long timer = -1;

  SimulatorVerticle(RwaConfig.Simulator cfg, List<Asset> assets, RawIngress ingress) {
    this.cfg = cfg;
    this.assets = assets;
    this.ingress = ingress;
  }

  @Override
  public Future<?> start() {
    Instant start = Instant.now();
    // event ids stay unique across restarts, whose sequences start again at zero
    runId = Long.toString(start.toEpochMilli(), 36);
    simulator = new MarketSimulator(assets, cfg.seed(), start, cfg.ticksPerSecond());
    pending = simulator.next();
    timer = vertx.setPeriodic(PERIOD_MS, id -> emitDue());
    LOG.info("simulator started [assets: {}, ticks/s: {}, seed: {}]", assets.size(), cfg.ticksPerSecond(), cfg.seed());
    return Future.succeededFuture();
  }

  private void emitDue() {
    Instant now = Instant.now();
    while (!pending.eventTime().isAfter(now)) {
      ingress.accept(toRaw(runId, pending, now));
      pending = simulator.next();
    }
  }

  /** The raw form a price source would deliver: JSON text, decimals as strings. */
  static RawRecord toRaw(String runId, SimulatedTick t, Instant receivedAt) {
    String payload = "{\"symbol\":\"" + t.symbol() + "\",\"price\":\"" + t.price().toPlainString()
        + "\",\"volume\":\"" + t.volume().toPlainString() + "\",\"currency\":\"USD\",\"ts\":\"" + t.eventTime()
        + "\",\"seq\":" + t.sequence() + "}";
    return new RawRecord(SOURCE + ":" + runId + ":" + t.symbol() + ":" + t.sequence(), SOURCE, RecordKind.PRICE, receivedAt, payload);
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    LOG.info("simulator stopped");
    return Future.succeededFuture();
  }
}
