package io.rwaprime.api.reports;

import io.rwaprime.api.reports.ReportData.Asset;
import io.rwaprime.api.reports.ReportData.Driver;
import io.rwaprime.api.reports.ReportData.Forecast;
import io.rwaprime.api.reports.ReportData.Holding;
import io.rwaprime.api.reports.ReportData.Point;
import io.rwaprime.api.reports.ReportData.Price;
import io.rwaprime.api.reports.ReportData.Risk;
import io.rwaprime.common.cache.KeyValueStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads what the reports show: the registry, the last 90 days of bars, the latest risk score and forecasts, and
 * the caller's holdings — every holding query scoped by the principal's user id.
 */
final class ReportRepository {

  static final Duration HISTORY = Duration.ofDays(90);
  private static final int TOP_DRIVERS = 5;
  /** Cache key of the latest cleaned tick per symbol, written by the cleansing role. */
  private static final String LATEST_KEY = "price:latest:";

  private final Pool pool;
  private final KeyValueStore cache;

  ReportRepository(Pool pool, KeyValueStore cache) {
    this.pool = pool;
    this.cache = cache;
  }

  /** The asset report of {@code symbol} as of {@code now}; empty when no such asset exists. */
  Future<Optional<ReportData.AssetReport>> asset(String symbol, Instant now) {
    return pool.preparedQuery("""
            SELECT asset_id, symbol, name, asset_class, issuer_name, blockchain_network, contract_address, currency,
                   nav, yield_apy FROM assets WHERE symbol = $1""")
        .execute(Tuple.of(symbol))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.empty());
          }
          Row r = rows.iterator().next();
          UUID id = r.getUUID("asset_id");
          Asset asset = new Asset(r.getString("symbol"), r.getString("name"), r.getString("asset_class"),
              r.getString("issuer_name"), r.getString("blockchain_network"), r.getString("contract_address"),
              r.getString("currency"), r.getBigDecimal("nav"), r.getBigDecimal("yield_apy"));
          Future<List<Point>> daily = bars("bars_1d", symbol, now);
          Future<List<Point>> hourly = daily.compose(d -> d.isEmpty() ? bars("bars_1h", symbol, now)
              : Future.succeededFuture(List.of()));
          Future<Optional<Risk>> risk = risk(id);
          Future<List<Forecast>> forecasts = forecasts(id);
          Future<Optional<Price>> trade = latestTrade(symbol);
          return Future.all(hourly, risk, forecasts, trade).map(v -> {
            boolean isDaily = !daily.result().isEmpty();
            List<Point> history = isDaily ? daily.result() : hourly.result();
            Optional<Price> latest = trade.result().or(() -> history.isEmpty() ? Optional.empty()
                : Optional.of(new Price(BigDecimal.valueOf(history.getLast().value()), history.getLast().time(),
                    isDaily ? "last daily bar close" : "last hourly bar close")));
            return Optional.of(new ReportData.AssetReport(asset, latest, isDaily ? "1d" : "1h", history,
                risk.result(), forecasts.result(), now));
          });
        });
  }

  /** The caller's holdings valued at the latest trade, else the NAV, with the latest risk score of each asset. */
  Future<ReportData.PortfolioReport> portfolio(UUID user, Instant now) {
    return pool.preparedQuery("""
            SELECT a.symbol, a.name, a.asset_class, a.nav, p.quantity, p.avg_purchase_price,
                   r.composite_score, r.calculated_at
            FROM portfolios p JOIN assets a USING (asset_id)
            LEFT JOIN LATERAL (SELECT composite_score, calculated_at FROM risk_scores
                               WHERE asset_id = a.asset_id ORDER BY calculated_at DESC LIMIT 1) r ON true
            WHERE p.user_id = $1 ORDER BY a.symbol, p.created_at""")
        .execute(Tuple.of(user))
        .compose(rows -> {
          List<Future<Holding>> holdings = new ArrayList<>();
          rows.forEach(r -> holdings.add(holding(r)));
          return Future.all(holdings).map(v -> new ReportData.PortfolioReport(
              holdings.stream().map(Future::result).toList(), now));
        });
  }

  private Future<Holding> holding(Row r) {
    BigDecimal nav = r.getBigDecimal("nav");
    return latestTrade(r.getString("symbol")).map(trade -> new Holding(r.getString("symbol"), r.getString("name"),
        r.getString("asset_class"), r.getBigDecimal("quantity"), r.getBigDecimal("avg_purchase_price"),
        trade.map(Price::value).orElse(nav), trade.isPresent() ? "last trade" : nav != null ? "NAV" : null,
        r.getInteger("composite_score"),
        r.getOffsetDateTime("calculated_at") == null ? null : r.getOffsetDateTime("calculated_at").toInstant()));
  }

  private Future<List<Point>> bars(String table, String symbol, Instant now) {
    // the table name is one of two constants, never caller input
    return pool.preparedQuery("SELECT open_time, close FROM " + table + " WHERE symbol = $1 AND open_time >= $2 "
            + "AND open_time <= $3 ORDER BY open_time")
        .execute(Tuple.of(symbol, now.minus(HISTORY).atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          List<Point> points = new ArrayList<>(rows.size());
          rows.forEach(r -> points.add(new Point(r.getOffsetDateTime("open_time").toInstant(),
              r.getBigDecimal("close").doubleValue())));
          return points;
        });
  }

  private Future<Optional<Risk>> risk(UUID asset) {
    return pool.preparedQuery("""
            SELECT composite_score, market_risk, credit_risk, regulatory_risk, technical_risk, drivers, model_version,
                   calculated_at FROM risk_scores WHERE asset_id = $1 ORDER BY calculated_at DESC LIMIT 1""")
        .execute(Tuple.of(asset))
        .map(rows -> first(rows).map(r -> new Risk(r.getInteger("composite_score"), r.getInteger("market_risk"),
            r.getInteger("credit_risk"), r.getInteger("regulatory_risk"), r.getInteger("technical_risk"),
            drivers(r.getJsonArray("drivers")), r.getString("model_version"),
            r.getOffsetDateTime("calculated_at").toInstant())));
  }

  private Future<List<Forecast>> forecasts(UUID asset) {
    return pool.preparedQuery("""
            SELECT DISTINCT ON (forecast_horizon) forecast_horizon, predicted_price, lower_80, upper_80, lower_95,
                   upper_95, model_version, generated_at
            FROM predictions WHERE asset_id = $1 ORDER BY forecast_horizon, generated_at DESC""")
        .execute(Tuple.of(asset))
        .map(rows -> {
          List<Forecast> list = new ArrayList<>();
          rows.forEach(r -> list.add(new Forecast(r.getInteger("forecast_horizon"), r.getBigDecimal("predicted_price"),
              r.getBigDecimal("lower_80"), r.getBigDecimal("upper_80"), r.getBigDecimal("lower_95"),
              r.getBigDecimal("upper_95"), r.getString("model_version"), r.getOffsetDateTime("generated_at").toInstant())));
          return list;
        });
  }

  /** The latest cleaned trade from the cache; a cache that does not answer (or a malformed entry) gives none. */
  private Future<Optional<Price>> latestTrade(String symbol) {
    return cache.get(LATEST_KEY + symbol)
        .map(entry -> entry.map(s -> {
          JsonObject tick = new JsonObject(s);
          return new Price(new BigDecimal(tick.getString("price")), instant(tick.getValue("event_time")), "last trade");
        }))
        .otherwise(Optional.empty());
  }

  /** The drivers that moved the score most, largest contribution first; entries without a factor are skipped. */
  static List<Driver> drivers(JsonArray raw) {
    List<Driver> list = new ArrayList<>();
    if (raw != null) {
      for (Object o : raw) {
        if (o instanceof JsonObject d && d.getValue("factor") instanceof String factor) {
          Object c = d.getValue("contribution");
          double contribution = c instanceof Number n ? n.doubleValue() : 0;
          list.add(new Driver(factor, d.getValue("category") instanceof String s ? s : "", contribution));
        }
      }
    }
    return list.stream().sorted(Comparator.comparingDouble(Driver::contribution).reversed()).limit(TOP_DRIVERS)
        .toList();
  }

  private static Instant instant(Object raw) {
    try {
      return raw instanceof String s ? Instant.parse(s) : null;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
  }
}
