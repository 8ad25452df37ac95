package io.rwaprime.ingestion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.rwaprime.ingestion.simulator.MarketSimulator;
import io.rwaprime.ingestion.simulator.SimulatedTick;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
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
  private final Counter emitted;
  private MarketSimulator simulator;
  private String runId;
  private SimulatedTick pending;
  private long timer = -1;

  SimulatorVerticle(RwaConfig.Simulator cfg, List<Asset> assets, MeterRegistry metrics) {
    this.cfg = cfg;
    this.assets = assets;
    this.emitted = Counter.builder("rwa.ingestion.records")
        .description("Raw records appended by the sources")
        .tag("source", SOURCE).tag("kind", "price")
        .register(metrics);
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
    EventBus bus = vertx.eventBus();
    int n = 0;
    while (!pending.eventTime().isAfter(now)) {
      bus.send(Addresses.RAW_PRICE, toRaw(runId, pending, now));
      pending = simulator.next();
      n++;
    }
    emitted.increment(n);
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
