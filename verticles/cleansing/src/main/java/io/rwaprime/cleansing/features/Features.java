package io.rwaprime.cleansing.features;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Rolling features of one asset at one instant, as {@link FeatureCalculator} defines them. Every
 * {@code Double} is null when there is not enough data (or no reference value) for it, and finite
 * otherwise. Rates and returns are fractions ({@code 0.0375} = 3.75 %), volatilities annualized.
 *
 * @param symbol               asset symbol
 * @param asOf                 end of the newest bar the features include
 * @param lastPrice            close of that bar, exact
 * @param logReturn1d          ln(last price / price 24 h earlier)
 * @param fastPeriod           period of {@code smaFast} and {@code emaFast}, in daily closes
 * @param smaFast              simple moving average of the last {@code fastPeriod} daily closes
 * @param emaFast              exponential moving average over the daily closes, α = 2 / (period + 1)
 * @param slowPeriod           period of {@code smaSlow} and {@code emaSlow}, in daily closes
 * @param smaSlow              as {@code smaFast}, over {@code slowPeriod}
 * @param emaSlow              as {@code emaFast}, over {@code slowPeriod}
 * @param realizedVol1d        annualized realized volatility of the last day's 1m returns
 * @param realizedVol7d        annualized realized volatility of the last 7 daily returns
 * @param realizedVol30d       annualized realized volatility of the last 30 daily returns
 * @param maxDrawdown          largest fall from a running peak since the first bar, as a positive fraction
 * @param nav                  published NAV per token, exact; null when the issuer publishes none
 * @param navPremium           (last price − NAV) / NAV; negative for a discount
 * @param yieldApy             the token's yield (APY)
 * @param tbillYield           3-month T-bill yield as an APY, from its discount rate
 * @param yieldSpreadOverTbill {@code yieldApy − tbillYield}
 */
public record Features(String symbol, Instant asOf, BigDecimal lastPrice, Double logReturn1d,
                       int fastPeriod, Double smaFast, Double emaFast, int slowPeriod, Double smaSlow, Double emaSlow,
                       Double realizedVol1d, Double realizedVol7d, Double realizedVol30d, Double maxDrawdown,
                       BigDecimal nav, Double navPremium, Double yieldApy, Double tbillYield,
                       Double yieldSpreadOverTbill) {

  /** Checks the identity fields and the periods. */
  public Features {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(lastPrice, "lastPrice");
    if (fastPeriod < 1 || slowPeriod <= fastPeriod) {
      throw new IllegalArgumentException("periods must satisfy 1 <= fast < slow, were " + fastPeriod + " and " + slowPeriod);
    }
  }

  /**
   * The JSON form stored in {@code asset_features.features} and served by
   * {@code GET /api/v1/assets/{symbol}/features}: snake_case keys, every key present (null when not
   * available), decimals as strings that keep their scale, moving averages keyed by their period
   * ({@code sma20}, {@code ema20}, {@code sma50}, {@code ema50} by default).
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("symbol", symbol)
        .put("as_of", asOf.toString())
        .put("last_price", lastPrice.toString())
        .put("log_return_1d", logReturn1d)
        .put("sma" + fastPeriod, smaFast)
        .put("ema" + fastPeriod, emaFast)
        .put("sma" + slowPeriod, smaSlow)
        .put("ema" + slowPeriod, emaSlow)
        .put("realized_vol_1d", realizedVol1d)
        .put("realized_vol_7d", realizedVol7d)
        .put("realized_vol_30d", realizedVol30d)
        .put("max_drawdown", maxDrawdown)
        .put("nav", nav == null ? null : nav.toString())
        .put("nav_premium", navPremium)
        .put("yield_apy", yieldApy)
        .put("tbill_yield", tbillYield)
        .put("yield_spread_over_tbill", yieldSpreadOverTbill);
  }
}
