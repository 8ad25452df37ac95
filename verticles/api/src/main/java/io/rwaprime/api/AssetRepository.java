package io.rwaprime.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the asset registry and recent ticks. */
final class AssetRepository {

  private static final String ASSET_COLUMNS = """
      symbol, name, asset_class, blockchain_network, contract_address, contracts, issuer_name, currency, nav,
      yield_apy, underlying_asset_details, documents""";

  private final Pool pool;

  AssetRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<JsonObject>> list() {
    return pool.query("SELECT " + ASSET_COLUMNS + " FROM assets WHERE active ORDER BY symbol").execute()
        .map(rows -> {
          List<JsonObject> out = new ArrayList<>();
          rows.forEach(r -> out.add(asset(r)));
          return out;
        });
  }

  Future<Optional<JsonObject>> find(String symbol) {
    return pool.preparedQuery("SELECT " + ASSET_COLUMNS + " FROM assets WHERE symbol = $1 AND active")
        .execute(Tuple.of(symbol))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(asset(rows.iterator().next())));
  }

  Future<JsonArray> recentTicks(String symbol, int limit) {
    return pool.preparedQuery("""
            SELECT event_time, source, price, volume, currency, seq FROM ticks
            WHERE symbol = $1 ORDER BY event_time DESC, seq DESC LIMIT $2""")
        .execute(Tuple.of(symbol, limit))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject()
                .put("event_time", r.getOffsetDateTime("event_time").toInstant().toString())
                .put("source", r.getString("source"))
                .put("price", r.getBigDecimal("price").toPlainString())
                .put("volume", r.getBigDecimal("volume").toPlainString())
                .put("currency", r.getString("currency"))
                .put("seq", r.getLong("seq")));
          }
          return out;
        });
  }

  private static JsonObject asset(Row r) {
    JsonObject json = new JsonObject()
        .put("symbol", r.getString("symbol"))
        .put("name", r.getString("name"))
        .put("asset_class", r.getString("asset_class"))
        .put("chain", r.getString("blockchain_network"))
        .put("contract_address", r.getString("contract_address"))
        .put("issuer", r.getString("issuer_name"))
        .put("currency", r.getString("currency"));
    putDecimal(json, "nav", r.getBigDecimal("nav"));
    putDecimal(json, "yield_apy", r.getBigDecimal("yield_apy"));
    json.put("contracts", jsonValue(r.getValue("contracts")));
    json.put("underlying", jsonValue(r.getValue("underlying_asset_details")));
    json.put("documents", jsonValue(r.getValue("documents")));
    return json;
  }

  private static Object jsonValue(Object v) {
    return v instanceof String s ? io.vertx.core.json.Json.decodeValue(s) : v;
  }

  private static void putDecimal(JsonObject json, String key, BigDecimal v) {
    if (v != null) {
      json.put(key, v.stripTrailingZeros().toPlainString());
    }
  }
}
