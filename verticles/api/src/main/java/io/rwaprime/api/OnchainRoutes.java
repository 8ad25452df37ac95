package io.rwaprime.api;

import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@code GET /api/v1/assets/{symbol}/onchain?days=30&events=50} — what the {@code onchain} role knows of the asset's
 * tokens: per chain the scan position (scanned, final, provisional blocks), integrity finding, holders, top-10
 * share, ledger supply against {@code totalSupply()}, totals since the start block (transfers, volume, mints, burns,
 * exchange flows), DEX liquidity and the top holders; the {@code onchain_metrics} series of the last {@code days};
 * the latest mints, burns and whale transfers. Amounts are token units as decimal strings. An asset no chain
 * scans answers {@code tracked: false} with empty lists.
 */
final class OnchainRoutes {

  private static final String ZERO = "0x0000000000000000000000000000000000000000";

  /** Open dashboards refresh the view on every on-chain metric: one computation per symbol and 2 s serves them all. */
  private static final Duration CACHE_TTL = Duration.ofSeconds(2);

  private final Pool pool;
  private final AssetRepository assets;
  private final io.rwaprime.common.cache.KeyValueStore cache;

  OnchainRoutes(Pool pool, AssetRepository assets, io.rwaprime.common.cache.KeyValueStore cache) {
    this.pool = pool;
    this.assets = assets;
    this.cache = cache;
  }

  void mount(Router router) {
    router.get("/api/v1/assets/:symbol/onchain").handler(this::onchain);
  }

  private void onchain(RoutingContext ctx) {
    String symbol = Params.symbol(ctx);
    int days = Params.intParam(ctx, "days", 30, 1, 3650);
    int events = Params.intParam(ctx, "events", 50, 0, 500);
    String key = "onchain:view:" + symbol + ":" + days + ":" + events;
    cache.get(key).otherwise(java.util.Optional.empty()).compose(hit -> hit.isPresent()
        ? Future.succeededFuture(new JsonObject(hit.get())) : view(symbol, days, events).onSuccess(body ->
            cache.put(key, body.encode(), CACHE_TTL)))
        .onSuccess(body -> ctx.response().putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "public, max-age=2").end(body.toBuffer()))
        .onFailure(err -> ctx.fail(err instanceof ServiceException ? err : ServiceException.unavailable("the on-chain store", err)));
  }

  private Future<JsonObject> view(String symbol, int days, int events) {
    return assets.find(symbol)
        .compose(found -> found.isPresent() ? Future.succeededFuture()
            : Future.failedFuture(ServiceException.notFound("asset-not-found", "no asset with symbol " + symbol)))
        .compose(x -> pool.preparedQuery("""
                SELECT chain, token, decimals, start_block, scanned_to, finalized_to, integrity, integrity_at,
                       onchain_supply::text AS onchain_supply, checked_block, updated_at,
                       (SELECT count(*) FROM onchain_blocks b WHERE b.chain = c.chain AND b.token = c.token) AS provisional,
                       c.supply_baseline::text AS baseline
                FROM onchain_checkpoints c WHERE symbol = $1 ORDER BY chain""").execute(Tuple.of(symbol)))
        .compose(cps -> tokens(cps, symbol).compose(tokens -> series(symbol, days).compose(series ->
            recent(symbol, events).map(list -> new JsonObject().put("symbol", symbol).put("tracked", !tokens.isEmpty())
                .put("tokens", tokens).put("series", series).put("events", list)))));
  }

  private Future<JsonArray> tokens(RowSet<Row> checkpoints, String symbol) {
    JsonArray out = new JsonArray();
    Future<Void> all = Future.succeededFuture();
    for (Row c : checkpoints) {
      all = all.compose(v -> token(c, symbol).map(t -> {
        out.add(t);
        return null;
      }));
    }
    return all.map(v -> out);
  }

  private Future<JsonObject> token(Row c, String symbol) {
    String chain = c.getString("chain");
    String token = c.getString("token");
    int decimals = c.getInteger("decimals");
    return pool.preparedQuery("""
            SELECT (SELECT count(*) FROM onchain_balances WHERE chain = $1 AND token = $2 AND balance > 0) AS holders,
                   (SELECT coalesce(sum(balance), 0)::text FROM onchain_balances WHERE chain = $1 AND token = $2) AS ledger,
                   (SELECT coalesce(sum(balance), 0)::text FROM (SELECT balance FROM onchain_balances
                      WHERE chain = $1 AND token = $2 AND balance > 0 ORDER BY balance DESC LIMIT 10) t) AS top10,
                   count(*) FILTER (WHERE from_addr <> $3 AND to_addr <> $3) AS transfers,
                   coalesce(sum(value) FILTER (WHERE from_addr <> $3 AND to_addr <> $3), 0)::text AS volume,
                   coalesce(sum(value) FILTER (WHERE from_addr = $3), 0)::text AS minted,
                   coalesce(sum(value) FILTER (WHERE to_addr = $3), 0)::text AS burned,
                   count(*) FILTER (WHERE from_addr = $3) AS mints,
                   count(*) FILTER (WHERE to_addr = $3) AS burns
            FROM onchain_transfers WHERE chain = $1 AND token = $2""")
        .execute(Tuple.of(chain, token, ZERO))
        .compose(rows -> pool.preparedQuery("""
                SELECT b.holder, b.balance::text AS amount FROM onchain_balances b
                WHERE b.chain = $1 AND b.token = $2 AND b.balance > 0 ORDER BY b.balance DESC, b.holder LIMIT 10""")
            .execute(Tuple.of(chain, token)).compose(top -> pool.preparedQuery("""
                    SELECT dex_liquidity::text AS dex, exchange_inflow, exchange_outflow FROM onchain_metrics
                    WHERE symbol = $1 AND chain = $2 ORDER BY time DESC LIMIT 1""")
                .execute(Tuple.of(symbol, chain)).map(latest -> {
                  Row r = rows.iterator().next();
                  BigInteger ledger = new BigInteger(r.getString("ledger")).add(new BigInteger(c.getString("baseline")));
                  String onchain = c.getString("onchain_supply");
                  JsonArray holders = new JsonArray();
                  for (Row h : top) {
                    BigInteger bal = new BigInteger(h.getString("amount"));
                    holders.add(new JsonObject().put("address", h.getString("holder"))
                        .put("balance", units(bal, decimals)).put("share", share(bal, ledger)));
                  }
                  JsonObject integrity = c.getString("integrity") == null ? new JsonObject().put("ok", true)
                      : new JsonObject().put("ok", false).put("finding", c.getString("integrity"))
                          .put("at", c.getOffsetDateTime("integrity_at").toInstant().toString());
                  return new JsonObject().put("chain", chain).put("token_address", token).put("decimals", decimals)
                      .put("start_block", c.getLong("start_block")).put("scanned_to", c.getLong("scanned_to"))
                      .put("finalized_to", c.getLong("finalized_to")).put("provisional_blocks", c.getLong("provisional"))
                      .put("holders", r.getLong("holders"))
                      .put("top10_share", share(new BigInteger(r.getString("top10")), ledger))
                      .put("ledger_supply", units(ledger, decimals))
                      .put("onchain_supply", onchain == null ? null : units(new BigInteger(onchain), decimals))
                      .put("supply_checked_at_block", c.getLong("checked_block"))
                      .put("supply_matches", onchain == null ? null : new BigInteger(onchain).equals(ledger))
                      .put("totals", new JsonObject().put("transfer_count", r.getLong("transfers"))
                          .put("transfer_volume", units(new BigInteger(r.getString("volume")), decimals))
                          .put("mint_count", r.getLong("mints")).put("burn_count", r.getLong("burns"))
                          .put("minted", units(new BigInteger(r.getString("minted")), decimals))
                          .put("burned", units(new BigInteger(r.getString("burned")), decimals)))
                      .put("dex_liquidity", latest.size() == 0 ? null : latest.iterator().next().getString("dex"))
                      .put("top_holders", holders).put("integrity", integrity)
                      .put("updated_at", c.getOffsetDateTime("updated_at").toInstant().toString());
                })));
  }

  private Future<JsonArray> series(String symbol, int days) {
    OffsetDateTime since = OffsetDateTime.ofInstant(Instant.now().minus(Duration.ofDays(days)), ZoneOffset.UTC);
    return pool.preparedQuery("""
            SELECT time, chain, holder_count, transfer_count, transfer_volume, minted, burned, total_supply,
                   ledger_supply, dex_liquidity, exchange_inflow, exchange_outflow, top10_share
            FROM onchain_metrics WHERE symbol = $1 AND time >= $2 ORDER BY time, chain""")
        .execute(Tuple.of(symbol, since))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            JsonObject p = new JsonObject().put("time", r.getOffsetDateTime("time").toInstant().toString())
                .put("chain", r.getString("chain")).put("holder_count", r.getLong("holder_count"))
                .put("transfer_count", r.getLong("transfer_count"));
            for (String k : new String[] {"transfer_volume", "minted", "burned", "total_supply", "ledger_supply",
                "dex_liquidity", "exchange_inflow", "exchange_outflow", "top10_share"}) {
              BigDecimal v = r.getBigDecimal(k);
              p.put(k, v == null ? null : v.stripTrailingZeros().toPlainString());
            }
            out.add(p);
          }
          return out;
        });
  }

  /** The latest mints, burns and whale transfers (the token's configured threshold, else 1 % of the ledger supply). */
  private Future<JsonArray> recent(String symbol, int limit) {
    if (limit == 0) {
      return Future.succeededFuture(new JsonArray());
    }
    return pool.preparedQuery("""
            SELECT t.chain, t.token, c.decimals, t.block_number, t.log_index, t.block_time, t.tx_hash, t.from_addr,
                   t.to_addr, t.value::text AS value, t.block_number > c.finalized_to AS provisional,
                   CASE WHEN t.from_addr = $2 THEN 'mint' WHEN t.to_addr = $2 THEN 'burn' ELSE 'whale' END AS kind
            FROM onchain_checkpoints c JOIN onchain_transfers t ON t.chain = c.chain AND t.token = c.token
            WHERE c.symbol = $1 AND (t.from_addr = $2 OR t.to_addr = $2 OR t.value >= coalesce(c.whale_threshold,
                  (SELECT coalesce(sum(balance), 0) FROM onchain_balances b WHERE b.chain = c.chain AND b.token = c.token) / 100))
            ORDER BY t.block_time DESC, t.block_number DESC, t.log_index DESC LIMIT $3""")
        .execute(Tuple.of(symbol, ZERO, limit))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("kind", r.getString("kind")).put("chain", r.getString("chain"))
                .put("token_address", r.getString("token")).put("block_number", r.getLong("block_number"))
                .put("log_index", r.getInteger("log_index")).put("tx_hash", r.getString("tx_hash"))
                .put("time", r.getOffsetDateTime("block_time").toInstant().toString())
                .put("from", r.getString("from_addr")).put("to", r.getString("to_addr"))
                .put("amount", units(new BigInteger(r.getString("value")), r.getInteger("decimals")))
                .put("provisional", r.getBoolean("provisional")));
          }
          return out;
        });
  }

  private static String units(BigInteger base, int decimals) {
    return new BigDecimal(base, decimals).stripTrailingZeros().toPlainString();
  }

  private static Double share(BigInteger part, BigInteger whole) {
    return whole.signum() == 0 ? null : new BigDecimal(part).divide(new BigDecimal(whole), MathContext.DECIMAL64)
        .setScale(6, RoundingMode.HALF_EVEN).doubleValue();
  }
}
