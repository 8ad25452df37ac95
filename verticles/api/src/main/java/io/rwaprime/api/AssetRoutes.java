package io.rwaprime.api;

import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/assets}, {@code GET /api/v1/assets/{symbol}} and
 * {@code GET /api/v1/assets/{symbol}/ticks?limit=N}: the asset registry with the latest cleaned price.
 */
final class AssetRoutes {

  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,31}");
  /** Cache key of the latest tick per symbol, written by the cleansing role. */
  private static final String LATEST_KEY = "price:latest:";

  private final AssetRepository repository;
  private final KeyValueStore cache;

  AssetRoutes(AssetRepository repository, KeyValueStore cache) {
    this.repository = repository;
    this.cache = cache;
  }

  void mount(Router router) {
    router.get("/api/v1/assets").handler(this::list);
    router.get("/api/v1/assets/:symbol").handler(this::one);
    router.get("/api/v1/assets/:symbol/ticks").handler(this::ticks);
  }

  private void list(RoutingContext ctx) {
    repository.list()
        .compose(assets -> {
          List<Future<JsonObject>> withPrices = new ArrayList<>();
          for (JsonObject a : assets) {
            withPrices.add(withLatest(a));
          }
          return Future.all(withPrices).map(all -> {
            JsonArray data = new JsonArray();
            withPrices.forEach(f -> data.add(f.result()));
            return new JsonObject().put("data", data).put("total", data.size());
          });
        })
        .onSuccess(body -> json(ctx, body))
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the asset store", err)));
  }

  private void one(RoutingContext ctx) {
    String symbol = symbol(ctx);
    if (symbol == null) {
      return;
    }
    repository.find(symbol)
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the asset store", err)))
        .onSuccess(found -> {
          if (found.isEmpty()) {
            ctx.fail(ServiceException.notFound("asset-not-found", "no asset with symbol " + symbol));
            return;
          }
          withLatest(found.get()).onSuccess(a -> json(ctx, a)).onFailure(ctx::fail);
        });
  }

  private void ticks(RoutingContext ctx) {
    String symbol = symbol(ctx);
    if (symbol == null) {
      return;
    }
    String limitParam = ctx.request().getParam("limit", "100");
    int limit;
    try {
      limit = Integer.parseInt(limitParam);
    } catch (NumberFormatException e) {
      ctx.fail(ServiceException.badRequest("invalid-parameter", "limit must be a whole number between 1 and 1000"));
      return;
    }
    if (limit < 1 || limit > 1000) {
      ctx.fail(ServiceException.badRequest("invalid-parameter", "limit must be between 1 and 1000, got " + limit));
      return;
    }
    repository.find(symbol)
        .compose(found -> found.isEmpty()
            ? Future.failedFuture(ServiceException.notFound("asset-not-found", "no asset with symbol " + symbol))
            : repository.recentTicks(symbol, limit))
        .onSuccess(data -> json(ctx, new JsonObject().put("symbol", symbol).put("data", data)))
        .onFailure(err -> ctx.fail(err instanceof ServiceException ? err : ServiceException.unavailable("the tick store", err)));
  }

  /** Adds the latest cached price; a cache that does not answer leaves the price out rather than failing. */
  private Future<JsonObject> withLatest(JsonObject asset) {
    return cache.get(LATEST_KEY + asset.getString("symbol"))
        .map(latest -> {
          latest.ifPresent(json -> {
            JsonObject tick = new JsonObject(json);
            asset.put("price", tick.getString("price")).put("price_time", tick.getString("event_time"));
          });
          return asset;
        })
        .otherwise(asset);
  }

  private static String symbol(RoutingContext ctx) {
    String symbol = ctx.pathParam("symbol");
    if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
      ctx.fail(ServiceException.badRequest("invalid-symbol", "a symbol is 1–32 upper-case letters, digits, '.', '_' or '-'"));
      return null;
    }
    return symbol;
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.toBuffer());
  }
}
