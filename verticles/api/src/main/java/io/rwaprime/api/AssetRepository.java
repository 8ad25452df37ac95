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

  private static final String PREFIXED_COLUMNS = """
      a.symbol, a.name, a.asset_class, a.blockchain_network, a.contract_address, a.contracts, a.issuer_name,
      a.currency, a.nav, a.yield_apy, a.underlying_asset_details, a.documents""";

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

  /** Filters, search, sort and page of {@code GET /api/v1/assets}; null filters are not applied. */
  record Query(String assetClass, String chain, String issuer, BigDecimal minYield, Integer maxRisk, String q,
               String sortBy, boolean descending, int page, int limit) {}

  /** Sortable columns, by their API name: the only strings ever put into the ORDER BY. */
  static final java.util.Map<String, String> SORTS = java.util.Map.of(
      "symbol", "a.symbol", "name", "a.name", "asset_class", "a.asset_class", "chain", "a.blockchain_network",
      "issuer", "a.issuer_name", "nav", "a.nav", "yield", "a.yield_apy", "risk", "r.composite_score");

  private static final String FILTERED = """
      FROM assets a
      LEFT JOIN LATERAL (SELECT composite_score FROM risk_scores s WHERE s.asset_id = a.asset_id
                         ORDER BY s.calculated_at DESC LIMIT 1) r ON true
      LEFT JOIN asset_features f ON f.symbol = a.symbol
      WHERE a.active
        AND ($1::text IS NULL OR a.asset_class = $1)
        AND ($2::text IS NULL OR lower(a.blockchain_network) = lower($2))
        AND ($3::text IS NULL OR position(lower($3) IN lower(coalesce(a.issuer_name, ''))) > 0)
        AND ($4::numeric IS NULL OR a.yield_apy >= $4)
        AND ($5::int IS NULL OR r.composite_score <= $5)
        AND ($6::text IS NULL OR position(lower($6) IN lower(a.symbol || ' ' || a.name)) > 0)""";

  /**
   * What the market overview shows beside the registry: the feature row's NAV premium and yield (the registry's
   * yield when the features have none), the close 24 h ago (for the 24 h change) and the last 24 hourly closes.
   */
  private static final String MARKET_COLUMNS = """
      f.features ->> 'nav_premium' AS nav_premium, f.features ->> 'yield_apy' AS feature_yield,
      (SELECT b.close FROM bars_1h b WHERE b.symbol = a.symbol AND b.open_time <= now() - interval '24 hours'
         AND b.open_time > now() - interval '72 hours' ORDER BY b.open_time DESC LIMIT 1) AS close_24h,
      (SELECT array_agg(h.close ORDER BY h.open_time) FROM (SELECT b.close, b.open_time FROM bars_1h b
         WHERE b.symbol = a.symbol AND b.open_time > now() - interval '24 hours'
         ORDER BY b.open_time DESC LIMIT 24) h) AS spark
      """;

  private static void putMarket(JsonObject a, Row r) {
    String premium = r.getString("nav_premium");
    a.put("nav_premium", premium == null ? null : Double.valueOf(premium));
    String featureYield = r.getString("feature_yield");
    if (featureYield != null && !a.containsKey("yield_apy")) {
      a.put("yield_apy", new BigDecimal(featureYield).stripTrailingZeros().toPlainString());
    }
    BigDecimal close24h = r.getBigDecimal("close_24h");
    a.put("close_24h", close24h == null ? null : close24h.stripTrailingZeros().toPlainString());
    JsonArray spark = new JsonArray();
    Object[] closes = r.getArrayOfBigDecimals("spark");
    if (closes != null) {
      for (Object c : closes) {
        spark.add(((BigDecimal) c).doubleValue());
      }
    }
    a.put("sparkline_24h", spark);
  }

  /** One page of matching assets and the number of matches. */
  Future<JsonObject> search(Query q) {
    Tuple filters = Tuple.of(q.assetClass(), q.chain(), q.issuer(), q.minYield(), q.maxRisk(), q.q());
    String order = SORTS.get(q.sortBy()) + (q.descending() ? " DESC" : " ASC") + " NULLS LAST, a.symbol";
    Future<Long> total = pool.preparedQuery("SELECT count(*) " + FILTERED).execute(filters)
        .map(rows -> rows.iterator().next().getLong(0));
    Tuple paged = Tuple.of(q.assetClass(), q.chain(), q.issuer(), q.minYield(), q.maxRisk(), q.q())
        .addInteger(q.limit()).addInteger((q.page() - 1) * q.limit());
    Future<List<JsonObject>> page = pool.preparedQuery("SELECT " + PREFIXED_COLUMNS + ", r.composite_score, "
            + MARKET_COLUMNS + FILTERED + " ORDER BY " + order + " LIMIT $7 OFFSET $8")
        .execute(paged)
        .map(rows -> {
          List<JsonObject> out = new ArrayList<>();
          rows.forEach(r -> {
            JsonObject a = asset(r);
            Short risk = r.getShort("composite_score");
            a.put("risk_score", risk == null ? null : risk.intValue());
            putMarket(a, r);
            out.add(a);
          });
          return out;
        });
    return Future.all(total, page).map(v -> new JsonObject()
        .put("data", new JsonArray(page.result()))
        .put("total", total.result())
        .put("page", q.page())
        .put("limit", q.limit())
        .put("pages", (total.result() + q.limit() - 1) / q.limit()));
  }

  /** The registry changes rarely (admin edits): a looked-up asset is reused for {@link #FRESH_NANOS}. */
  private static final long FRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
  private record Cached(Optional<JsonObject> asset, long atNanos) {}
  private final java.util.Map<String, Cached> recent = new java.util.concurrent.ConcurrentHashMap<>();

  /** One active asset; a copy the caller may change. Reads at most every 5 s per symbol from PostgreSQL. */
  Future<Optional<JsonObject>> find(String symbol) {
    Cached c = recent.get(symbol);
    long now = System.nanoTime();
    if (c != null && now - c.atNanos() < FRESH_NANOS) {
      return Future.succeededFuture(c.asset().map(JsonObject::copy));
    }
    return load(symbol).onSuccess(a -> {
      if (recent.size() > 10_000) {
        recent.clear();
      }
      recent.put(symbol, new Cached(a, now));
    }).map(a -> a.map(JsonObject::copy));
  }

  private Future<Optional<JsonObject>> load(String symbol) {
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
