package io.rwaprime.alerts.index;

/**
 * Names of the metrics rules watch. The set is open: {@link RuleBook} keys by any non-empty string, these are the
 * ones the mesh publishes.
 */
public final class Metrics {

  /** Last cleansed price. */
  public static final String PRICE = "PRICE";
  /**
   * Change of the price over the last hour as a fraction ({@code 0.05} = +5 %), derived with {@link WindowChange}.
   */
  public static final String PCT_CHANGE_1H = "PCT_CHANGE_1H";
  /** Change of the price over the last 24 hours as a fraction, derived with {@link WindowChange}. */
  public static final String PCT_CHANGE_24H = "PCT_CHANGE_24H";
  /** The risk role's composite score. */
  public static final String RISK_SCORE = "RISK_SCORE";
  /** Premium (positive) or discount of the price to the published NAV, as a fraction. */
  public static final String NAV_PREMIUM = "NAV_PREMIUM";

  private Metrics() {}
}
