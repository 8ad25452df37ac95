package io.rwaprime.api.portfolio;

import io.rwaprime.api.Bodies;
import io.rwaprime.common.http.ServiceException;
import io.rwaprime.events.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/portfolio/sync-wallet {"address": "0x…", "chain": "ethereum"}} (the seed's
 * {@code wallet_address}/{@code blockchain} names are accepted too): asks the {@code onchain} role for the wallet's
 * balance of every scanned token of the chain and its transfer history with a cost basis, then, in one transaction,
 * upserts one holding per token held (keyed by user, asset and wallet; a token no longer held is removed) and
 * remembers the newest block seen, so {@code new_transactions} counts the wallet's transfers since the last sync.
 * Watch-only: the caller does not prove ownership of the address (its data is public on the chain anyway).
 */
final class WalletSync {

  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern CHAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final long TIMEOUT_MS = 60_000;

  private final Pool pool;
  private final EventBus bus;

  WalletSync(Pool pool, EventBus bus) {
    this.pool = pool;
    this.bus = bus;
  }

  /** Validates the body; the returned pair is (address lower case, chain). */
  static String[] parse(JsonObject body) {
    String address = Bodies.string(body, "address", 64);
    String alias = Bodies.string(body, "wallet_address", 64);
    if (address != null && alias != null) {
      throw ServiceException.badRequest("invalid-field", "send 'address' or 'wallet_address', not both");
    }
    address = address != null ? address : alias;
    if (address == null) {
      throw ServiceException.badRequest("missing-field", "member 'address' is required");
    }
    if (!ADDRESS.matcher(address).matches()) {
      throw ServiceException.badRequest("invalid-address", "'address' must be 0x followed by 40 hex digits");
    }
    String chain = Bodies.string(body, "chain", 32);
    String chainAlias = Bodies.string(body, "blockchain", 32);
    chain = chain != null ? chain : chainAlias;
    if (chain == null) {
      throw ServiceException.badRequest("missing-field", "member 'chain' is required (e.g. \"ethereum\")");
    }
    chain = chain.trim().toLowerCase(Locale.ROOT);
    if (!CHAIN.matcher(chain).matches()) {
      throw ServiceException.badRequest("invalid-chain", "'chain' must be a chain name like \"ethereum\"");
    }
    return new String[] {address.toLowerCase(Locale.ROOT), chain};
  }

  static final Set<String> FIELDS = Set.of("address", "wallet_address", "chain", "blockchain");

  Future<JsonObject> sync(UUID user, String address, String chain) {
    return bus.<JsonObject>request(Addresses.ONCHAIN_WALLET + "." + chain, new JsonObject().put("address", address),
            new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .recover(e -> Future.failedFuture(problem(e, chain)))
        .compose(reply -> pool.withTransaction(conn -> apply(conn, user, address, chain, reply.body())));
  }

  private static Throwable problem(Throwable e, String chain) {
    if (e instanceof ReplyException r) {
      if (r.failureType() == ReplyFailure.NO_HANDLERS) {
        return new ServiceException(422, "chain-not-scanned", "chain '" + chain
            + "' is not scanned by this deployment (onchain.chains)");
      }
      if (r.failureType() == ReplyFailure.RECIPIENT_FAILURE && r.failureCode() == 400) {
        return ServiceException.badRequest("invalid-address", r.getMessage());
      }
    }
    return ServiceException.unavailable("the chain reader of '" + chain + "'", e);
  }

  private Future<JsonObject> apply(SqlConnection conn, UUID user, String address, String chain, JsonObject report) {
    return conn.preparedQuery("SELECT last_block FROM wallet_syncs WHERE user_id = $1 AND chain = $2 AND address = $3")
        .execute(Tuple.of(user, chain, address))
        .compose(rows -> {
          long since = rows.size() == 0 ? -1 : rows.iterator().next().getLong("last_block");
          JsonArray holdings = report.getJsonArray("holdings", new JsonArray());
          long newest = since;
          int fresh = 0;
          Future<Void> chainOfWrites = Future.succeededFuture();
          JsonArray synced = new JsonArray();
          for (int i = 0; i < holdings.size(); i++) {
            JsonObject h = holdings.getJsonObject(i);
            newest = Math.max(newest, h.getLong("block", -1L));
            for (Object t : h.getJsonArray("transfers", new JsonArray())) {
              if (((JsonObject) t).getLong("block_number") > since) {
                fresh++;
              }
            }
            BigDecimal qty = new BigDecimal(h.getString("quantity"));
            BigDecimal avg = h.getString("avg_price") == null ? null
                : new BigDecimal(h.getString("avg_price")).setScale(8, RoundingMode.HALF_EVEN);
            String symbol = h.getString("symbol");
            if (qty.signum() > 0) {
              synced.add(new JsonObject().put("symbol", symbol).put("quantity", qty.toPlainString())
                  .put("avg_purchase_price", avg == null ? null : avg.stripTrailingZeros().toPlainString()));
              chainOfWrites = chainOfWrites.compose(v -> conn.preparedQuery("""
                      INSERT INTO portfolios (user_id, asset_id, quantity, avg_purchase_price, wallet_address, chain)
                      SELECT $1, asset_id, $3::text::numeric, $4::text::numeric, $5, $6 FROM assets WHERE symbol = $2
                      ON CONFLICT ON CONSTRAINT portfolios_holding_uq DO UPDATE
                        SET quantity = excluded.quantity, avg_purchase_price = excluded.avg_purchase_price,
                            chain = excluded.chain, updated_at = now()""")
                  .execute(Tuple.of(user, symbol, qty.toPlainString(), avg == null ? null : avg.toPlainString(),
                      address, chain))
                  .mapEmpty());
            } else {
              chainOfWrites = chainOfWrites.compose(v -> conn.preparedQuery("""
                      DELETE FROM portfolios p USING assets a
                      WHERE p.asset_id = a.asset_id AND a.symbol = $2 AND p.user_id = $1 AND p.wallet_address = $3""")
                  .execute(Tuple.of(user, symbol, address)).mapEmpty());
            }
          }
          long last = newest;
          int newTransactions = fresh;
          return chainOfWrites
              .compose(v -> conn.preparedQuery("""
                      INSERT INTO wallet_syncs (user_id, chain, address, last_block) VALUES ($1, $2, $3, $4)
                      ON CONFLICT (user_id, chain, address) DO UPDATE
                        SET last_block = greatest(wallet_syncs.last_block, excluded.last_block), synced_at = now()""")
                  .execute(Tuple.of(user, chain, address, last)))
              .map(v -> new JsonObject().put("synced_assets", synced.size()).put("new_transactions", newTransactions)
                  .put("chain", chain).put("address", address).put("holdings", synced)
                  .put("tokens_scanned", report.getInteger("tokens_scanned", 0)));
        });
  }
}
