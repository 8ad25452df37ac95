package io.rwaprime.risk;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.risk.analytics.MarketRiskReport;
import io.rwaprime.risk.analytics.MonteCarloVar;
import io.rwaprime.risk.analytics.PriceSeries;
import io.rwaprime.risk.score.RiskScorer;
import io.rwaprime.risk.score.RiskWeightProfiles;
import io.rwaprime.risk.score.ScoreInputs;

import java.time.Instant;

/**
 * Computes one asset's {@link Assessment} from its bars, its catalogue entry and its static profile. Plain,
 * CPU-bound and thread-safe: the verticle runs it on a worker thread, the benchmark in a loop.
 *
 * <p>Market inputs: volatility and maximum drawdown from the {@link MarketRiskReport} of the closes; liquidity =
 * {@link BarWindow#dailyTradedValue()}; NAV deviation = the cleansing role's {@code nav_premium} feature when
 * known, else last close / catalogue NAV − 1 (none without a NAV). VaR horizons are 1 and 10 <em>days</em>,
 * i.e. {@code days × periods per day} bars of the window's interval; Monte Carlo runs only when the longest
 * horizon is at most {@link #MAX_MC_STEPS} bars (daily and hourly data).
 */
public final class AssetAssessor {

  /** Longest simulated path, in bars, for which Monte Carlo VaR is computed. */
  public static final int MAX_MC_STEPS = 240;
  private static final int[] HORIZON_DAYS = {1, 10};
  private static final double[] CONFIDENCES = {0.95, 0.99};

  private final RiskScorer scorer;
  private final double riskFreeRate;
  private final int minPrices;
  private final int monteCarloPaths;

  /**
   * @param weights         category weights per asset class
   * @param riskFreeRate    annual risk-free rate for Sharpe
   * @param minPrices       fewer closes than this: market factors imputed, no report
   * @param monteCarloPaths Monte Carlo paths per horizon (0 = none)
   */
  public AssetAssessor(RiskWeightProfiles weights, double riskFreeRate, int minPrices, int monteCarloPaths) {
    this.scorer = new RiskScorer(weights);
    this.riskFreeRate = riskFreeRate;
    this.minPrices = minPrices;
    this.monteCarloPaths = monteCarloPaths;
  }

  /** The minimum number of closes for market factors. */
  public int minPrices() {
    return minPrices;
  }

  /**
   * Scores one asset.
   *
   * @param bars       its bars, or {@code null} when it has none
   * @param navPremium price / NAV − 1 from the feature store, or {@code null}
   */
  public Assessment assess(Asset asset, StaticProfile profile, BarWindow bars, Double navPremium, Instant now) {
    ScoreInputs.Builder in = profile.applyTo(ScoreInputs.builder());
    MarketRiskReport report = null;
    BarWindow used = bars != null && bars.size() >= minPrices ? bars : null;
    if (used != null) {
      report = MarketRiskReport.of(PriceSeries.of(used.closes(), used.openTimes()), params(used));
      report.annualVolatility().ifPresent(in::annualVolatility);
      if (report.drawdown() != null) {
        in.maxDrawdown(report.drawdown().maxDrawdown());
      }
      in.dailyVolumeUsd(used.dailyTradedValue());
    }
    Double deviation = navDeviation(asset, bars, navPremium);
    if (deviation != null) {
      in.navDeviation(deviation);
    }
    String assetClass = asset.assetClass().label();
    return new Assessment(asset.symbol(), assetClass, now, scorer.score(assetClass, in.build()), used, report,
        HORIZON_DAYS.clone());
  }

  private MarketRiskReport.Params params(BarWindow bars) {
    int perDay = BarWindow.periodsPerDay(bars.interval());
    int[] horizons = new int[HORIZON_DAYS.length];
    for (int i = 0; i < horizons.length; i++) {
      horizons[i] = HORIZON_DAYS[i] * perDay;
    }
    int paths = horizons[horizons.length - 1] <= MAX_MC_STEPS ? monteCarloPaths : 0;
    // a fixed seed per asset: the same bars give the same Monte Carlo figures on every recomputation
    long seed = bars.symbol().hashCode();
    return new MarketRiskReport.Params(BarWindow.periodsPerYear(bars.interval()), riskFreeRate, 0.0, CONFIDENCES,
        horizons, paths, MonteCarloVar.Model.NORMAL, seed);
  }

  private static Double navDeviation(Asset asset, BarWindow bars, Double navPremium) {
    if (navPremium != null && Double.isFinite(navPremium) && navPremium >= -1) {
      return navPremium;
    }
    if (asset.nav() == null || bars == null || bars.size() == 0) {
      return null;
    }
    return bars.lastClose() / asset.nav().doubleValue() - 1;
  }
}
