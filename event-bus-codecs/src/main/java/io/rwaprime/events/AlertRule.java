package io.rwaprime.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A user's alert rule: when {@code condition} over {@code symbol} crosses {@code threshold}
 * (optionally over a {@code window}), notify the user on {@code channels}.
 *
 * <p>Travels on {@link Addresses#ALERT_RULES} (api → alerts: a rule was created, changed or
 * deactivated). JSON Schema: {@code schemas/alert-rule.schema.json}.
 *
 * @param ruleId    rule id; non-blank
 * @param userId    owner; non-blank
 * @param symbol    instrument symbol, {@code [A-Z0-9][A-Z0-9._-]{0,31}}
 * @param condition condition name understood by the alerts verticle, e.g. {@code price_above},
 *                  {@code change_pct_below}, {@code risk_above}; non-blank
 * @param threshold the value the condition compares with (may be negative for changes)
 * @param window    look-back for conditions over a period (changes), or null; positive when present
 * @param channels  extra delivery channels besides the live dashboard, e.g. {@code push},
 *                  {@code email}, {@code telegram}, {@code webhook}; non-blank names, may be empty
 * @param oneShot   deactivate after the first trigger
 * @param cooldown  minimum time between two triggers; zero or positive
 * @param active    whether the rule is evaluated
 */
public record AlertRule(String ruleId, String userId, String symbol, String condition, BigDecimal threshold,
                        Duration window, Set<String> channels, boolean oneShot, Duration cooldown, boolean active) {

  private static final Set<String> FIELDS = Set.of("rule_id", "user_id", "symbol", "condition", "threshold", "window",
      "channels", "one_shot", "cooldown", "active");

  /** Validates every component and copies {@code channels}; see the parameter descriptions. */
  public AlertRule {
    Checks.nonBlank(ruleId, "ruleId");
    Checks.nonBlank(userId, "userId");
    Checks.symbol(symbol, "symbol");
    Checks.nonBlank(condition, "condition");
    Checks.nonNull(threshold, "threshold");
    Checks.positiveOrNull(window, "window");
    channels = Checks.set(channels, "channels");
    for (String c : channels) {
      Checks.nonBlank(c, "channels element");
    }
    Checks.nonNegative(cooldown, "cooldown");
  }

  /** The JSON form described by {@code alert-rule.schema.json}; channels are listed sorted. */
  public JsonObject toJson() {
    List<String> sorted = new ArrayList<>(channels);
    sorted.sort(null);
    JsonObject json = new JsonObject()
        .put("rule_id", ruleId)
        .put("user_id", userId)
        .put("symbol", symbol)
        .put("condition", condition);
    JsonFields.putDecimal(json, "threshold", threshold);
    JsonFields.putDuration(json, "window", window);
    json.put("channels", new JsonArray(sorted)).put("one_shot", oneShot);
    JsonFields.putDuration(json, "cooldown", cooldown);
    return json.put("active", active);
  }

  /**
   * Reads the JSON form; an absent {@code window} reads as null.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static AlertRule fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "AlertRule", FIELDS);
    return new AlertRule(in.string("rule_id"), in.string("user_id"), in.string("symbol"), in.string("condition"),
        in.decimal("threshold"), in.optDuration("window"), in.stringSet("channels"), in.bool("one_shot"),
        in.duration("cooldown"), in.bool("active"));
  }
}
