package io.rwaprime.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One alert rule as the alerts role evaluates it (a row of {@code alerts} joined with its asset's symbol).
 *
 * @param id          the rule id
 * @param userId      its owner
 * @param symbol      the asset
 * @param condition   e.g. {@code price_above}; see the api role's rule definitions
 * @param threshold   the value compared with (percent for change conditions)
 * @param hysteresis  re-arm distance
 * @param window      look-back of change conditions, else null
 * @param channels    delivery channels, {@code in_app} first
 * @param cooldown    minimum time between two firings
 * @param oneShot     completed after its first firing
 * @param lastFiredAt the last firing, or null
 * @param expiresAt   end of evaluation, or null
 */
record StoredRule(UUID id, UUID userId, String symbol, String condition, BigDecimal threshold, BigDecimal hysteresis,
                  Duration window, List<String> channels, Duration cooldown, boolean oneShot, Instant lastFiredAt,
                  Instant expiresAt) {

  static final String COLUMNS = """
      a.alert_id, a.user_id, s.symbol, a.condition_type, a.condition_value, a.channels, a.cooldown_seconds, a.one_shot,
      a.last_triggered_at, a.expires_at""";

  static StoredRule of(Row r) {
    JsonObject cv = json(r.getValue("condition_value"), JsonObject.class);
    JsonArray ch = json(r.getValue("channels"), JsonArray.class);
    List<String> channels = new ArrayList<>();
    ch.forEach(c -> channels.add((String) c));
    if (!channels.contains("in_app")) {
      channels.add(0, "in_app");
    }
    OffsetDateTime last = r.getOffsetDateTime("last_triggered_at");
    OffsetDateTime expires = r.getOffsetDateTime("expires_at");
    return new StoredRule(r.getUUID("alert_id"), r.getUUID("user_id"), r.getString("symbol"),
        r.getString("condition_type"), new BigDecimal(cv.getString("threshold")),
        new BigDecimal(cv.getString("hysteresis", "0")),
        cv.getString("window") == null ? null : Duration.parse(cv.getString("window")), List.copyOf(channels),
        Duration.ofSeconds(r.getInteger("cooldown_seconds")), r.getBoolean("one_shot"),
        last == null ? null : last.toInstant(), expires == null ? null : expires.toInstant());
  }

  /** Whether the cooldown since the last firing has passed at {@code now}. */
  boolean coolAt(Instant now) {
    return lastFiredAt == null || !now.isBefore(lastFiredAt.plus(cooldown));
  }

  boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  StoredRule firedAt(Instant t) {
    return new StoredRule(id, userId, symbol, condition, threshold, hysteresis, window, channels, cooldown, oneShot, t,
        expiresAt);
  }

  private static <T> T json(Object v, Class<T> type) {
    Object o = v instanceof String s ? io.vertx.core.json.Json.decodeValue(s) : v;
    return type.cast(o);
  }
}
