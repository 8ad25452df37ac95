package io.rwaprime.ingestion.onchain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.web3.SyncReport;
import io.rwaprime.web3.TokenRef;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The role's Prometheus meters: {@code rwa_onchain_transfers_applied_total}, {@code rwa_onchain_rolled_back_total},
 * {@code rwa_onchain_integrity_findings_total}, {@code rwa_onchain_range_splits_total} and the gauge
 * {@code rwa_onchain_lag_blocks}, each tagged with chain and symbol.
 */
final class OnchainMeters {

  private final MeterRegistry registry;
  private final String chain;
  private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();

  OnchainMeters(MeterRegistry registry, String chain) {
    this.registry = registry;
    this.chain = chain;
  }

  void applied(TokenRef token, int n) {
    counter("rwa.onchain.transfers.applied", token).increment(n);
  }

  void rolledBack(TokenRef token, int n) {
    counter("rwa.onchain.rolled.back", token).increment(n);
  }

  void finding(TokenRef token) {
    counter("rwa.onchain.integrity.findings", token).increment();
  }

  void report(TokenRef token, SyncReport r) {
    if (r.splits() > 0) {
      counter("rwa.onchain.range.splits", token).increment(r.splits());
    }
    lags.computeIfAbsent(token.symbol(), s -> {
      AtomicLong lag = new AtomicLong();
      Gauge.builder("rwa.onchain.lag.blocks", lag, AtomicLong::get).tag("chain", chain).tag("symbol", s)
          .description("blocks between the chain head and the scanned checkpoint").register(registry);
      return lag;
    }).set(Math.max(0, r.head() - r.scannedTo()));
  }

  private Counter counter(String name, TokenRef token) {
    return Counter.builder(name).tag("chain", chain).tag("symbol", token.symbol()).register(registry);
  }
}
