package io.rwaprime.api.portfolio;

import io.rwaprime.api.Bodies;
import io.rwaprime.api.auth.Guards;
import io.rwaprime.api.auth.Principal;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.http.ServiceException;
import io.rwaprime.events.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The caller's own holdings and watchlist (scope {@code portfolio}). Object-level authorization is in the SQL:
 * every statement is scoped by the principal's user id, so another user's holding id answers 404 exactly like an
 * unknown one — a user can neither read nor change nor learn of another user's data.
 * <ul>
 *   <li>{@code GET /api/v1/portfolio} — holdings valued at the latest cleaned price (else the NAV), cost, P&amp;L,
 *   allocation by asset class; exact decimals as strings</li>
 *   <li>{@code POST /api/v1/portfolio/holdings}, {@code PATCH|DELETE /api/v1/portfolio/holdings/{id}}</li>
 *   <li>{@code POST /api/v1/portfolio/sync-wallet} — holdings from an EVM wallet ({@link WalletSync})</li>
 *   <li>{@code GET|POST /api/v1/watchlist}, {@code DELETE /api/v1/watchlist/{symbol}}</li>
 * </ul>
 * Every change is announced on the owner's private address {@code rwa.portfolio.user.<id>} as
 * {@code {"change": "holding_added"|"holding_updated"|"holding_removed"|"watch_added"|"watch_removed", …}}, so the
 * owner's other dashboards refresh; only the owner may follow that address on the bridge.
 */
public final class PortfolioRoutes {

  private static final String SCOPE = "portfolio";
  private static final BigDecimal MAX_QTY = new BigDecimal("1e20");
  private static final BigDecimal MAX_PRICE = new BigDecimal("1e12");
  private static final String LATEST_KEY = "price:latest:";

  private final Pool pool;
  private final KeyValueStore cache;
  private final EventBus bus;

  public PortfolioRoutes(Pool pool, KeyValueStore cache, EventBus bus) {
    this.pool = pool;
    this.cache = cache;
    this.bus = bus;
  }

  /** Tells the owner's live dashboards what changed (published after the change is stored). */
  private void announce(UUID user, String change, JsonObject details) {
    bus.publish(Addresses.PORTFOLIO_USER_PREFIX + user, details.copy().put("change", change)
        .put("user_id", user.toString()).put("at", java.time.Instant.now().toString()));
  }

  public void mount(Router router) {
    router.get("/api/v1/portfolio").handler(Guards.scope(SCOPE)).handler(this::portfolio);
    router.post("/api/v1/portfolio/holdings").handler(Guards.scope(SCOPE)).handler(this::add);
    router.patch("/api/v1/portfolio/holdings/:id").handler(Guards.scope(SCOPE)).handler(this::update);
    router.delete("/api/v1/portfolio/holdings/:id").handler(Guards.scope(SCOPE)).handler(this::remove);
    router.post("/api/v1/portfolio/sync-wallet").handler(Guards.scope(SCOPE)).handler(this::syncWallet);
    router.get("/api/v1/watchlist").handler(Guards.scope(SCOPE)).handler(this::watchlist);
    router.post("/api/v1/watchlist").handler(Guards.scope(SCOPE)).handler(this::watch);
    router.delete("/api/v1/watchlist/:symbol").handler(Guards.scope(SCOPE)).handler(this::unwatch);
  }

  private void syncWallet(RoutingContext ctx) {
    UUID user = user(ctx);
    String[] target = WalletSync.parse(Bodies.object(ctx, Set.of(), WalletSync.FIELDS));
    new WalletSync(pool, bus).sync(user, target[0], target[1])
        .onSuccess(result -> {
          json(ctx, 200, result);
          announce(user, "wallet_synced", new JsonObject().put("chain", target[1]).put("address", target[0])
              .put("synced_assets", result.getInteger("synced_assets")));
        })
        .onFailure(ctx::fail);
  }

  private void portfolio(RoutingContext ctx) {
    UUID user = user(ctx);
    pool.preparedQuery("""
            SELECT p.portfolio_id, a.symbol, a.name, a.asset_class, a.nav, p.quantity, p.avg_purchase_price,
                   p.wallet_address, p.chain, p.updated_at
            FROM portfolios p JOIN assets a USING (asset_id) WHERE p.user_id = $1 ORDER BY a.symbol, p.created_at""")
        .execute(Tuple.of(user))
        .compose(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          List<Future<JsonObject>> valued = list.stream().map(this::valued).toList();
          return Future.all(valued).map(v -> summary(valued.stream().map(Future::result).toList()));
        })
        .onSuccess(body -> json(ctx, 200, body))
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the portfolio store", err)));
  }

  private Future<JsonObject> valued(Row r) {
    BigDecimal qty = r.getBigDecimal("quantity");
    BigDecimal avg = r.getBigDecimal("avg_purchase_price");
    JsonObject h = new JsonObject()
        .put("holding_id", r.getUUID("portfolio_id").toString())
        .put("symbol", r.getString("symbol")).put("name", r.getString("name"))
        .put("asset_class", r.getString("asset_class"))
        .put("quantity", qty.stripTrailingZeros().toPlainString())
        .put("avg_purchase_price", avg == null ? null : avg.stripTrailingZeros().toPlainString())
        .put("wallet_address", r.getString("wallet_address")).put("chain", r.getString("chain"));
    BigDecimal nav = r.getBigDecimal("nav");
    return cache.get(LATEST_KEY + r.getString("symbol"))
        .map(latest -> latest.map(s -> new BigDecimal(new JsonObject(s).getString("price"))))
        .otherwise(java.util.Optional.empty())
        .map(price -> {
          BigDecimal p = price.orElse(nav);
          h.put("price_source", price.isPresent() ? "last_trade" : nav != null ? "nav" : null);
          if (p != null) {
            BigDecimal value = p.multiply(qty);
            h.put("price", p.stripTrailingZeros().toPlainString()).put("value", money(value));
            if (avg != null) {
              BigDecimal cost = avg.multiply(qty);
              h.put("cost", money(cost)).put("pnl", money(value.subtract(cost)));
              if (cost.signum() > 0) {
                h.put("pnl_pct", value.subtract(cost).divide(cost, MathContext.DECIMAL64).movePointRight(2)
                    .setScale(4, RoundingMode.HALF_EVEN).toPlainString());
              }
            }
          }
          return h;
        });
  }

  private static JsonObject summary(List<JsonObject> holdings) {
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    Map<String, BigDecimal> byClass = new LinkedHashMap<>();
    for (JsonObject h : holdings) {
      if (h.getString("value") != null) {
        BigDecimal v = new BigDecimal(h.getString("value"));
        total = total.add(v);
        byClass.merge(h.getString("asset_class"), v, BigDecimal::add);
      }
      if (h.getString("cost") != null) {
        cost = cost.add(new BigDecimal(h.getString("cost")));
      }
    }
    JsonArray allocation = new JsonArray();
    for (var e : byClass.entrySet()) {
      allocation.add(new JsonObject().put("asset_class", e.getKey()).put("value", money(e.getValue()))
          .put("weight", total.signum() == 0 ? "0" : e.getValue().divide(total, MathContext.DECIMAL64)
              .setScale(6, RoundingMode.HALF_EVEN).toPlainString()));
    }
    return new JsonObject().put("holdings", new JsonArray(holdings)).put("total_value", money(total))
        .put("total_cost", money(cost)).put("total_pnl", money(total.subtract(cost))).put("allocation", allocation);
  }

  private void add(RoutingContext ctx) {
    UUID user = user(ctx);
    JsonObject body = Bodies.object(ctx, Set.of("symbol", "quantity"), Set.of("avg_purchase_price"));
    String symbol = Bodies.string(body, "symbol", 32);
    BigDecimal qty = decimal(body, "quantity");
    BigDecimal avg = body.getValue("avg_purchase_price") == null ? null : decimal(body, "avg_purchase_price");
    pool.preparedQuery("""
            INSERT INTO portfolios (user_id, asset_id, quantity, avg_purchase_price)
            SELECT $1, asset_id, $3, $4 FROM assets WHERE symbol = $2 RETURNING portfolio_id""")
        .execute(Tuple.of(user, symbol, qty, avg))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(ServiceException.notFound("asset-not-found", "no asset with symbol " + symbol));
          } else {
            JsonObject created = new JsonObject().put("holding_id", rows.iterator().next().getUUID(0).toString())
                .put("symbol", symbol).put("quantity", qty.toPlainString());
            json(ctx, 201, created);
            announce(user, "holding_added", created);
          }
        })
        .onFailure(err -> ctx.fail(err instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? new ServiceException(409, "holding-exists", "you already hold " + symbol + "; change that holding instead")
            : ServiceException.unavailable("the portfolio store", err)));
  }

  private void update(RoutingContext ctx) {
    UUID user = user(ctx);
    UUID id = uuid(ctx.pathParam("id"));
    JsonObject body = Bodies.object(ctx, Set.of(), Set.of("quantity", "avg_purchase_price"));
    if (body.isEmpty()) {
      throw ServiceException.badRequest("missing-field", "send 'quantity' and/or 'avg_purchase_price'");
    }
    BigDecimal qty = body.getValue("quantity") == null ? null : decimal(body, "quantity");
    BigDecimal avg = body.getValue("avg_purchase_price") == null ? null : decimal(body, "avg_purchase_price");
    pool.preparedQuery("UPDATE portfolios SET quantity = coalesce($3, quantity), "
            + "avg_purchase_price = coalesce($4, avg_purchase_price) WHERE portfolio_id = $1 AND user_id = $2 RETURNING portfolio_id")
        .execute(Tuple.of(id, user, qty, avg))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(ServiceException.notFound("holding-not-found", "no holding with this id"));
          } else {
            ctx.response().setStatusCode(204).end();
            announce(user, "holding_updated", new JsonObject().put("holding_id", id.toString()));
          }
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the portfolio store", err)));
  }

  private void remove(RoutingContext ctx) {
    UUID user = user(ctx);
    UUID id = uuid(ctx.pathParam("id"));
    pool.preparedQuery("DELETE FROM portfolios WHERE portfolio_id = $1 AND user_id = $2")
        .execute(Tuple.of(id, user))
        .onSuccess(rows -> {
          if (rows.rowCount() == 0) {
            ctx.fail(ServiceException.notFound("holding-not-found", "no holding with this id"));
          } else {
            ctx.response().setStatusCode(204).end();
            announce(user, "holding_removed", new JsonObject().put("holding_id", id.toString()));
          }
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the portfolio store", err)));
  }

  private void watchlist(RoutingContext ctx) {
    pool.preparedQuery("SELECT a.symbol, a.name, a.asset_class, w.added_at FROM watchlist_items w JOIN assets a USING (asset_id) "
            + "WHERE w.user_id = $1 ORDER BY w.added_at")
        .execute(Tuple.of(user(ctx)))
        .onSuccess(rows -> {
          JsonArray data = new JsonArray();
          rows.forEach(r -> data.add(new JsonObject().put("symbol", r.getString("symbol")).put("name", r.getString("name"))
              .put("asset_class", r.getString("asset_class"))
              .put("added_at", r.getOffsetDateTime("added_at").toInstant().toString())));
          json(ctx, 200, new JsonObject().put("data", data));
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the watchlist store", err)));
  }

  private void watch(RoutingContext ctx) {
    String symbol = Bodies.string(Bodies.object(ctx, Set.of("symbol"), Set.of()), "symbol", 32);
    pool.preparedQuery("INSERT INTO watchlist_items (user_id, asset_id) SELECT $1, asset_id FROM assets WHERE symbol = $2 "
            + "ON CONFLICT DO NOTHING RETURNING asset_id")
        .execute(Tuple.of(user(ctx), symbol))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(201)
            : pool.preparedQuery("SELECT 1 FROM assets WHERE symbol = $1").execute(Tuple.of(symbol))
                .map(r -> r.size() == 1 ? 200 : 404))
        .onSuccess(status -> {
          if (status == 404) {
            ctx.fail(ServiceException.notFound("asset-not-found", "no asset with symbol " + symbol));
          } else {
            json(ctx, status, new JsonObject().put("symbol", symbol).put("watching", true));
            if (status == 201) {
              announce(user(ctx), "watch_added", new JsonObject().put("symbol", symbol));
            }
          }
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the watchlist store", err)));
  }

  private void unwatch(RoutingContext ctx) {
    String symbol = ctx.pathParam("symbol");
    pool.preparedQuery("DELETE FROM watchlist_items w USING assets a WHERE w.asset_id = a.asset_id AND w.user_id = $1 "
            + "AND a.symbol = $2")
        .execute(Tuple.of(user(ctx), symbol))
        .onSuccess(rows -> {
          if (rows.rowCount() == 0) {
            ctx.fail(ServiceException.notFound("not-watched", symbol + " is not on your watchlist"));
          } else {
            ctx.response().setStatusCode(204).end();
            announce(user(ctx), "watch_removed", new JsonObject().put("symbol", symbol));
          }
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the watchlist store", err)));
  }

  private static UUID user(RoutingContext ctx) {
    return Principal.of(ctx).orElseThrow().userId();
  }

  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ServiceException.badRequest("invalid-parameter", "the id must be a UUID");
    }
  }

  private static BigDecimal decimal(JsonObject body, String name) {
    return "quantity".equals(name) ? decimal(body, name, MAX_QTY, 18) : decimal(body, name, MAX_PRICE, 8);
  }

  private static BigDecimal decimal(JsonObject body, String name, BigDecimal max, int maxScale) {
    Object v = body.getValue(name);
    BigDecimal d;
    try {
      d = v instanceof String s ? new BigDecimal(s) : v instanceof Number n ? new BigDecimal(n.toString()) : null;
    } catch (NumberFormatException e) {
      d = null;
    }
    if (d == null || d.signum() < 0 || d.compareTo(max) >= 0 || d.scale() > maxScale) {
      throw ServiceException.badRequest("invalid-field", "'" + name + "' must be a non-negative decimal "
          + "(a string such as \"12.5\"), below " + max.toString() + " with at most " + maxScale + " decimals");
    }
    return d;
  }

  private static String money(BigDecimal v) {
    return v.setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.toBuffer());
  }
}
