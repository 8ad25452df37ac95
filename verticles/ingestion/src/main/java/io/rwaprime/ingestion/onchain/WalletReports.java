package io.rwaprime.ingestion.onchain;

import io.rwaprime.web3.ChainRpc;
import io.rwaprime.web3.Erc20;
import io.rwaprime.web3.EvmAddress;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers {@code rwa.onchain.wallet.<chain>} ({@code {"address": "0x…"}}): for every scanned token of the chain,
 * the wallet's {@code balanceOf} at the token's checkpoint and its transfer history from the ledger, with a cost
 * basis — the moving average of the prices (close of the latest 1m bar at or before each incoming transfer; 1h,
 * then 1d bars when there is no 1m bar) over what came in, reduced proportionally by what went out.
 */
final class WalletReports {

  private final Pool pool;
  private final ChainRpc rpc;
  private final ChainConfig cfg;

  WalletReports(Pool pool, ChainRpc rpc, ChainConfig cfg) {
    this.pool = pool;
    this.rpc = rpc;
    this.cfg = cfg;
  }

  Future<JsonObject> report(JsonObject request) {
    String address;
    try {
      address = EvmAddress.normalize(request == null ? null : request.getString("address"), "address");
    } catch (IllegalArgumentException | ClassCastException e) {
      return Future.failedFuture(new IllegalArgumentException(e.getMessage()));
    }
    return pool.preparedQuery("""
            SELECT token, symbol, decimals, scanned_to FROM onchain_checkpoints
            WHERE chain = $1 AND scanned_to >= start_block ORDER BY symbol""")
        .execute(Tuple.of(cfg.name()))
        .compose(rows -> {
          List<Future<JsonObject>> holdings = new ArrayList<>();
          for (Row r : rows) {
            holdings.add(holding(address, r.getString("token"), r.getString("symbol"), r.getInteger("decimals"),
                r.getLong("scanned_to")));
          }
          return Future.all(holdings).map(all -> {
            JsonArray out = new JsonArray();
            for (int i = 0; i < all.size(); i++) {
              JsonObject h = all.resultAt(i);
              if (h != null) {
                out.add(h);
              }
            }
            return new JsonObject().put("chain", cfg.name()).put("address", address).put("holdings", out)
                .put("tokens_scanned", rows.size());
          });
        });
  }

  private Future<JsonObject> holding(String address, String token, String symbol, int decimals, long block) {
    Future<BigInteger> balance = Future.fromCompletionStage(rpc.call(token, Erc20.balanceOf(address), block))
        .map(hex -> Erc20.words(hex, 1).get(0));
    Future<List<Row>> history = pool.preparedQuery("""
            SELECT t.block_number, t.log_index, t.tx_hash, t.block_time, t.from_addr, t.to_addr, t.value::text AS value,
                   coalesce((SELECT close FROM bars_1m b WHERE b.symbol = $4 AND b.open_time <= t.block_time
                             ORDER BY b.open_time DESC LIMIT 1),
                            (SELECT close FROM bars_1h b WHERE b.symbol = $4 AND b.open_time <= t.block_time
                             ORDER BY b.open_time DESC LIMIT 1),
                            (SELECT close FROM bars_1d b WHERE b.symbol = $4 AND b.open_time <= t.block_time
                             ORDER BY b.open_time DESC LIMIT 1))::text AS price
            FROM onchain_transfers t
            WHERE t.chain = $1 AND t.token = $2 AND (t.from_addr = $3 OR t.to_addr = $3) AND t.block_number <= $5
            ORDER BY t.block_number, t.log_index""")
        .execute(Tuple.of(cfg.name(), token, address, symbol, block))
        .map(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          return list;
        });
    return Future.all(balance, history).map(x -> {
      BigInteger onchain = balance.result();
      List<Row> rows = history.result();
      if (onchain.signum() == 0 && rows.isEmpty()) {
        return null;
      }
      BigDecimal qty = BigDecimal.ZERO;
      BigDecimal cost = BigDecimal.ZERO;
      boolean unpriced = false;
      JsonArray transfers = new JsonArray();
      for (Row r : rows) {
        BigDecimal amount = new BigDecimal(new BigInteger(r.getString("value")), decimals);
        boolean in = r.getString("to_addr").equals(address);
        boolean self = in && r.getString("from_addr").equals(address);
        String price = r.getString("price");
        if (!self) {
          if (in) {
            if (price == null) {
              unpriced = true;
            } else {
              cost = cost.add(amount.multiply(new BigDecimal(price)));
            }
            qty = qty.add(amount);
          } else if (qty.signum() > 0) {
            BigDecimal out = amount.min(qty);
            cost = cost.subtract(cost.multiply(out).divide(qty, MathContext.DECIMAL128));
            qty = qty.subtract(out);
          }
        }
        transfers.add(new JsonObject().put("block_number", r.getLong("block_number"))
            .put("log_index", r.getInteger("log_index")).put("tx_hash", r.getString("tx_hash"))
            .put("time", r.getOffsetDateTime("block_time").toInstant().toString())
            .put("direction", self ? "self" : in ? "in" : "out")
            .put("amount", amount.stripTrailingZeros().toPlainString()).put("price", price));
      }
      BigDecimal avg = qty.signum() > 0 && !unpriced
          ? cost.divide(qty, 8, RoundingMode.HALF_EVEN).stripTrailingZeros() : null;
      return new JsonObject().put("symbol", symbol).put("token_address", token).put("block", block)
          .put("quantity", new BigDecimal(onchain, decimals).stripTrailingZeros().toPlainString())
          .put("ledger_quantity", qty.stripTrailingZeros().toPlainString())
          .put("avg_price", avg == null ? null : avg.toPlainString())
          .put("transfers", transfers);
    });
  }
}
