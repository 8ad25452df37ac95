package io.rwaprime.forecasting;

import io.rwaprime.events.BarInterval;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The forecasting role's SQL: the latest closes it fits and the {@code predictions} rows it writes. Writes are
 * idempotent: {@code predictions_once} keys a row by (asset, horizon, model version, generated_at).
 */
final class ForecastRepository {

  private final Pool pool;

  ForecastRepository(Pool pool) {
    this.pool = pool;
  }

  /** The latest {@code max} closes of each symbol at one interval, oldest first (symbols without bars absent). */
  Future<Map<String, Series>> closes(List<String> symbols, BarInterval interval, int max) {
    // the lateral LIMIT walks the (symbol, open_time) primary key backwards: no scan of old partitions
    String sql = "SELECT s.symbol, b.open_time, b.close FROM unnest($1::text[]) AS s(symbol) "
        + "CROSS JOIN LATERAL (SELECT open_time, close FROM bars_" + interval.label()
        + " WHERE symbol = s.symbol ORDER BY open_time DESC LIMIT $2) b ORDER BY s.symbol, b.open_time";
    return pool.preparedQuery(sql).execute(Tuple.of(symbols.toArray(String[]::new), max)).map(rows -> {
      Map<String, List<Row>> bySymbol = new HashMap<>();
      rows.forEach(r -> bySymbol.computeIfAbsent(r.getString("symbol"), k -> new ArrayList<>()).add(r));
      Map<String, Series> out = new HashMap<>();
      bySymbol.forEach((symbol, list) -> {
        double[] c = new double[list.size()];
        for (int i = 0; i < c.length; i++) {
          c[i] = list.get(i).getBigDecimal("close").doubleValue();
        }
        Instant first = list.get(0).getOffsetDateTime("open_time").toInstant();
        Instant last = list.get(list.size() - 1).getOffsetDateTime("open_time").toInstant();
        out.put(symbol, new Series(symbol, interval, first, last, c));
      });
      return out;
    });
  }

  /** Stores one row per horizon of each result. */
  Future<Void> store(List<AssetForecast> results) {
    List<Tuple> batch = new ArrayList<>();
    for (AssetForecast r : results) {
      for (AssetForecast.Horizon h : r.horizons()) {
        batch.add(Tuple.from(List.of(r.symbol(), r.modelVersion(), h.days(), h.point().mean(),
            h.point().lower80(), h.point().upper80(), h.point().lower95(), h.point().upper95(),
            r.generatedAt().atOffset(ZoneOffset.UTC), ForecastJson.details(r, h))));
      }
    }
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("""
            INSERT INTO predictions (asset_id, model_version, forecast_horizon, predicted_price, lower_80, upper_80,
                                     lower_95, upper_95, generated_at, details)
            SELECT asset_id, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM assets WHERE symbol = $1
            ON CONFLICT ON CONSTRAINT predictions_once DO NOTHING""")
        .executeBatch(batch).mapEmpty();
  }
}
