package io.rwaprime.common.assets;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * How the built-in market simulator moves one asset. Rates are annual and fractional (0.15 = 15 %).
 *
 * @param startPrice       price of the first simulated tick, in the asset's currency
 * @param annualVolatility diffusion of the price (GBM for commodities and equities, of the premium to NAV for
 *                         treasuries, between repricings for real estate and private credit)
 * @param dailyVolume      mean traded units per simulated day; also drives how often the asset ticks
 * @param repricingPerYear expected NAV repricing events per year (real estate and private credit only)
 * @param repricingSize    typical fractional size of one repricing jump (real estate and private credit only)
 * @param priceDecimals    decimals a price is rounded to (its tick size is 10^-priceDecimals)
 * @param stableNav        a $1 money-market token whose yield is paid as new tokens, so its price stays at
 *                         NAV (tokenized treasuries only)
 * @param tracks           optional reference the price follows (e.g. {@code XAU}, {@code SPX}): tokens tracking
 *                         the same reference move together, each with a small basis of its own (commodities and
 *                         equities only); {@code null} for an independent path
 */
public record SimulationProfile(BigDecimal startPrice, double annualVolatility, double dailyVolume,
                                double repricingPerYear, double repricingSize, int priceDecimals,
                                boolean stableNav, String tracks) {

  private static final Pattern TRACKS = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,31}");

  /** Largest price scale the storage keeps (NUMERIC(20,8)). */
  public static final int MAX_DECIMALS = 8;

  public SimulationProfile {
    if (startPrice == null || startPrice.signum() <= 0) {
      throw new IllegalArgumentException("simulation.start_price: must be > 0 (was " + (startPrice == null ? "null" : startPrice.toPlainString()) + ")");
    }
    requireRange("simulation.annual_volatility", annualVolatility, 0, 3);
    if (!(Double.isFinite(dailyVolume) && dailyVolume > 0)) {
      throw new IllegalArgumentException("simulation.daily_volume: must be > 0 (was " + dailyVolume + ")");
    }
    requireRange("simulation.repricing_per_year", repricingPerYear, 0, 365);
    if (!(Double.isFinite(repricingSize) && repricingSize >= 0 && repricingSize < 0.5)) {
      throw new IllegalArgumentException("simulation.repricing_size: must be in [0, 0.5) (was " + repricingSize + ")");
    }
    if (priceDecimals < 0 || priceDecimals > MAX_DECIMALS) {
      throw new IllegalArgumentException("simulation.price_decimals: must be in [0, " + MAX_DECIMALS + "] (was "
          + priceDecimals + ")");
    }
    if (tracks != null && !TRACKS.matcher(tracks).matches()) {
      throw new IllegalArgumentException("simulation.tracks: must match " + TRACKS.pattern() + " (was '" + tracks + "')");
    }
    if (startPrice.stripTrailingZeros().scale() > priceDecimals) {
      throw new IllegalArgumentException("simulation.start_price: has more decimals than simulation.price_decimals ("
          + startPrice.toPlainString() + " vs " + priceDecimals + ")");
    }
  }

  /**
   * The usual quote precision: NAV-priced funds and credit tokens to 4 decimals (1.0000, 113.2045); other
   * assets under 10 to 4 decimals; everything else to cents (gold, equities, property tokens).
   */
  public static int defaultPriceDecimals(AssetClass assetClass, BigDecimal startPrice) {
    if (assetClass == AssetClass.TOKENIZED_TREASURY || assetClass == AssetClass.PRIVATE_CREDIT) {
      return 4;
    }
    return startPrice.compareTo(BigDecimal.TEN) < 0 ? 4 : 2;
  }

  private static void requireRange(String field, double v, double min, double max) {
    if (!(Double.isFinite(v) && v >= min && v <= max)) {
      throw new IllegalArgumentException(field + ": must be in [" + min + ", " + max + "] (was " + v + ")");
    }
  }
}
