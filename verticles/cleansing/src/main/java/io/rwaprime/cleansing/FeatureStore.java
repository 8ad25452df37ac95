package io.rwaprime.cleansing;

import io.rwaprime.cleansing.features.Features;
import io.rwaprime.common.cache.KeyValueStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the latest features per asset in {@code asset_features} and the cache, at most once per flush
 * for each asset (features change with every closed minute bar).
 */
final class FeatureStore {

  private static final Logger LOG = LoggerFactory.getLogger(FeatureStore.class);
  /** Cache key prefix of the latest features per symbol. */
  static final String CACHE_KEY = "features:latest:";
  private static final String UPSERT = """
      INSERT INTO asset_features (symbol, as_of, features, updated_at)
      SELECT s, t, f::jsonb, now() FROM unnest($1::text[], $2::timestamptz[], $3::text[]) AS x(s, t, f)
      ON CONFLICT (symbol) DO UPDATE SET as_of = EXCLUDED.as_of, features = EXCLUDED.features, updated_at = now()
      WHERE asset_features.as_of <= EXCLUDED.as_of""";

  private final Pool pool;
  private final KeyValueStore cache;
  private Map<String, Features> pending = new LinkedHashMap<>();
  private Future<Void> inFlight = Future.succeededFuture();

  FeatureStore(Pool pool, KeyValueStore cache) {
    this.pool = pool;
    this.cache = cache;
  }

  void add(Features f) {
    pending.put(f.symbol(), f);
  }

  Future<Void> flush() {
    if (pending.isEmpty()) {
      return inFlight;
    }
    List<Features> batch = new ArrayList<>(pending.values());
    pending = new LinkedHashMap<>();
    int n = batch.size();
    String[] symbols = new String[n];
    OffsetDateTime[] asOf = new OffsetDateTime[n];
    String[] json = new String[n];
    for (int i = 0; i < n; i++) {
      Features f = batch.get(i);
      JsonObject j = f.toJson();
      symbols[i] = f.symbol();
      asOf[i] = OffsetDateTime.ofInstant(f.asOf(), ZoneOffset.UTC);
      json[i] = j.encode();
      cache.put(CACHE_KEY + f.symbol(), json[i], Duration.ofHours(1));
    }
    inFlight = inFlight.transform(ar -> pool.preparedQuery(UPSERT).execute(Tuple.of(symbols, asOf, json))
        .<Void>mapEmpty()
        .onFailure(err -> LOG.warn("features not stored [assets: {}, reason: {}]", n, err.getMessage()))
        .otherwiseEmpty());
    return inFlight;
  }
}
