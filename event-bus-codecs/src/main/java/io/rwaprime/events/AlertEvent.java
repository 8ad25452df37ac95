package io.rwaprime.events;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * A triggered alert: rule {@code ruleId} of {@code userId} fired because {@code observed} met
 * {@code condition} against {@code threshold}.
 *
 * <p>Travels on {@link Addresses#alertsForUser(String)} (alerts → fanout for that user only,
 * notifications, Kafka {@link Topics#ALERTS_TRIGGERED}). JSON Schema:
 * {@code schemas/alert-event.schema.json}.
 *
 * @param triggerId   id of this trigger, unique; the notification sinks de-duplicate on it; non-blank
 * @param ruleId      the rule that fired; non-blank
 * @param userId      the rule's owner; non-blank
 * @param symbol      instrument symbol, {@code [A-Z0-9][A-Z0-9._-]{0,31}}
 * @param condition   the rule's condition name; non-blank
 * @param threshold   the rule's threshold
 * @param observed    the value that met the condition
 * @param triggeredAt when the rule fired
 * @param message     human-readable text for the notification; non-blank
 */
public record AlertEvent(String triggerId, String ruleId, String userId, String symbol, String condition,
                         BigDecimal threshold, BigDecimal observed, Instant triggeredAt, String message) {

  private static final Set<String> FIELDS = Set.of("trigger_id", "rule_id", "user_id", "symbol", "condition",
      "threshold", "observed", "triggered_at", "message");

  /** Validates every component; see the parameter descriptions. */
  public AlertEvent {
    Checks.nonBlank(triggerId, "triggerId");
    Checks.nonBlank(ruleId, "ruleId");
    Checks.nonBlank(userId, "userId");
    Checks.symbol(symbol, "symbol");
    Checks.nonBlank(condition, "condition");
    Checks.nonNull(threshold, "threshold");
    Checks.nonNull(observed, "observed");
    Checks.nonNull(triggeredAt, "triggeredAt");
    Checks.nonBlank(message, "message");
  }

  /** The JSON form described by {@code alert-event.schema.json}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("trigger_id", triggerId)
        .put("rule_id", ruleId)
        .put("user_id", userId)
        .put("symbol", symbol)
        .put("condition", condition);
    JsonFields.putDecimal(json, "threshold", threshold);
    JsonFields.putDecimal(json, "observed", observed);
    JsonFields.putInstant(json, "triggered_at", triggeredAt);
    return json.put("message", message);
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static AlertEvent fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "AlertEvent", FIELDS);
    return new AlertEvent(in.string("trigger_id"), in.string("rule_id"), in.string("user_id"), in.string("symbol"),
        in.string("condition"), in.decimal("threshold"), in.decimal("observed"), in.instant("triggered_at"),
        in.string("message"));
  }
}
