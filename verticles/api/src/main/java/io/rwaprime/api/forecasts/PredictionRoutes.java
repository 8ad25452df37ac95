package io.rwaprime.api.forecasts;

import io.rwaprime.api.auth.Guards;
import io.rwaprime.api.auth.Tier;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Price forecasts as the forecasting role stores and caches them. This module never runs forecasting code: it
 * reads the cache entry {@code forecast:<SYMBOL>:<days>} and, when there is none, {@code predictions}.
 * <ul>
 *   <li>{@code GET /api/v1/predictions/{symbol}?horizon=7|30} — the latest forecast (default 7 days): point and
 *   80/95 % bands at the horizon, the per-step path, model version, generation time and the bars it was fitted
 *   on. The 30-day forecast needs the professional tier or higher: 401 without credentials, 403
 *   {@code forbidden} for explorer. 404 {@code asset-not-found} or {@code prediction-not-available}.</li>
 *   <li>{@code GET /api/v1/predictions/{symbol}/backtest} — the published rolling-origin accuracy of the latest
 *   20 model versions (MAE, RMSE, MAPE, sMAPE, MASE, 80/95 % coverage, Winkler), per horizon; open to all.</li>
 * </ul>
 */
public final class PredictionRoutes {

  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,31}");
  private static final int VERSIONS = 20;

  private final Pool pool;
  private final KeyValueStore cache;

  public PredictionRoutes(Pool pool, KeyValueStore cache) {
    this.pool = pool;
    this.cache = cache;
  }

  public void mount(Router router) {
    Handler<RoutingContext> professional = Guards.tier(Tier.PROFESSIONAL, "market_data");
    router.get("/api/v1/predictions/:symbol").handler(ctx -> {
      if (horizon(ctx) == 30) {
        professional.handle(ctx);
      } else {
        ctx.next();
      }
    }).handler(this::latest);
    router.get("/api/v1/predictions/:symbol/backtest").handler(this::backtest);
  }

  private void latest(RoutingContext ctx) {
    String symbol = symbol(ctx);
    int horizon = horizon(ctx);
    cache.get("forecast:" + symbol + ":" + horizon)
        .recover(err -> Future.succeededFuture(Optional.empty()))
        .onSuccess(hit -> {
          if (hit.isPresent()) {
            json(ctx, new JsonObject(hit.get()));
          } else {
            fromTable(ctx, symbol, horizon);
          }
        });
  }

  private void fromTable(RoutingContext ctx, String symbol, int horizon) {
    pool.preparedQuery("SELECT p.model_version, p.generated_at, p.details FROM assets a LEFT JOIN LATERAL "
            + "(SELECT * FROM predictions WHERE asset_id = a.asset_id AND forecast_horizon = $2 "
            + "ORDER BY generated_at DESC LIMIT 1) p ON true WHERE a.symbol = $1")
        .execute(Tuple.of(symbol, horizon))
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the forecast store", err)))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(ServiceException.notFound("asset-not-found", "no asset with symbol " + symbol));
            return;
          }
          Row r = rows.iterator().next();
          if (r.getValue("model_version") == null) {
            ctx.fail(ServiceException.notFound("prediction-not-available",
                "no " + horizon + "-day forecast for " + symbol + " yet"));
            return;
          }
          JsonObject body = r.getJsonObject("details").copy();
          body.remove("backtest");
          body.remove("notes");
          json(ctx, body.put("model_version", r.getString("model_version"))
              .put("generated_at", r.getOffsetDateTime("generated_at").toInstant().toString()));
        });
  }

  private void backtest(RoutingContext ctx) {
    String symbol = symbol(ctx);
    pool.preparedQuery("SELECT a.symbol, p.model_version, p.forecast_horizon, p.generated_at, p.details->'backtest' "
            + "AS backtest, p.details->'bars'->>'interval' AS bars, p.details->>'model_description' AS model "
            + "FROM assets a LEFT JOIN LATERAL (SELECT * FROM predictions WHERE asset_id = a.asset_id "
            + "AND jsonb_typeof(details->'backtest') = 'object' ORDER BY generated_at DESC LIMIT $2) p ON true "
            + "WHERE a.symbol = $1")
        .execute(Tuple.of(symbol, VERSIONS * 2))
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the forecast store", err)))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(ServiceException.notFound("asset-not-found", "no asset with symbol " + symbol));
            return;
          }
          Map<String, JsonObject> versions = new LinkedHashMap<>();
          for (Row r : rows) {
            if (r.getValue("model_version") == null) {
              continue;
            }
            JsonObject v = versions.computeIfAbsent(r.getString("model_version"), k -> new JsonObject()
                .put("model_version", k).put("model", r.getString("model")).put("bars", r.getString("bars"))
                .put("generated_at", r.getOffsetDateTime("generated_at").toInstant().toString())
                .put("horizons", new JsonObject()));
            v.getJsonObject("horizons").put(String.valueOf(r.getInteger("forecast_horizon")),
                (JsonObject) r.getJson("backtest"));
          }
          if (versions.isEmpty()) {
            ctx.fail(ServiceException.notFound("prediction-not-available",
                "no backtested forecast for " + symbol + " yet"));
            return;
          }
          json(ctx, new JsonObject().put("symbol", symbol)
              .put("method", "rolling-origin backtest; intervals judged by leave-one-out conformal")
              .put("data", new JsonArray(versions.values().stream().limit(VERSIONS).toList())));
        });
  }

  private static int horizon(RoutingContext ctx) {
    String raw = ctx.request().getParam("horizon");
    if (raw == null || raw.isBlank() || raw.trim().equals("7")) {
      return 7;
    }
    if (raw.trim().equals("30")) {
      return 30;
    }
    throw ServiceException.badRequest("invalid-parameter", "horizon must be 7 or 30 (days)");
  }

  private static String symbol(RoutingContext ctx) {
    String symbol = ctx.pathParam("symbol");
    if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
      throw ServiceException.badRequest("invalid-symbol", "a symbol is 1–32 upper-case letters, digits, '.', '_' or '-'");
    }
    return symbol;
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(body.toBuffer());
  }
}
