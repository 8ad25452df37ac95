package io.rwaprime.risk;

import io.rwaprime.events.RiskDriver;
import io.rwaprime.risk.analytics.Drawdown;
import io.rwaprime.risk.analytics.MarketRiskReport;
import io.rwaprime.risk.analytics.TailRisk;
import io.rwaprime.risk.score.CreditRating;
import io.rwaprime.risk.score.Driver;
import io.rwaprime.risk.score.Qualitative;
import io.rwaprime.risk.score.RiskScore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.IntFunction;

/**
 * The JSON forms of the risk role's results, shared by the stored rows, the bus and the CLI.
 *
 * <p>Market-risk keys: {@code volatility}, {@code sharpe}, {@code sortino}, {@code max_drawdown},
 * {@code max_drawdown_periods}, then {@code var_historical}, {@code var_parametric}, {@code var_cornish_fisher},
 * {@code var_monte_carlo} and the matching {@code cvar_*}, each {@code {"<confidence %>": {"<horizon>": value}}}
 * (e.g. {@code "var_historical": {"95": {"1": 0.0123}}}); a figure that cannot be computed is {@code null} and
 * its reason is under {@code unavailable}. VaR and CVaR are positive loss fractions.
 */
public final class RiskJson {

  private static final String[] METHODS = {"historical", "parametric", "cornish_fisher", "monte_carlo"};

  private RiskJson() {}

  /** "95" for 0.95, "97.5" for 0.975. */
  public static String confidenceKey(double confidence) {
    return BigDecimal.valueOf(confidence).movePointRight(2).stripTrailingZeros().toPlainString();
  }

  /**
   * The market-risk report.
   *
   * @param horizonKey turns a horizon in periods into its key (e.g. 24 hourly periods → "1" day)
   */
  public static JsonObject report(MarketRiskReport r, double[] confidences, int[] horizons, IntFunction<String> horizonKey) {
    JsonObject out = new JsonObject()
        .put("volatility", value(r.annualVolatility()))
        .put("sharpe", value(r.sharpe()))
        .put("sortino", value(r.sortino()));
    Drawdown dd = r.drawdown();
    out.put("max_drawdown", dd == null ? null : dd.maxDrawdown())
        .put("max_drawdown_periods", dd == null ? null : dd.peakToTroughPeriods());
    for (String measure : new String[] {"var", "cvar"}) {
      for (String method : METHODS) {
        JsonObject byConfidence = new JsonObject();
        for (double c : confidences) {
          JsonObject byHorizon = new JsonObject();
          for (int h : horizons) {
            byHorizon.put(horizonKey.apply(h), find(r.tail(), method, c, h, measure.equals("var")));
          }
          byConfidence.put(confidenceKey(c), byHorizon);
        }
        out.put(measure + "_" + method, byConfidence);
      }
    }
    return out.put("unavailable", new JsonObject(new java.util.LinkedHashMap<>(r.unavailable())));
  }

  private static Double find(List<TailRisk> tail, String method, double c, int h, boolean var) {
    for (TailRisk t : tail) {
      if (t.confidence() == c && t.horizonPeriods() == h && method.equals(methodKey(t.method()))) {
        return var ? t.var() : t.cvar();
      }
    }
    return null;
  }

  private static String methodKey(TailRisk.Method m) {
    return switch (m) {
      case HISTORICAL -> "historical";
      case PARAMETRIC_NORMAL -> "parametric";
      case CORNISH_FISHER -> "cornish_fisher";
      case MONTE_CARLO_NORMAL, MONTE_CARLO_BOOTSTRAP -> "monte_carlo";
    };
  }

  private static Double value(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }

  /** Every driver, largest contribution first, with raw values as written (e.g. "AA+", "missing"). */
  public static JsonArray drivers(RiskScore score) {
    JsonArray out = new JsonArray();
    for (Driver d : score.drivers()) {
      out.add(new JsonObject()
          .put("factor", d.factor().name().toLowerCase(Locale.ROOT))
          .put("category", d.category().name().toLowerCase(Locale.ROOT))
          .put("raw_value", d.rawValue())
          .put("normalized", d.normalized())
          .put("weight", d.weight())
          .put("contribution", d.contribution())
          .put("imputed", d.imputed()));
    }
    return out;
  }

  /**
   * The bus form of an assessment. Sub-scores are rounded half up. Each driver's {@code weight} and
   * {@code contribution} are within its category (the factor weight, and 99 × weight × normalized points of the
   * sub-score); its {@code raw_value} is the number for numeric factors, the notch (AAA 0 … D 21) for ratings,
   * the position in the factor's table (0 = safest) for the other table factors, and −1 for an imputed input.
   */
  public static io.rwaprime.events.RiskScore event(Assessment a, io.rwaprime.risk.score.RiskWeights weights) {
    RiskScore s = a.score();
    List<RiskDriver> drivers = new ArrayList<>();
    for (Driver d : s.drivers()) {
      double w = weights.factor(d.factor());
      drivers.add(new RiskDriver(d.category().name().toLowerCase(Locale.ROOT), d.factor().name().toLowerCase(Locale.ROOT),
          busRawValue(d), d.normalized(), w, 99 * w * d.normalized()));
    }
    return new io.rwaprime.events.RiskScore(a.symbol(), a.calculatedAt(), s.compositeRounded(), round(s.market()),
        round(s.credit()), round(s.regulatory()), round(s.technical()), drivers);
  }

  /** A 1..100 sub-score rounded half up. */
  public static int round(double score) {
    return (int) Math.max(1, Math.min(100, Math.round(score)));
  }

  static double busRawValue(Driver d) {
    if (d.imputed()) {
      return -1;
    }
    try {
      return Double.parseDouble(d.rawValue());
    } catch (NumberFormatException notANumber) {
      return switch (d.factor()) {
        case ISSUER_RATING, UNDERLYING_QUALITY -> CreditRating.parse(d.rawValue()).ordinal();
        case JURISDICTION -> Qualitative.Jurisdiction.valueOf(d.rawValue()).ordinal();
        case LEGAL_STRUCTURE -> Qualitative.LegalStructure.valueOf(d.rawValue()).ordinal();
        case KYC -> Qualitative.Kyc.valueOf(d.rawValue()).ordinal();
        case ORACLE_DEPENDENCE -> Qualitative.OracleDependence.valueOf(d.rawValue()).ordinal();
        case UPGRADEABILITY -> Qualitative.AdminControl.valueOf(d.rawValue()).ordinal();
        case CHAIN_BRIDGE_EXPOSURE -> Qualitative.ChainExposure.valueOf(d.rawValue()).ordinal();
        default -> throw new IllegalStateException("numeric factor " + d.factor() + " has raw value " + d.rawValue());
      };
    }
  }
}
