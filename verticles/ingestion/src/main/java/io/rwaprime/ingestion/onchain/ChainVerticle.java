package io.rwaprime.ingestion.onchain;

import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.DeadLetter;
import io.rwaprime.events.OnchainEvent;
import io.rwaprime.events.OnchainMetric;
import io.rwaprime.events.Tick;
import io.rwaprime.web3.ChainRpc;
import io.rwaprime.web3.Erc20;
import io.rwaprime.web3.ScanListener;
import io.rwaprime.web3.SyncReport;
import io.rwaprime.web3.TokenRef;
import io.rwaprime.web3.TokenScanner;
import io.rwaprime.web3.Transfer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scans one chain: a {@link TokenScanner} per configured token, run whenever a new head arrives (WebSocket
 * {@code newHeads}) and every poll interval; passes never overlap. After each pass it publishes the live events
 * (mints, burns, whale transfers; retractions after a reorg) on {@link Addresses#ONCHAIN_EVENTS}, rewrites the
 * touched {@code onchain_metrics} rows and publishes the current one on {@link Addresses#ONCHAIN}. It also answers
 * wallet requests for its chain ({@link WalletReports}).
 */
final class ChainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ChainVerticle.class);

  private final ChainConfig cfg;
  private final Pool pool;
  private final MetricsWriter metrics;
  private final OnchainStatus status;
  private final DeadLetters deadLetters;
  private final OnchainMeters meters;
  private final Map<String, TokenScanner> scanners = new LinkedHashMap<>();
  private final Map<String, BigDecimal> prices = new ConcurrentHashMap<>();
  private final Map<String, BigInteger> supplies = new ConcurrentHashMap<>();
  private final Map<String, Set<Instant>> touchedBuckets = new ConcurrentHashMap<>();
  private final Set<String> thresholdsWritten = ConcurrentHashMap.newKeySet();
  private ChainRpc rpc;
  private HeadSubscription heads;
  private long timer = -1;
  private boolean running;
  private boolean pending;
  private boolean stopped;

  ChainVerticle(ChainConfig cfg, Pool pool, Duration metricsInterval, OnchainStatus status, DeadLetters deadLetters,
                MeterRegistry registry) {
    this.cfg = cfg;
    this.pool = pool;
    this.metrics = new MetricsWriter(pool, metricsInterval);
    this.status = status;
    this.deadLetters = deadLetters;
    this.meters = new OnchainMeters(registry, cfg.name());
  }

  @Override
  public Future<?> start() {
    rpc = new ChainRpc(cfg.name(), cfg.chainId(), cfg.rpc(), cfg.timeout());
    status.chain(cfg.name(), rpc);
    for (ChainConfig.Token t : cfg.tokens()) {
      vertx.eventBus().<Tick>consumer(Addresses.ticks(t.symbol()), m -> prices.put(t.symbol(), m.body().price()));
    }
    vertx.eventBus().<JsonObject>consumer(Addresses.ONCHAIN_WALLET + "." + cfg.name(), msg ->
        new WalletReports(pool, rpc, cfg).report(msg.body())
            .onSuccess(msg::reply)
            .onFailure(e -> msg.fail(e instanceof IllegalArgumentException ? 400 : 503, e.getMessage())));
    timer = vertx.setPeriodic(cfg.pollInterval().toMillis(), id -> kick());
    if (!cfg.ws().isEmpty()) {
      heads = new HeadSubscription(vertx, cfg.ws(), this::kick);
      heads.start();
    }
    kick();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    if (heads != null) {
      heads.close();
    }
    rpc.close();
    return Future.succeededFuture();
  }

  /** Runs a round of passes now, or right after the one running. */
  void kick() {
    if (stopped) {
      return;
    }
    if (running) {
      pending = true;
      return;
    }
    running = true;
    round().onComplete(x -> {
      running = false;
      if (x.failed()) {
        LOG.warn("on-chain round failed [chain: {}, error: {}]", cfg.name(), String.valueOf(x.cause()));
      }
      if (pending) {
        pending = false;
        kick();
      }
    });
  }

  private Future<Void> round() {
    Future<Void> chain = Future.succeededFuture();
    for (ChainConfig.Token t : cfg.tokens()) {
      chain = chain.compose(v -> scanner(t)).compose(s -> syncToHead(s, 0))
          .recover(e -> {
            status.error(cfg.name(), t.symbol(), e);
            return Future.succeededFuture();
          });
    }
    return chain;
  }

  private Future<TokenScanner> scanner(ChainConfig.Token t) {
    TokenScanner existing = scanners.get(t.symbol());
    if (existing != null) {
      return Future.succeededFuture(existing);
    }
    return Future.fromCompletionStage(rpc.call(t.address(), Erc20.decimals(), -1), context)
        .map(hex -> {
          int decimals = Erc20.words(hex, 1).get(0).intValueExact();
          TokenRef ref = new TokenRef(cfg.name(), cfg.chainId(), t.symbol(), t.address(), decimals, t.startBlock());
          TokenScanner s = new TokenScanner(rpc, ref, new PgScanStore(pool), cfg.finality(), new Listener(t),
              new TokenScanner.Options(cfg.maxRange(), Math.max(cfg.maxRange(), 100_000), 2_000, 20, 20));
          scanners.put(t.symbol(), s);
          LOG.info("scanning [chain: {}, token: {}, decimals: {}, from block: {}]", cfg.name(), ref, decimals,
              t.startBlock());
          return s;
        });
  }

  private Future<Void> syncToHead(TokenScanner s, int rounds) {
    return Future.fromCompletionStage(s.sync(), context).compose(report -> {
      if (thresholdsWritten.add(s.token().symbol())) {
        BigInteger whale = cfg.tokens().stream().filter(t -> t.symbol().equals(s.token().symbol())).findFirst()
            .flatMap(ChainConfig.Token::whaleThreshold)
            .map(w -> w.movePointRight(s.token().decimals()).toBigInteger()).orElse(null);
        new PgScanStore(pool).whaleThreshold(s.token(), whale)
            .onFailure(e -> thresholdsWritten.remove(s.token().symbol()));
      }
      status.report(cfg.name(), s.token(), report, s.range());
      meters.report(s.token(), report);
      return publishMetrics(s.token(), report).compose(v -> !report.caughtUp() && report.finding() == null
          && rounds < 10_000 && !stopped ? syncToHead(s, rounds + 1) : Future.succeededFuture());
    });
  }

  private Future<Void> publishMetrics(TokenRef token, SyncReport report) {
    Set<Instant> buckets = touchedBuckets.remove(token.symbol());
    boolean changed = buckets != null || report.applied() > 0 || report.rolledBack() > 0 || report.finding() != null;
    if (!changed && status.metricsFresh(cfg.name(), token.symbol())) {
      return Future.succeededFuture();
    }
    TreeSet<Instant> all = buckets == null ? new TreeSet<>() : new TreeSet<>(buckets);
    return liquidity(token).compose(liq -> Future.fromCompletionStage(rpc.block(report.scannedTo()), context)
        .map(b -> b.map(h -> Instant.ofEpochSecond(h.timestamp())).orElse(Instant.now()))
        .otherwise(Instant.now())
        .compose(headTime -> {
          Instant current = metrics.bucket(headTime);
          all.add(current);
          Future<OnchainMetric> last = Future.succeededFuture();
          OnchainMetric[] latest = new OnchainMetric[1];
          for (Instant b : all) {
            boolean isCurrent = b.equals(current);
            last = last.compose(x -> metrics.write(token, List.copyOf(cfg.exchanges().keySet()), b, isCurrent,
                isCurrent ? liq : null)).onSuccess(m -> {
                  if (isCurrent) {
                    latest[0] = m;
                  }
                });
          }
          return last.map(x -> {
            OnchainMetric m = latest[0];
            if (m != null) {
              if (m.totalSupply() != null) {
                supplies.put(token.symbol(), m.totalSupply().movePointRight(token.decimals()).toBigInteger());
              }
              status.metric(cfg.name(), token.symbol(), m);
              vertx.eventBus().publish(Addresses.ONCHAIN, m);
            }
            return (Void) null;
          });
        }));
  }

  /** USD value locked in the token's configured pairs at the head; null when it has none or none answered. */
  private Future<BigDecimal> liquidity(TokenRef token) {
    List<ChainConfig.Pair> pairs = cfg.pairs().stream().filter(p -> p.symbol().equals(token.symbol())).toList();
    if (pairs.isEmpty()) {
      return Future.succeededFuture(null);
    }
    Future<BigDecimal> total = Future.succeededFuture(BigDecimal.ZERO);
    for (ChainConfig.Pair p : pairs) {
      total = total.compose(sum -> Future.fromCompletionStage(rpc.calls(List.of(
              new ChainRpc.Call(p.address(), Erc20.token0()), new ChainRpc.Call(p.address(), Erc20.getReserves())), -1),
          context).map(answers -> {
            boolean tokenIs0 = Erc20.address(answers.get(0)).equals(token.address());
            List<BigInteger> reserves = Erc20.words(answers.get(1), 3);
            BigDecimal mine = new BigDecimal(reserves.get(tokenIs0 ? 0 : 1), token.decimals());
            BigDecimal quote = new BigDecimal(reserves.get(tokenIs0 ? 1 : 0), p.quoteDecimals()).multiply(p.quoteUsd());
            BigDecimal price = prices.get(token.symbol());
            // without a price for the token, a balanced pool holds as much value on both sides
            BigDecimal value = price == null ? quote.multiply(BigDecimal.TWO) : mine.multiply(price).add(quote);
            return sum.add(value);
          }));
    }
    return total.map(v -> v.setScale(2, RoundingMode.HALF_EVEN)).otherwise(e -> {
      LOG.warn("DEX liquidity unavailable [chain: {}, token: {}, error: {}]", cfg.name(), token, e.toString());
      return null;
    });
  }

  // ------------------------------------------------------------------------------------------------ events

  private final class Listener implements ScanListener {
    private final ChainConfig.Token config;

    Listener(ChainConfig.Token config) {
      this.config = config;
    }

    @Override
    public void applied(TokenRef token, List<Transfer> transfers, long finalizedTo) {
      meters.applied(token, transfers.size());
      for (Transfer t : transfers) {
        touch(token, t);
        OnchainEvent.Kind kind = kind(token, t);
        if (kind != null) {
          vertx.eventBus().publish(Addresses.ONCHAIN_EVENTS, event(token, t, kind, t.blockNumber() > finalizedTo));
        }
      }
    }

    @Override
    public void rolledBack(TokenRef token, long keptUpTo, List<Transfer> removed) {
      meters.rolledBack(token, removed.size());
      status.reorg(cfg.name(), token.symbol(), keptUpTo, removed.size());
      for (Transfer t : removed) {
        touch(token, t);
        if (kind(token, t) != null) {
          vertx.eventBus().publish(Addresses.ONCHAIN_EVENTS, event(token, t, OnchainEvent.Kind.RETRACTED, true));
        }
      }
    }

    private String lastFinding;

    @Override
    public void integrity(TokenRef token, String finding) {
      status.finding(cfg.name(), token.symbol(), finding);
      boolean repeated = java.util.Objects.equals(finding, lastFinding);
      lastFinding = finding;
      // a provider that keeps lying is one dead letter until the finding changes, not one per poll
      if (finding != null && !repeated) {
        meters.finding(token);
        deadLetters.reject(DeadLetter.of(java.util.UUID.randomUUID().toString(), "chain:" + cfg.name(), "onchain",
            "onchain.integrity", token + ": " + finding, ""));
      }
    }

    private void touch(TokenRef token, Transfer t) {
      touchedBuckets.computeIfAbsent(token.symbol(), k -> ConcurrentHashMap.newKeySet())
          .add(metrics.bucket(Instant.ofEpochSecond(t.blockTime())));
    }

    private OnchainEvent.Kind kind(TokenRef token, Transfer t) {
      if (t.isMint()) {
        return OnchainEvent.Kind.MINT;
      }
      if (t.isBurn()) {
        return OnchainEvent.Kind.BURN;
      }
      BigInteger threshold = config.whaleThreshold()
          .map(w -> w.movePointRight(token.decimals()).toBigInteger())
          .orElseGet(() -> {
            BigInteger supply = supplies.get(token.symbol());
            return supply == null || supply.signum() == 0 ? null : supply.divide(BigInteger.valueOf(100));
          });
      return threshold != null && t.value().compareTo(threshold) >= 0 ? OnchainEvent.Kind.WHALE : null;
    }

    private OnchainEvent event(TokenRef token, Transfer t, OnchainEvent.Kind kind, boolean provisional) {
      return new OnchainEvent(token.symbol(), token.chain(), token.address(), kind, t.txHash(), t.blockNumber(),
          t.logIndex(), Instant.ofEpochSecond(t.blockTime()), t.from(), t.to(),
          MetricsWriter.units(t.value(), token.decimals()), provisional);
    }
  }
}
