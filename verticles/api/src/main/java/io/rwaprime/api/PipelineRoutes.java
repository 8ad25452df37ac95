package io.rwaprime.api;

import io.rwaprime.common.http.ServiceException;
import io.rwaprime.events.BarInterval;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Read endpoints of the pipeline's gold tables:
 * <ul>
 *   <li>{@code GET /api/v1/assets/{symbol}/ohlcv?interval=1m&from=&to=&limit=}</li>
 *   <li>{@code GET /api/v1/assets/{symbol}/features}</li>
 *   <li>{@code GET /api/v1/assets/{symbol}/sentiment?days=}</li>
 *   <li>{@code GET /api/v1/macro/{series}?from=&to=&limit=}</li>
 *   <li>{@code GET /api/v1/admin/dead-letter?reason=&stage=&before_id=&limit=} (admin users, or the break-glass api.admin-token)</li>
 * </ul>
 */
final class PipelineRoutes {

  private static final Pattern SERIES = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern CODE = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

  private final PipelineRepository pipeline;
  private final AssetRepository assets;

  PipelineRoutes(PipelineRepository pipeline, AssetRepository assets) {
    this.pipeline = pipeline;
    this.assets = assets;
  }

  void mount(Router router) {
    router.get("/api/v1/assets/:symbol/ohlcv").handler(this::ohlcv);
    router.get("/api/v1/assets/:symbol/features").handler(this::features);
    router.get("/api/v1/assets/:symbol/sentiment").handler(this::sentiment);
    router.get("/api/v1/macro/:series").handler(this::macro);
    router.get("/api/v1/admin/dead-letter").handler(io.rwaprime.api.auth.Guards.admin()).handler(this::deadLetters);
  }

  private void ohlcv(RoutingContext ctx) {
    String symbol = Params.symbol(ctx);
    BarInterval interval;
    try {
      interval = BarInterval.fromLabel(ctx.request().getParam("interval", "1m"));
    } catch (IllegalArgumentException e) {
      throw ServiceException.badRequest("invalid-parameter", "interval: " + e.getMessage());
    }
    int limit = Params.intParam(ctx, "limit", 500, 1, 5000);
    Instant to = Params.instant(ctx, "to").orElse(Instant.now().plus(interval.duration()));
    // without from: the last `limit` bars before `to`
    Instant from = Params.instant(ctx, "from").orElse(Instant.EPOCH);
    if (!from.isBefore(to)) {
      throw ServiceException.badRequest("invalid-parameter", "from must be before to");
    }
    requireAsset(symbol)
        .compose(x -> pipeline.bars(symbol, interval, from, to, limit))
        .onSuccess(data -> json(ctx, new JsonObject().put("symbol", symbol).put("interval", interval.label())
            .put("from", from.toString()).put("to", to.toString()).put("data", data)))
        .onFailure(err -> fail(ctx, err, "the bar store"));
  }

  private void features(RoutingContext ctx) {
    String symbol = Params.symbol(ctx);
    requireAsset(symbol)
        .compose(x -> pipeline.features(symbol))
        .onSuccess(found -> {
          if (found.isEmpty()) {
            ctx.fail(ServiceException.notFound("features-not-ready",
                "no features computed yet for " + symbol + " (they need closed bars)"));
            return;
          }
          json(ctx, found.get().put("symbol", symbol));
        })
        .onFailure(err -> fail(ctx, err, "the feature store"));
  }

  private void sentiment(RoutingContext ctx) {
    String symbol = Params.symbol(ctx);
    int days = Params.intParam(ctx, "days", 30, 1, 366);
    Instant from = Instant.now().minus(Duration.ofDays(days));
    requireAsset(symbol)
        .compose(x -> pipeline.sentiment(symbol, from))
        .onSuccess(data -> json(ctx, new JsonObject().put("symbol", symbol).put("days", days).put("data", data)))
        .onFailure(err -> fail(ctx, err, "the sentiment store"));
  }

  private void macro(RoutingContext ctx) {
    String series = ctx.pathParam("series");
    if (series == null || !SERIES.matcher(series).matches()) {
      throw ServiceException.badRequest("invalid-series", "a series id is 1–64 letters, digits, '_', '.' or '-'");
    }
    int limit = Params.intParam(ctx, "limit", 1000, 1, 10000);
    Instant to = Params.instant(ctx, "to").orElse(Instant.now().plus(Duration.ofDays(1)));
    Instant from = Params.instant(ctx, "from").orElse(Instant.EPOCH);
    if (!from.isBefore(to)) {
      throw ServiceException.badRequest("invalid-parameter", "from must be before to");
    }
    pipeline.macro(series, from, to, limit)
        .onSuccess(data -> {
          if (data.isEmpty()) {
            ctx.fail(ServiceException.notFound("series-not-found", "no observations of series " + series + " in range"));
            return;
          }
          json(ctx, new JsonObject().put("series", series).put("data", data));
        })
        .onFailure(err -> fail(ctx, err, "the macro store"));
  }

  private void deadLetters(RoutingContext ctx) {
    Optional<String> reason = Optional.ofNullable(ctx.request().getParam("reason"));
    Optional<String> stage = Optional.ofNullable(ctx.request().getParam("stage"));
    if (reason.isPresent() && !CODE.matcher(reason.get()).matches()) {
      throw ServiceException.badRequest("invalid-parameter", "reason must be a reason code such as price.non-positive");
    }
    if (stage.isPresent() && !CODE.matcher(stage.get()).matches()) {
      throw ServiceException.badRequest("invalid-parameter", "stage must be a stage name such as cleansing");
    }
    Optional<Long> before = Params.longParam(ctx, "before_id");
    int limit = Params.intParam(ctx, "limit", 100, 1, 1000);
    Future.all(pipeline.deadLetters(reason, stage, before, limit), pipeline.deadLetterCounts())
        .onSuccess(all -> {
          io.vertx.core.json.JsonArray data = all.resultAt(0);
          JsonObject body = new JsonObject().put("data", data).put("counts_by_reason", all.<JsonObject>resultAt(1));
          if (data.size() == limit) {
            body.put("next_before_id", data.getJsonObject(data.size() - 1).getLong("id"));
          }
          json(ctx, body);
        })
        .onFailure(err -> fail(ctx, err, "the dead-letter store"));
  }

  private Future<Void> requireAsset(String symbol) {
    return assets.find(symbol).compose(found -> found.isPresent() ? Future.<Void>succeededFuture()
        : Future.failedFuture(ServiceException.notFound("asset-not-found", "no asset with symbol " + symbol)));
  }

  private static void fail(RoutingContext ctx, Throwable err, String store) {
    ctx.fail(err instanceof ServiceException ? err : ServiceException.unavailable(store, err));
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.toBuffer());
  }
}
