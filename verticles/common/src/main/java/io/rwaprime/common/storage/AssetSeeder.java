package io.rwaprime.common.storage;

import io.rwaprime.common.assets.Asset;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Puts the asset catalogue into the {@code assets} table. A symbol already there is left as it is
 * ({@code ON CONFLICT (symbol) DO NOTHING}): once seeded, the row belongs to the operators, and an edit made
 * through the admin API is never overwritten by the packaged catalogue at the next start.
 */
public final class AssetSeeder {

  // one statement for the whole catalogue: arrays of text, cast in SQL (JSON and decimals arrive exactly)
  private static final String INSERT = """
      INSERT INTO assets (symbol, name, asset_class, blockchain_network, contract_address, contracts, issuer_name,
                          currency, nav, yield_apy, underlying_asset_details, documents)
      SELECT symbol, name, asset_class, chain, contract, contracts::jsonb, issuer, currency, nav::numeric,
             yield_apy::numeric, underlying::jsonb, documents::jsonb
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                  $9::text[], $10::text[], $11::text[], $12::text[])
           AS a(symbol, name, asset_class, chain, contract, contracts, issuer, currency, nav, yield_apy, underlying,
                documents)
      ON CONFLICT (symbol) DO NOTHING""";

  private AssetSeeder() {
  }

  /**
   * Inserts the assets whose symbol is not in the table yet.
   *
   * @return a future of how many rows were inserted (0 when every symbol was already there)
   */
  public static Future<Integer> seed(Pool pool, List<Asset> assets) {
    int n = assets.size();
    if (n == 0) {
      return Future.succeededFuture(0);
    }
    String[][] cols = new String[12][n];
    for (int i = 0; i < n; i++) {
      Asset a = assets.get(i);
      cols[0][i] = a.symbol();
      cols[1][i] = a.name();
      cols[2][i] = a.assetClass().label();
      cols[3][i] = a.chain();
      cols[4][i] = a.primaryContract().orElse(null);
      cols[5][i] = new JsonObject(new LinkedHashMap<>(a.contracts())).encode();
      cols[6][i] = a.issuer();
      cols[7][i] = a.currency();
      cols[8][i] = plain(a.nav());
      cols[9][i] = plain(a.yieldApy());
      cols[10][i] = new JsonObject(new LinkedHashMap<>(a.underlying())).encode();
      cols[11][i] = new JsonArray(List.copyOf(a.documents())).encode();
    }
    Tuple args = Tuple.tuple();
    for (String[] col : cols) {
      args.addValue(col);
    }
    return pool.preparedQuery(INSERT).execute(args).map(SqlResult::rowCount);
  }

  private static String plain(BigDecimal d) {
    return d == null ? null : d.toPlainString();
  }
}
