package io.rwaprime.risk;

import io.rwaprime.common.assets.Asset;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers portfolio-risk requests on {@link io.rwaprime.events.Addresses#RISK_PORTFOLIO}: the body is
 * {@code {"holdings": {"<symbol>": <value>, …}}} (values in one currency, &gt; 0, at most {@value #MAX_HOLDINGS});
 * the reply is the report of {@link PortfolioRisk}, using the coarsest bar interval (1d, 1h, 5m, 1m) at which
 * the holdings share at least {@code minPrices} bar times. Failures: 400 {@code invalid-request},
 * 422 {@code insufficient-history} or {@code flat-history}, 503 {@code dependency-unavailable} (database),
 * 500 {@code internal-error}.
 */
final class PortfolioRiskHandler implements Handler<Message<Object>> {

  static final int MAX_HOLDINGS = 200;
  private static final Logger LOG = LoggerFactory.getLogger(PortfolioRiskHandler.class);

  private final Vertx vertx;
  private final RiskRepository repo;
  private final int minPrices;
  private final int maxPrices;

  PortfolioRiskHandler(Vertx vertx, RiskRepository repo, int minPrices, int maxPrices) {
    this.vertx = vertx;
    this.repo = repo;
    this.minPrices = minPrices;
    this.maxPrices = maxPrices;
  }

  @Override
  public void handle(Message<Object> msg) {
    Map<String, Double> holdings = holdings(msg.body());
    if (holdings == null) {
      msg.fail(400, "invalid-request");
      return;
    }
    attempt(holdings, 0).onSuccess(msg::reply).onFailure(err -> {
      if (err instanceof PortfolioRisk.Unassessable u) {
        msg.fail(422, u.code);
      } else if (err instanceof io.vertx.pgclient.PgException || err instanceof io.vertx.core.VertxException) {
        LOG.warn("portfolio risk failed [holdings: {}, reason: {}]", holdings.size(), err.toString());
        msg.fail(503, "dependency-unavailable");
      } else {
        LOG.warn("portfolio risk failed [holdings: {}]", holdings.size(), err);
        msg.fail(500, "internal-error");
      }
    });
  }

  private Future<JsonObject> attempt(Map<String, Double> holdings, int step) {
    if (step == RiskRepository.CASCADE.size()) {
      return Future.failedFuture(new PortfolioRisk.Unassessable("insufficient-history",
          "no bar interval has " + minPrices + " common bar times for every holding"));
    }
    List<String> symbols = new ArrayList<>(holdings.keySet());
    return repo.bars(symbols, RiskRepository.CASCADE.get(step), maxPrices + 1).compose(windows -> {
      if (windows.size() < symbols.size() || PortfolioRisk.commonTimes(windows).length < minPrices) {
        return attempt(holdings, step + 1);
      }
      return vertx.executeBlocking(() -> PortfolioRisk.assess(holdings, windows, minPrices, maxPrices), false);
    });
  }

  /** The holdings of a well-formed request, or null. */
  static Map<String, Double> holdings(Object body) {
    if (!(body instanceof JsonObject json) || json.size() != 1 || !(json.getValue("holdings") instanceof JsonObject h)
        || h.isEmpty() || h.size() > MAX_HOLDINGS) {
      return null;
    }
    Map<String, Double> out = new TreeMap<>();
    for (Map.Entry<String, Object> e : h) {
      if (!Asset.SYMBOL.matcher(e.getKey()).matches() || !(e.getValue() instanceof Number n)
          || !Double.isFinite(n.doubleValue()) || n.doubleValue() <= 0) {
        return null;
      }
      out.put(e.getKey(), n.doubleValue());
    }
    return out;
  }
}
