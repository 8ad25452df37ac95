package io.rwaprime.ingestion.onchain;

import io.rwaprime.events.OnchainMetric;
import io.rwaprime.web3.ChainRpc;
import io.rwaprime.web3.SyncReport;
import io.rwaprime.web3.TokenRef;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What every chain and token of the role is doing, for {@code /health} (check {@code onchain}). */
final class OnchainStatus {

  private static final Duration METRICS_REFRESH = Duration.ofSeconds(60);

  private final Map<String, ChainRpc> chains = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> tokens = new ConcurrentHashMap<>();
  private final Map<String, Instant> metricsAt = new ConcurrentHashMap<>();

  void chain(String chain, ChainRpc rpc) {
    chains.put(chain, rpc);
  }

  void report(String chain, TokenRef token, SyncReport r, int range) {
    JsonObject t = token(chain, token.symbol());
    t.put("token", token.address()).put("head", r.head()).put("scanned_to", r.scannedTo())
        .put("finalized_to", r.finalizedTo()).put("lag_blocks", Math.max(0, r.head() - r.scannedTo()))
        .put("caught_up", r.caughtUp()).put("range", range).put("last_pass_at", Instant.now().toString())
        .remove("error");
  }

  void error(String chain, String symbol, Throwable e) {
    token(chain, symbol).put("error", String.valueOf(e.getMessage())).put("error_at", Instant.now().toString());
  }

  void finding(String chain, String symbol, String finding) {
    token(chain, symbol).put("integrity", finding == null ? "ok" : finding);
  }

  void reorg(String chain, String symbol, long keptUpTo, int removed) {
    JsonObject t = token(chain, symbol);
    t.put("reorgs", t.getInteger("reorgs", 0) + 1).put("last_reorg", new JsonObject().put("kept_up_to", keptUpTo)
        .put("transfers_removed", removed).put("at", Instant.now().toString()));
  }

  void metric(String chain, String symbol, OnchainMetric m) {
    metricsAt.put(chain + "/" + symbol, Instant.now());
    token(chain, symbol).put("holders", m.holderCount());
  }

  boolean metricsFresh(String chain, String symbol) {
    Instant at = metricsAt.get(chain + "/" + symbol);
    return at != null && at.plus(METRICS_REFRESH).isAfter(Instant.now());
  }

  /** Whether some token has an error right now. */
  boolean failing() {
    return tokens.values().stream().anyMatch(t -> t.containsKey("error"));
  }

  JsonObject toJson() {
    JsonObject out = new JsonObject();
    chains.forEach((name, rpc) -> {
      JsonArray endpoints = new JsonArray();
      for (ChainRpc.EndpointStatus e : rpc.endpoints()) {
        endpoints.add(new JsonObject().put("url", e.url()).put("current", e.current()).put("verified", e.verified())
            .put("shut_out", e.shutOut()).put("last_error", e.lastError())
            .put("last_error_at", e.lastErrorAt() == null ? null : e.lastErrorAt().toString()));
      }
      JsonObject tokensOfChain = new JsonObject();
      tokens.forEach((key, t) -> {
        if (key.startsWith(name + "/")) {
          tokensOfChain.put(key.substring(name.length() + 1), t.copy());
        }
      });
      out.put(name, new JsonObject().put("chain_id", rpc.chainId()).put("endpoints", endpoints)
          .put("tokens", tokensOfChain));
    });
    return out;
  }

  private JsonObject token(String chain, String symbol) {
    return tokens.computeIfAbsent(chain + "/" + symbol, k -> new JsonObject());
  }
}
