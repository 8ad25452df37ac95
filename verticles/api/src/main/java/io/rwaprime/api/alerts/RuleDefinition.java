package io.rwaprime.api.alerts;

import io.rwaprime.common.http.ServiceException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a user may ask for in an alert rule, checked field by field with a specific message for each mistake.
 * The conditions the alerts role evaluates today:
 * <ul>
 *   <li>{@code price_above}, {@code price_below}, {@code price_crosses} — the last price against {@code threshold}
 *   (in the asset's currency); {@code hysteresis} (same unit, default 0) is how far the price must come back before
 *   the rule can fire again;</li>
 *   <li>{@code change_pct_above}, {@code change_pct_below} — the % change over {@code window} (ISO-8601, 1 minute to
 *   30 days) against {@code threshold} in percent ({@code 5} = +5 %, {@code -5} = −5 %);</li>
 *   <li>{@code risk_above}, {@code risk_below} — the composite risk score (1–100);</li>
 *   <li>{@code nav_premium_above}, {@code nav_premium_below} — the premium (+) or discount (−) of the price over
 *   the NAV, in percent; {@code yield_above}, {@code yield_below} — the APY in percent; {@code volatility_above} —
 *   the realized 7-day volatility, annualized, in percent (all from the features after each closed bar);</li>
 *   <li>{@code volume_spike} — the volume of the last {@code window} (up to 23 h) against its usual share of the
 *   previous 24 h, as a ratio ({@code 3} = three times the usual);</li>
 *   <li>{@code risk_fast_move} — the risk score moved at least {@code threshold} points within the risk role's
 *   fast-move window;</li>
 *   <li>{@code forecast_7d_move_above|below}, {@code forecast_30d_move_above|below} — a new forecast's predicted move
 *   over 7 or 30 days from the last price, in percent; {@code price_outside_forecast} — the price left the 95 % band
 *   of the latest 7-day forecast by more than {@code threshold} percent (0: at all);</li>
 *   <li>{@code whale_transfer_above}, {@code mint_above}, {@code burn_above} — one on-chain transfer (as the onchain
 *   role reports whale transfers: at least its whale threshold), mint or burn of at least {@code threshold} token
 *   units; each qualifying event fires once (it may still be provisional: its block not yet final).</li>
 * </ul>
 *
 * @param condition    one of {@link #CONDITIONS}
 * @param threshold    the value compared with
 * @param hysteresis   re-arm distance, ≥ 0
 * @param window       the look-back of change conditions, else null
 * @param channels     delivery channels, {@code in_app} always among them
 * @param cooldownSeconds minimum seconds between two firings
 * @param oneShot      completed after its first firing
 * @param expiresAt    when it stops being evaluated, or null
 */
record RuleDefinition(String condition, BigDecimal threshold, BigDecimal hysteresis, Duration window,
                      Set<String> channels, int cooldownSeconds, boolean oneShot, Instant expiresAt) {

  /** Condition → whether it needs a window. */
  static final Map<String, Boolean> CONDITIONS = Map.ofEntries(
      Map.entry("price_above", false), Map.entry("price_below", false), Map.entry("price_crosses", false),
      Map.entry("change_pct_above", true), Map.entry("change_pct_below", true),
      Map.entry("risk_above", false), Map.entry("risk_below", false),
      Map.entry("nav_premium_above", false), Map.entry("nav_premium_below", false),
      Map.entry("yield_above", false), Map.entry("yield_below", false),
      Map.entry("volatility_above", false), Map.entry("volume_spike", true), Map.entry("risk_fast_move", false),
      Map.entry("forecast_7d_move_above", false), Map.entry("forecast_7d_move_below", false),
      Map.entry("forecast_30d_move_above", false), Map.entry("forecast_30d_move_below", false),
      Map.entry("price_outside_forecast", false),
      Map.entry("whale_transfer_above", false), Map.entry("mint_above", false), Map.entry("burn_above", false));
  /** Channels a rule may name; {@code in_app} (the dashboard) is always added. */
  static final List<String> CHANNELS = List.of("in_app", "email", "telegram", "push", "webhook");
  static final Set<String> FIELDS = Set.of("symbol", "condition", "threshold", "hysteresis", "window", "channels",
      "cooldown_seconds", "one_shot", "expires_at");
  private static final Duration MIN_WINDOW = Duration.ofMinutes(1);
  private static final Duration MAX_WINDOW = Duration.ofDays(30);
  private static final BigDecimal MAX_ABS = new BigDecimal("1e15");

  /** Reads a whole definition (a create, or a stored rule with a patch applied). */
  static RuleDefinition parse(JsonObject body, Instant now) {
    String condition = text(body, "condition");
    Boolean needsWindow = CONDITIONS.get(condition);
    if (needsWindow == null) {
      throw invalid("condition", "unknown condition '" + condition + "'; one of " + String.join(", ",
          CONDITIONS.keySet().stream().sorted().toList()));
    }
    BigDecimal threshold = decimal(body, "threshold", true);
    if (condition.startsWith("risk_") && (threshold.compareTo(BigDecimal.ONE) < 0
        || threshold.compareTo(BigDecimal.valueOf(100)) > 0)) {
      throw invalid("threshold", "a risk threshold is a score from 1 to 100");
    }
    if ((condition.startsWith("yield_") || condition.startsWith("nav_premium_"))
        && threshold.abs().compareTo(BigDecimal.valueOf(1000)) > 0) {
      throw invalid("threshold", "a percentage from -1000 to 1000");
    }
    if (condition.equals("volatility_above") && threshold.signum() <= 0) {
      throw invalid("threshold", "a volatility threshold is a positive percentage (annualized)");
    }
    if (condition.equals("volume_spike") && threshold.compareTo(BigDecimal.ONE) <= 0) {
      throw invalid("threshold", "a volume spike threshold is a ratio above 1 (3 = three times the usual volume)");
    }
    if (condition.equals("risk_fast_move") && (threshold.compareTo(BigDecimal.ONE) < 0
        || threshold.compareTo(BigDecimal.valueOf(100)) > 0)) {
      throw invalid("threshold", "a risk move is from 1 to 100 points");
    }
    if ((condition.equals("whale_transfer_above") || condition.equals("mint_above") || condition.equals("burn_above"))
        && threshold.signum() <= 0) {
      throw invalid("threshold", "an amount of tokens, positive");
    }
    if (condition.equals("price_outside_forecast") && threshold.signum() < 0) {
      throw invalid("threshold", "how far outside the band, in percent: 0 or more");
    }
    if (condition.startsWith("price_") && !condition.equals("price_outside_forecast") && threshold.signum() <= 0) {
      throw invalid("threshold", "a price threshold must be positive");
    }
    BigDecimal hysteresis = body.getValue("hysteresis") == null ? BigDecimal.ZERO : decimal(body, "hysteresis", false);
    if (hysteresis.signum() < 0) {
      throw invalid("hysteresis", "must be zero or positive");
    }
    Duration window = null;
    if (needsWindow) {
      String w = body.getValue("window") instanceof String s ? s : null;
      if (w == null) {
        throw invalid("window", condition + " needs a window, e.g. \"PT1H\" (ISO-8601)");
      }
      try {
        window = Duration.parse(w);
      } catch (DateTimeParseException e) {
        throw invalid("window", "'" + w + "' is not an ISO-8601 duration such as \"PT1H\"");
      }
      if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
        throw invalid("window", "must be from PT1M to P30D");
      }
      if (condition.equals("volume_spike") && window.compareTo(Duration.ofHours(23)) > 0) {
        throw invalid("window", "a volume spike window is at most PT23H (it is compared with the day before)");
      }
    } else if (body.getValue("window") != null) {
      throw invalid("window", condition + " takes no window");
    }
    Set<String> channels = new LinkedHashSet<>();
    channels.add("in_app");
    Object ch = body.getValue("channels");
    if (ch != null) {
      if (!(ch instanceof JsonArray arr)) {
        throw invalid("channels", "must be an array such as [\"in_app\", \"email\"]");
      }
      for (Object c : arr) {
        if (!(c instanceof String s) || !CHANNELS.contains(s)) {
          throw invalid("channels", "unknown channel " + c + "; one of " + String.join(", ", CHANNELS));
        }
        channels.add(s);
      }
    }
    int cooldown = 900;
    if (body.getValue("cooldown_seconds") != null) {
      if (!(body.getValue("cooldown_seconds") instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
          || n.longValue() < 0 || n.longValue() > 2_592_000) {
        throw invalid("cooldown_seconds", "must be a whole number of seconds from 0 to 2592000 (30 days)");
      }
      cooldown = n.intValue();
    }
    boolean oneShot = false;
    if (body.getValue("one_shot") != null) {
      if (!(body.getValue("one_shot") instanceof Boolean b)) {
        throw invalid("one_shot", "must be true or false");
      }
      oneShot = b;
    }
    Instant expires = null;
    if (body.getValue("expires_at") != null) {
      try {
        expires = Instant.parse(String.valueOf(body.getValue("expires_at")));
      } catch (DateTimeParseException e) {
        throw invalid("expires_at", "must be an ISO-8601 instant such as \"2027-01-01T00:00:00Z\"");
      }
      if (!expires.isAfter(now)) {
        throw invalid("expires_at", "must be in the future");
      }
    }
    return new RuleDefinition(condition, threshold, hysteresis, window, channels, cooldown, oneShot, expires);
  }

  /** The {@code condition_value} column. */
  JsonObject conditionValue() {
    JsonObject v = new JsonObject().put("threshold", threshold.toPlainString())
        .put("hysteresis", hysteresis.toPlainString());
    if (window != null) {
      v.put("window", window.toString());
    }
    return v;
  }

  private static String text(JsonObject body, String name) {
    if (!(body.getValue(name) instanceof String s) || s.isBlank()) {
      throw invalid(name, "'" + name + "' is required (a string)");
    }
    return s;
  }

  private static BigDecimal decimal(JsonObject body, String name, boolean required) {
    Object v = body.getValue(name);
    if (v == null && required) {
      throw invalid(name, "'" + name + "' is required (a number or a decimal string)");
    }
    BigDecimal d;
    try {
      d = v instanceof String s ? new BigDecimal(s.trim()) : v instanceof Number n ? new BigDecimal(n.toString()) : null;
    } catch (NumberFormatException e) {
      d = null;
    }
    if (d == null || d.abs().compareTo(MAX_ABS) >= 0 || d.scale() > 18) {
      throw invalid(name, "'" + name + "' must be a number (or a decimal string such as \"4200.5\") below 1e15 with "
          + "at most 18 decimals, was " + v);
    }
    return d;
  }

  private static ServiceException invalid(String field, String detail) {
    return ServiceException.badRequest("invalid-rule", field + ": " + detail);
  }
}
