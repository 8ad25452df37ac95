package io.rwaprime.risk;

import io.rwaprime.risk.analytics.Covariance;
import io.rwaprime.risk.analytics.PortfolioVar;
import io.rwaprime.risk.analytics.ShrunkCovariance;
import io.rwaprime.risk.analytics.Stats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parametric portfolio VaR of a set of holdings from their bars (plain, CPU-bound; the verticle calls it on a
 * worker). The bars of all holdings are aligned on time (only open times present in every series, the latest
 * {@code maxPeriods + 1}), simple returns are taken between consecutive common times, the covariance is the
 * Ledoit–Wolf constant-correlation shrinkage (the sample variance for one holding), and VaR with its Euler
 * components comes from {@link PortfolioVar} at 95/99 % over 1 and 10 days, in the holdings' currency.
 */
final class PortfolioRisk {

  private static final double[] CONFIDENCES = {0.95, 0.99};
  private static final int[] HORIZON_DAYS = {1, 10};

  /** Why a portfolio cannot be assessed; {@code code} is the failure code of the bus reply. */
  static final class Unassessable extends Exception {
    final String code;

    Unassessable(String code, String detail) {
      super(detail, null, false, false);
      this.code = code;
    }
  }

  private PortfolioRisk() {}

  /** Open times (epoch ms) present in every window, ascending. */
  static long[] commonTimes(Map<String, BarWindow> windows) {
    TreeSet<Long> common = null;
    for (BarWindow w : windows.values()) {
      TreeSet<Long> times = new TreeSet<>();
      for (long t : w.openTimes()) {
        times.add(t);
      }
      if (common == null) {
        common = times;
      } else {
        common.retainAll(times);
      }
    }
    return common == null ? new long[0] : common.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * The report for holdings symbol → value (all &gt; 0), all windows of one interval.
   *
   * @throws Unassessable when the aligned history is too short or a holding never moved
   */
  static JsonObject assess(Map<String, Double> holdings, Map<String, BarWindow> windows, int minPrices, int maxPrices)
      throws Unassessable {
    List<String> symbols = new ArrayList<>(new TreeMap<>(holdings).keySet());
    long[] times = commonTimes(windows);
    if (times.length < minPrices) {
      throw new Unassessable("insufficient-history", "the holdings share " + times.length
          + " bar times, at least " + minPrices + " needed");
    }
    int from = Math.max(0, times.length - maxPrices);
    int t = times.length - from - 1;
    double[][] returns = new double[symbols.size()][t];
    double[] values = new double[symbols.size()];
    double total = 0;
    for (int i = 0; i < symbols.size(); i++) {
      BarWindow w = windows.get(symbols.get(i));
      Map<Long, Double> close = new java.util.HashMap<>();
      for (int k = 0; k < w.size(); k++) {
        close.put(w.openTimes()[k], w.closes()[k]);
      }
      for (int k = 0; k < t; k++) {
        returns[i][k] = close.get(times[from + k + 1]) / close.get(times[from + k]) - 1;
      }
      values[i] = holdings.get(symbols.get(i));
      total += values[i];
      if (Stats.variance(returns[i]) <= 1e-24) {
        throw new Unassessable("flat-history", symbols.get(i) + " did not move over the aligned history");
      }
    }
    var interval = windows.values().iterator().next().interval();
    int perDay = BarWindow.periodsPerDay(interval);
    double[][] cov;
    JsonObject covJson = new JsonObject().put("symbols", new JsonArray(new ArrayList<>(symbols)));
    if (symbols.size() == 1) {
      cov = new double[][] {{Stats.variance(returns[0])}};
      covJson.put("method", "sample variance (one holding)").put("shrinkage", 0.0);
    } else {
      ShrunkCovariance lw = Covariance.ledoitWolf(returns);
      cov = lw.covariance();
      covJson.put("method", "ledoit-wolf constant correlation").put("shrinkage", lw.intensity())
          .put("average_correlation", lw.averageCorrelation());
    }
    JsonArray matrix = new JsonArray();
    for (double[] row : cov) {
      JsonArray r = new JsonArray();
      for (double v : row) {
        r.add(v);
      }
      matrix.add(r);
    }
    covJson.put("matrix", matrix).put("per", interval.label());
    JsonObject var = new JsonObject();
    List<JsonObject> perHolding = new ArrayList<>();
    for (int i = 0; i < symbols.size(); i++) {
      perHolding.add(new JsonObject().put("symbol", symbols.get(i)).put("value", values[i])
          .put("weight", values[i] / total)
          .put("volatility", Math.sqrt(cov[i][i] * BarWindow.periodsPerYear(interval)))
          .put("component_var", new JsonObject()).put("component_share", new JsonObject()));
    }
    for (double c : CONFIDENCES) {
      String ck = RiskJson.confidenceKey(c);
      JsonObject byHorizon = new JsonObject();
      for (int d : HORIZON_DAYS) {
        PortfolioVar pv = PortfolioVar.parametric(values, cov, c, d * perDay);
        byHorizon.put(Integer.toString(d), new JsonObject().put("amount", pv.var()).put("fraction", pv.var() / total));
        double[] comp = pv.component();
        double[] share = pv.componentShare();
        for (int i = 0; i < symbols.size(); i++) {
          JsonObject h = perHolding.get(i);
          h.getJsonObject("component_var").put(ck, h.getJsonObject("component_var").getJsonObject(ck, new JsonObject())
              .put(Integer.toString(d), comp[i]));
          h.getJsonObject("component_share").put(ck, h.getJsonObject("component_share")
              .getJsonObject(ck, new JsonObject()).put(Integer.toString(d), share[i]));
        }
      }
      var.put(ck, byHorizon);
    }
    return new JsonObject().put("total_value", total).put("interval", interval.label()).put("periods", t)
        .put("from", Instant.ofEpochMilli(times[from]).toString())
        .put("as_of", Instant.ofEpochMilli(times[times.length - 1]).toString())
        .put("method", "parametric delta-normal, zero mean, sqrt(h) scaling; horizons in days")
        .put("var", var).put("holdings", new JsonArray(new ArrayList<>(perHolding))).put("covariance", covJson);
  }
}
