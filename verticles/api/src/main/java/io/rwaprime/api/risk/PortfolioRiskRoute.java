package io.rwaprime.api.risk;

import io.rwaprime.api.auth.Principal;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.http.ServiceException;
import io.rwaprime.events.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/v1/portfolio/risk}: the caller's holdings (by the principal's user id, never an id from the
 * request), valued like {@code GET /api/v1/portfolio} (latest cleaned price, else NAV), sent to the risk role on
 * {@link Addresses#RISK_PORTFOLIO}. The reply is returned as is, plus the holdings that could not be valued.
 * Problems: 422 {@code portfolio-empty} (nothing valued), 422 {@code insufficient-history} or
 * {@code flat-history} from the risk role, 503 {@code risk-unavailable} when no risk role answers.
 */
final class PortfolioRiskRoute implements Handler<RoutingContext> {

  private static final long TIMEOUT_MS = 15_000;
  private static final String LATEST_KEY = "price:latest:";

  private final Vertx vertx;
  private final Pool pool;
  private final KeyValueStore cache;

  PortfolioRiskRoute(Vertx vertx, Pool pool, KeyValueStore cache) {
    this.vertx = vertx;
    this.pool = pool;
    this.cache = cache;
  }

  private record Holding(String symbol, BigDecimal quantity, BigDecimal nav) {}

  @Override
  public void handle(RoutingContext ctx) {
    UUID user = Principal.of(ctx).orElseThrow().userId();
    pool.preparedQuery("SELECT a.symbol, a.nav, sum(p.quantity) AS quantity FROM portfolios p JOIN assets a "
            + "USING (asset_id) WHERE p.user_id = $1 GROUP BY a.symbol, a.nav ORDER BY a.symbol")
        .execute(Tuple.of(user))
        .recover(err -> Future.failedFuture(ServiceException.unavailable("the portfolio store", err)))
        .compose(rows -> {
          List<Holding> holdings = new ArrayList<>();
          for (Row r : rows) {
            holdings.add(new Holding(r.getString("symbol"), r.getBigDecimal("quantity"), r.getBigDecimal("nav")));
          }
          List<Future<Optional<Double>>> values = holdings.stream().map(this::value).toList();
          return Future.all(values).compose(v -> ask(holdings, values.stream().map(Future::result).toList()));
        })
        .onSuccess(body -> RiskRoutes.json(ctx, body))
        .onFailure(ctx::fail);
  }

  private Future<Optional<Double>> value(Holding h) {
    return cache.get(LATEST_KEY + h.symbol())
        .map(latest -> latest.map(s -> new BigDecimal(new JsonObject(s).getString("price"))))
        .otherwise(Optional.empty())
        .map(price -> price.or(() -> Optional.ofNullable(h.nav())).map(p -> p.multiply(h.quantity()).doubleValue())
            .filter(v -> v > 0));
  }

  private Future<JsonObject> ask(List<Holding> holdings, List<Optional<Double>> values) {
    JsonObject request = new JsonObject();
    JsonArray excluded = new JsonArray();
    for (int i = 0; i < holdings.size(); i++) {
      String symbol = holdings.get(i).symbol();
      if (values.get(i).isPresent()) {
        request.put(symbol, values.get(i).get());
      } else {
        excluded.add(new JsonObject().put("symbol", symbol).put("reason", "no price, no NAV or a zero quantity"));
      }
    }
    if (request.isEmpty()) {
      return Future.failedFuture(new ServiceException(422, "portfolio-empty",
          "the portfolio has no holding with a value; add holdings first"));
    }
    return vertx.eventBus().<JsonObject>request(Addresses.RISK_PORTFOLIO, new JsonObject().put("holdings", request),
            new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .map(reply -> reply.body().copy().put("excluded", excluded))
        .recover(err -> Future.failedFuture(problem(err)));
  }

  private static ServiceException problem(Throwable err) {
    if (err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && re.failureCode() >= 400 && re.failureCode() < 500) {
      String detail = switch (String.valueOf(re.getMessage())) {
        case "insufficient-history" -> "the holdings do not yet share enough price history for a risk estimate";
        case "flat-history" -> "a holding's price did not move over the shared history, so its risk is undefined";
        default -> "the risk role refused the request";
      };
      return new ServiceException(422, String.valueOf(re.getMessage()), detail);
    }
    if (err instanceof ReplyException re && re.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
      return new ServiceException(503, "risk-unavailable", "no risk service answered; try again later", null, err);
    }
    return new ServiceException(503, "risk-unavailable", "the risk service failed to answer", null, err);
  }
}
