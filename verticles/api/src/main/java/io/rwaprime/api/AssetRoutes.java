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

  private static final java.util.Set<String> CLASSES = java.util.Set.of("tokenized_treasury", "private_credit",
      "real_estate", "commodity", "tokenized_equity");

  /**
   * {@code GET /api/v1/assets?asset_class=&chain=&issuer=&min_yield=&max_risk=&q=&sort_by=&order=&page=&limit=}:
   * {@code min_yield} is a fraction (0.04 = 4 %), {@code max_risk} the highest composite risk score (1–100) wanted,
   * {@code q} searches symbol and name, {@code sort_by} one of {@link AssetRepository#SORTS}.
   */
  private void list(RoutingContext ctx) {
    String assetClass = text(ctx, "asset_class", 32);
    if (assetClass != null && !CLASSES.contains(assetClass)) {
      throw ServiceException.badRequest("invalid-parameter", "asset_class must be one of " + new java.util.TreeSet<>(CLASSES));
    }
    String sortBy = java.util.Optional.ofNullable(text(ctx, "sort_by", 32)).orElse("symbol");
    if (!AssetRepository.SORTS.containsKey(sortBy)) {
      throw ServiceException.badRequest("invalid-parameter", "sort_by must be one of " + new java.util.TreeSet<>(AssetRepository.SORTS.keySet()));
    }
    String order = java.util.Optional.ofNullable(text(ctx, "order", 8)).orElse("asc");
    if (!order.equals("asc") && !order.equals("desc")) {
      throw ServiceException.badRequest("invalid-parameter", "order must be asc or desc");
    }
    java.math.BigDecimal minYield = null;
    String y = text(ctx, "min_yield", 32);
    if (y != null) {
      try {
        minYield = new java.math.BigDecimal(y);
      } catch (NumberFormatException e) {
        throw ServiceException.badRequest("invalid-parameter", "min_yield must be a decimal fraction such as 0.04");
      }
    }
    String maxRisk = text(ctx, "max_risk", 8);
    AssetRepository.Query q = new AssetRepository.Query(assetClass, text(ctx, "chain", 64), text(ctx, "issuer", 100),
        minYield, maxRisk == null ? null : Params.intParam(ctx, "max_risk", 100, 1, 100), text(ctx, "q", 100),
        sortBy, order.equals("desc"), Params.intParam(ctx, "page", 1, 1, 100_000), Params.intParam(ctx, "limit", 50, 1, 100));
    repository.search(q)
        .compose(page -> {
          List<Future<JsonObject>> withPrices = new ArrayList<>();
          page.getJsonArray("data").forEach(a -> withPrices.add(withLatest((JsonObject) a)));
          return Future.all(withPrices).map(all -> page);
        })
        .onSuccess(body -> json(ctx, body))
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the asset store", err)));
  }

  private static String text(RoutingContext ctx, String name, int max) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    if (v.length() > max) {
      throw ServiceException.badRequest("invalid-parameter", name + " is longer than " + max + " characters");
    }
    return v.trim();
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
  /**
   * The latest price of a symbol as read from the shared cache, reused for {@link #PRICE_FRESH_NANOS}: a price
   * changes at most once per tick, and a hot symbol must not cost a cache round trip per request.
   */
  private record Latest(java.util.Optional<String> json, long atNanos) {}
  private static final long PRICE_FRESH_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(250);
  private final java.util.Map<String, Latest> latest = new java.util.concurrent.ConcurrentHashMap<>();

  private Future<java.util.Optional<String>> latestPrice(String symbol) {
    Latest l = latest.get(symbol);
    long now = System.nanoTime();
    if (l != null && now - l.atNanos() < PRICE_FRESH_NANOS) {
      return Future.succeededFuture(l.json());
    }
    return cache.get(LATEST_KEY + symbol).onSuccess(v -> latest.put(symbol, new Latest(v, now)));
  }

  private Future<JsonObject> withLatest(JsonObject asset) {
    return latestPrice(asset.getString("symbol"))
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
