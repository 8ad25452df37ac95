package io.rwaprime.api.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a report shows, read from the stores on the event loop and handed whole to the renderer on a worker
 * thread: immutable values only, so that rendering touches neither the pool nor the cache.
 */
public final class ReportData {

  private ReportData() {}

  /** The registry entry of an asset. Nullable fields are unknown in the registry. */
  public record Asset(String symbol, String name, String assetClass, String issuer, String chain, String contract,
                      String currency, BigDecimal nav, BigDecimal yieldApy) {}

  /** One point of a price history: a bar's open time and its close. */
  public record Point(Instant time, double value) {}

  /** The latest price with where it came from ("last trade", "last bar close"). */
  public record Price(BigDecimal value, Instant time, String source) {}

  /** One factor behind a risk score and its contribution in score points. */
  public record Driver(String factor, String category, double contribution) {}

  /** The latest stored risk score (1–100, higher is riskier); sub-scores may be null. */
  public record Risk(int composite, Integer market, Integer credit, Integer regulatory, Integer technical,
                     List<Driver> drivers, String modelVersion, Instant calculatedAt) {
    public Risk {
      drivers = List.copyOf(drivers);
    }
  }

  /** The latest forecast of one horizon; band bounds may be null. */
  public record Forecast(int horizonDays, BigDecimal predicted, BigDecimal lower80, BigDecimal upper80,
                         BigDecimal lower95, BigDecimal upper95, String modelVersion, Instant generatedAt) {
    /** When the forecast is for. */
    public Instant target() {
      return generatedAt.plusSeconds(horizonDays * 86_400L);
    }
  }

  /** Everything of the asset report. {@code interval} names the bars of {@code history} ("1d", "1h"). */
  public record AssetReport(Asset asset, Optional<Price> latest, String interval, List<Point> history,
                            Optional<Risk> risk, List<Forecast> forecasts, Instant generatedAt) {
    public AssetReport {
      history = List.copyOf(history);
      forecasts = List.copyOf(forecasts);
    }
  }

  /**
   * One holding valued like {@code GET /api/v1/portfolio}: {@code price} is the latest trade, else the NAV
   * ({@code priceSource} says which), null when neither is known.
   */
  public record Holding(String symbol, String name, String assetClass, BigDecimal quantity, BigDecimal avgPrice,
                        BigDecimal price, String priceSource, Integer riskScore, Instant riskAt) {

    public BigDecimal value() {
      return price == null ? null : price.multiply(quantity);
    }

    public BigDecimal cost() {
      return avgPrice == null ? null : avgPrice.multiply(quantity);
    }
  }

  /** Everything of the portfolio report: the caller's holdings only. */
  public record PortfolioReport(List<Holding> holdings, Instant generatedAt) {
    public PortfolioReport {
      holdings = List.copyOf(holdings);
    }
  }
}
