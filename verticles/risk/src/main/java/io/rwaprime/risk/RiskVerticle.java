package io.rwaprime.risk;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.BarInterval;
import io.rwaprime.risk.score.FastMoveDetector;
import io.rwaprime.risk.score.RiskWeightProfiles;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores every asset of the catalogue: at start, every {@code risk.interval}, and {@code risk.debounce} after
 * the last closed 1h or 1d bar. Each round reads the bars and NAV premiums, assesses all assets on a worker
 * thread, stores one {@code risk_scores} row per asset, publishes a {@link io.rwaprime.events.RiskScore} per
 * asset on {@link Addresses#RISK} and a fast-move event on {@link Addresses#RISK_FAST_MOVES} when a score moved
 * fast. Rounds never overlap: one asked for during a round runs right after it. Also answers
 * {@link Addresses#RISK_PORTFOLIO} ({@link PortfolioRiskHandler}).
 */
final class RiskVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RiskVerticle.class);

  private final RwaConfig.Risk cfg;
  private final AssetCatalogue catalogue;
  private final RiskProfiles profiles;
  private final RiskWeightProfiles weights;
  private final Pool pool;
  private final MeterRegistry metrics;
  private final RiskStatus status;
  private RiskRepository repo;
  private AssetAssessor assessor;
  private FastMoveDetector fastMoves;
  private Timer roundTimer;
  private long periodic = -1;
  private long debounce = -1;
  private boolean running;
  private boolean again;

  RiskVerticle(RwaConfig.Risk cfg, AssetCatalogue catalogue, RiskProfiles profiles, RiskWeightProfiles weights,
               Pool pool, MeterRegistry metrics, RiskStatus status) {
    this.cfg = cfg;
    this.catalogue = catalogue;
    this.profiles = profiles;
    this.weights = weights;
    this.pool = pool;
    this.metrics = metrics;
    this.status = status;
  }

  @Override
  public Future<?> start() {
    repo = new RiskRepository(pool);
    assessor = new AssetAssessor(weights, cfg.riskFreeRate(), cfg.minPrices(), cfg.monteCarloPaths());
    fastMoves = new FastMoveDetector(cfg.fastMoveThreshold(), cfg.fastMoveWindow());
    roundTimer = Timer.builder("rwa.risk.round").description("one scoring round over every asset").register(metrics);
    List<MessageConsumer<?>> consumers = new ArrayList<>();
    for (BarInterval i : List.of(BarInterval.H1, BarInterval.D1)) {
      consumers.add(vertx.eventBus().consumer(Addresses.bars(i), msg -> barClosed()));
    }
    consumers.add(vertx.eventBus().consumer(Addresses.RISK_PORTFOLIO,
        new PortfolioRiskHandler(vertx, repo, cfg.minPrices(), cfg.maxPrices())));
    periodic = vertx.setPeriodic(cfg.interval().toMillis(), id -> round("schedule"));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .onSuccess(v -> round("start"));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(periodic);
    vertx.cancelTimer(debounce);
    return Future.succeededFuture();
  }

  private void barClosed() {
    // debounce: the bars of every asset close together at the top of the hour; score once after the last one
    vertx.cancelTimer(debounce);
    debounce = vertx.setTimer(Math.max(1, cfg.debounce().toMillis()), id -> {
      debounce = -1;
      round("bars");
    });
  }

  private void round(String reason) {
    if (running) {
      again = true;
      return;
    }
    running = true;
    long t0 = System.nanoTime();
    List<String> symbols = catalogue.assets().stream().map(Asset::symbol).toList();
    Future.all(repo.histories(symbols, cfg.minPrices(), cfg.maxPrices()), repo.navPremiums(symbols))
        .compose(f -> {
          Map<String, BarWindow> bars = f.resultAt(0);
          Map<String, Double> premiums = f.resultAt(1);
          return vertx.executeBlocking(() -> assessAll(bars, premiums), false);
        })
        .compose(this::storeAndPublish)
        .onComplete(ar -> {
          running = false;
          long nanos = System.nanoTime() - t0;
          roundTimer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
          if (ar.succeeded()) {
            status.completed(Instant.now(), ar.result());
            LOG.debug("risk round done [reason: {}, assets: {}, ms: {}]", reason, ar.result(), nanos / 1_000_000);
          } else {
            status.failed(ar.cause());
            LOG.warn("risk round failed [reason: {}, error: {}]", reason, ar.cause().toString());
          }
          if (again) {
            again = false;
            round("queued");
          }
        });
  }

  private List<Assessment> assessAll(Map<String, BarWindow> bars, Map<String, Double> premiums) {
    Instant now = RiskRepository.now();
    List<Assessment> out = new ArrayList<>();
    for (Asset a : catalogue.assets()) {
      try {
        out.add(assessor.assess(a, profiles.of(a.symbol()), bars.get(a.symbol()), premiums.get(a.symbol()), now));
      } catch (RuntimeException e) {
        LOG.warn("risk assessment failed [symbol: {}, reason: {}]", a.symbol(), e.toString());
      }
    }
    return out;
  }

  private Future<Integer> storeAndPublish(List<Assessment> assessments) {
    Map<String, JsonObject> details = new HashMap<>();
    for (Assessment a : assessments) {
      details.put(a.symbol(), RiskDetails.of(a, weights.forAssetClass(a.assetClass()), assessor.minPrices()));
    }
    return repo.store(assessments, details).map(v -> {
      for (Assessment a : assessments) {
        vertx.eventBus().publish(Addresses.RISK, RiskJson.event(a, weights.forAssetClass(a.assetClass())));
        fastMoves.observe(a.symbol(), a.calculatedAt(), a.score().compositeScore()).ifPresent(this::publishFastMove);
      }
      return assessments.size();
    });
  }

  private void publishFastMove(FastMoveDetector.FastMove m) {
    LOG.info("risk fast move [symbol: {}, from: {}, to: {}, change: {}]", m.asset(), m.fromScore(), m.toScore(),
        m.change());
    vertx.eventBus().publish(Addresses.RISK_FAST_MOVES, new JsonObject().put("symbol", m.asset())
        .put("from", m.from().toString()).put("to", m.to().toString())
        .put("from_score", m.fromScore()).put("to_score", m.toScore()).put("change", m.change())
        .put("threshold_points", cfg.fastMoveThreshold()).put("window", cfg.fastMoveWindow().toString()));
  }
}
