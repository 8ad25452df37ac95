package io.rwaprime.risk;

import io.rwaprime.events.BarInterval;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk role's SQL: the latest bars and NAV premiums it reads, the {@code risk_scores} rows it writes.
 * Writes are idempotent: a row is keyed by (asset, calculated_at), a replay changes nothing.
 */
final class RiskRepository {

  /** Intervals tried for an asset's history, coarsest first: daily figures are the most meaningful. */
  static final List<BarInterval> CASCADE = List.of(BarInterval.D1, BarInterval.H1, BarInterval.M5, BarInterval.M1);
  /** Version written to {@code risk_scores.model_version}. */
  static final String MODEL_VERSION = "composite-1.0";

  private final Pool pool;

  RiskRepository(Pool pool) {
    this.pool = pool;
  }

  /** The latest {@code max} bars of each symbol at one interval, oldest first (symbols without bars absent). */
  Future<Map<String, BarWindow>> bars(List<String> symbols, BarInterval interval, int max) {
    // the lateral LIMIT walks the (symbol, open_time) primary key backwards: no scan of old partitions
    String sql = "SELECT s.symbol, b.open_time, b.close, b.volume FROM unnest($1::text[]) AS s(symbol) "
        + "CROSS JOIN LATERAL (SELECT open_time, close, volume FROM bars_" + interval.label()
        + " WHERE symbol = s.symbol ORDER BY open_time DESC LIMIT $2) b ORDER BY s.symbol, b.open_time";
    return pool.preparedQuery(sql).execute(Tuple.of(symbols.toArray(String[]::new), max)).map(rows -> {
      Map<String, List<Row>> bySymbol = new HashMap<>();
      rows.forEach(r -> bySymbol.computeIfAbsent(r.getString("symbol"), k -> new ArrayList<>()).add(r));
      Map<String, BarWindow> out = new HashMap<>();
      bySymbol.forEach((symbol, list) -> {
        long[] t = new long[list.size()];
        double[] c = new double[list.size()];
        double[] v = new double[list.size()];
        for (int i = 0; i < list.size(); i++) {
          Row r = list.get(i);
          t[i] = r.getOffsetDateTime("open_time").toInstant().toEpochMilli();
          c[i] = r.getBigDecimal("close").doubleValue();
          v[i] = r.getBigDecimal("volume").doubleValue();
        }
        out.put(symbol, new BarWindow(symbol, interval, t, c, v));
      });
      return out;
    });
  }

  /**
   * Each symbol's history at the coarsest interval of {@link #CASCADE} with at least {@code min} bars; a
   * symbol that has fewer everywhere gets its longest window (or none).
   */
  Future<Map<String, BarWindow>> histories(List<String> symbols, int min, int max) {
    return cascade(new ArrayList<>(symbols), 0, min, max, new HashMap<>());
  }

  private Future<Map<String, BarWindow>> cascade(List<String> missing, int step, int min, int max,
                                                  Map<String, BarWindow> found) {
    if (missing.isEmpty() || step == CASCADE.size()) {
      return Future.succeededFuture(found);
    }
    return bars(missing, CASCADE.get(step), max).compose(windows -> {
      List<String> still = new ArrayList<>();
      for (String s : missing) {
        BarWindow w = windows.get(s);
        BarWindow best = found.get(s);
        if (w != null && (best == null || w.size() > best.size())) {
          found.put(s, w);
        }
        if (w == null || w.size() < min) {
          still.add(s);
        }
      }
      return cascade(still, step + 1, min, max, found);
    });
  }

  /** The {@code nav_premium} feature (price / NAV − 1) of each symbol that has one. */
  Future<Map<String, Double>> navPremiums(List<String> symbols) {
    return pool.preparedQuery("SELECT symbol, (features->>'nav_premium')::float8 AS premium FROM asset_features "
            + "WHERE symbol = ANY($1) AND features->>'nav_premium' IS NOT NULL")
        .execute(Tuple.of(symbols.toArray(String[]::new)))
        .map(rows -> {
          Map<String, Double> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString("symbol"), r.getDouble("premium")));
          return out;
        });
  }

  /** Stores one row per assessment; {@code details} holds what the columns do not. */
  Future<Void> store(List<Assessment> assessments, Map<String, JsonObject> details) {
    if (assessments.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (Assessment a : assessments) {
      var s = a.score();
      batch.add(Tuple.from(List.of(a.symbol(), (short) s.compositeRounded(), (short) RiskJson.round(s.market()),
          (short) RiskJson.round(s.credit()), (short) RiskJson.round(s.regulatory()),
          (short) RiskJson.round(s.technical()), RiskJson.drivers(s), details.get(a.symbol()), MODEL_VERSION,
          a.calculatedAt().atOffset(ZoneOffset.UTC))));
    }
    return pool.preparedQuery("""
            INSERT INTO risk_scores (asset_id, composite_score, market_risk, credit_risk, regulatory_risk,
                                     technical_risk, drivers, details, model_version, calculated_at)
            SELECT asset_id, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM assets WHERE symbol = $1
            ON CONFLICT (asset_id, calculated_at) DO NOTHING""")
        .executeBatch(batch).mapEmpty();
  }

  /** Now, at the database's precision, so that the stored and the published instant are equal. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
