package io.rwaprime.api.risk;

import io.rwaprime.api.auth.Guards;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Risk scores (1–100, higher = riskier) as the risk role stores them, and portfolio risk asked of the risk role
 * over the bus. This module never runs risk code: it reads {@code risk_scores} and sends requests.
 * <ul>
 *   <li>{@code GET /api/v1/risk/{symbol}} — the latest score: composite, sub-scores, drivers, details
 *   (market-risk report, bars used, weights); 404 {@code asset-not-found} or {@code risk-not-available}</li>
 *   <li>{@code GET /api/v1/risk/{symbol}/history?from=&to=&limit=} — scores in [from, to), the latest
 *   {@code limit} (1–1000, default 100), oldest first, without drivers</li>
 *   <li>{@code GET /api/v1/portfolio/risk} — the caller's own holdings (scope {@code portfolio}); see
 *   {@link PortfolioRiskRoute}</li>
 * </ul>
 */
public final class RiskRoutes {

  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,31}");
  private static final String COLUMNS = "r.composite_score, r.market_risk, r.credit_risk, r.regulatory_risk, "
      + "r.technical_risk, r.calculated_at";

  private final Pool pool;
  private final PortfolioRiskRoute portfolio;

  public RiskRoutes(Vertx vertx, Pool pool, KeyValueStore cache) {
    this.pool = pool;
    this.portfolio = new PortfolioRiskRoute(vertx, pool, cache);
  }

  public void mount(Router router) {
    router.get("/api/v1/risk/:symbol").handler(this::latest);
    router.get("/api/v1/risk/:symbol/history").handler(this::history);
    router.get("/api/v1/portfolio/risk").handler(Guards.scope("portfolio")).handler(portfolio);
  }

  private void latest(RoutingContext ctx) {
    String symbol = symbol(ctx);
    pool.preparedQuery("SELECT a.symbol, " + COLUMNS + ", r.drivers, r.details, r.model_version FROM assets a "
            + "LEFT JOIN LATERAL (SELECT * FROM risk_scores WHERE asset_id = a.asset_id ORDER BY calculated_at DESC "
            + "LIMIT 1) r ON true WHERE a.symbol = $1")
        .execute(Tuple.of(symbol))
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the risk store", err)))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(ServiceException.notFound("asset-not-found", "no asset with symbol " + symbol));
            return;
          }
          Row r = rows.iterator().next();
          if (r.getValue("composite_score") == null) {
            ctx.fail(ServiceException.notFound("risk-not-available", "no risk score for " + symbol + " yet"));
            return;
          }
          json(ctx, scores(r).put("symbol", symbol)
              .put("scale", "1-100, higher is riskier")
              .put("drivers", r.getJsonArray("drivers")).put("details", r.getJsonObject("details"))
              .put("model_version", r.getString("model_version")));
        });
  }

  private void history(RoutingContext ctx) {
    String symbol = symbol(ctx);
    Instant from = instant(ctx, "from", Instant.EPOCH);
    Instant to = instant(ctx, "to", Instant.parse("9999-01-01T00:00:00Z"));
    int limit = limit(ctx);
    if (!from.isBefore(to)) {
      throw ServiceException.badRequest("invalid-parameter", "from must be before to");
    }
    pool.preparedQuery("SELECT * FROM (SELECT " + COLUMNS + " FROM risk_scores r JOIN assets a USING (asset_id) "
            + "WHERE a.symbol = $1 AND r.calculated_at >= $2 AND r.calculated_at < $3 "
            + "ORDER BY r.calculated_at DESC LIMIT $4) h ORDER BY calculated_at")
        .execute(Tuple.of(symbol, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), limit))
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the risk store", err)))
        .onSuccess(rows -> {
          JsonArray data = new JsonArray();
          rows.forEach(r -> data.add(scores(r)));
          json(ctx, new JsonObject().put("symbol", symbol).put("count", data.size()).put("data", data));
        });
  }

  private static JsonObject scores(Row r) {
    return new JsonObject()
        .put("calculated_at", r.getOffsetDateTime("calculated_at").toInstant().toString())
        .put("composite_score", r.getInteger("composite_score"))
        .put("sub_scores", new JsonObject().put("market", r.getInteger("market_risk"))
            .put("credit", r.getInteger("credit_risk")).put("regulatory", r.getInteger("regulatory_risk"))
            .put("technical", r.getInteger("technical_risk")));
  }

  private static String symbol(RoutingContext ctx) {
    String symbol = ctx.pathParam("symbol");
    if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
      throw ServiceException.badRequest("invalid-symbol", "a symbol is 1–32 upper-case letters, digits, '.', '_' or '-'");
    }
    return symbol;
  }

  private static Instant instant(RoutingContext ctx, String name, Instant dflt) {
    String raw = ctx.request().getParam(name);
    try {
      return raw == null || raw.isBlank() ? dflt : Instant.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw ServiceException.badRequest("invalid-parameter", name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  private static int limit(RoutingContext ctx) {
    String raw = ctx.request().getParam("limit");
    try {
      int v = raw == null || raw.isBlank() ? 100 : Integer.parseInt(raw.trim());
      if (v >= 1 && v <= 1000) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ServiceException.badRequest("invalid-parameter", "limit must be a whole number between 1 and 1000");
  }

  static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(body.toBuffer());
  }
}
