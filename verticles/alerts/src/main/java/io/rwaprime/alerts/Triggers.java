package io.rwaprime.alerts;

import io.rwaprime.events.AlertEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Records a firing: in one transaction the history row (its {@code trigger_id} = rule + triggering event is unique,
 * so evaluating the same event again records nothing), one outbox row per channel, and the rule's new state
 * ({@code triggered}, or {@code completed} for a one-shot). Nothing is delivered here: the {@link Delivery} workers
 * read the outbox, so a crash after the commit loses nothing and a crash before it leaves no trace.
 */
final class Triggers {

  private final Pool pool;

  Triggers(Pool pool) {
    this.pool = pool;
  }

  /** The deterministic id of {@code rule} firing on {@code eventId}. */
  static String triggerId(StoredRule rule, String eventId) {
    return rule.id() + ":" + eventId;
  }

  /** True when this firing was recorded now; false when it already was, or the rule stopped being evaluated. */
  Future<Boolean> record(StoredRule rule, AlertEvent event) {
    OffsetDateTime at = OffsetDateTime.ofInstant(event.triggeredAt(), ZoneOffset.UTC);
    return pool.withTransaction(conn -> conn.preparedQuery("""
                INSERT INTO alert_history (trigger_id, alert_id, user_id, asset_id, observed, triggered_at, payload)
                SELECT $1, a.alert_id, a.user_id, a.asset_id, $2, $3, $4 FROM alerts a
                WHERE a.alert_id = $5 AND a.state IN ('active', 'triggered')
                ON CONFLICT (trigger_id) DO NOTHING RETURNING trigger_id""")
            .execute(Tuple.of(event.triggerId(), clamp(event.observed()), at, event.toJson(), rule.id()))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture(false);
              }
              return conn.preparedQuery("""
                      INSERT INTO alert_outbox (trigger_id, channel, user_id, payload)
                      SELECT $1, c, $2, $3 FROM unnest($4::text[]) AS c""")
                  .execute(Tuple.of(event.triggerId(), rule.userId(), event.toJson(),
                      rule.channels().toArray(new String[0])))
                  .compose(v -> conn.preparedQuery("""
                          UPDATE alerts SET last_triggered_at = $2, updated_at = now(),
                            state = CASE WHEN one_shot THEN 'completed' ELSE 'triggered' END
                          WHERE alert_id = $1""").execute(Tuple.of(rule.id(), at)))
                  .map(true);
            }));
  }

  /** {@code observed} as the history column holds it (numeric(38,18)). */
  private static BigDecimal clamp(BigDecimal v) {
    return v.scale() > 18 ? v.setScale(18, java.math.RoundingMode.HALF_EVEN) : v;
  }

  /** A firing's event: what the user reads. */
  static AlertEvent event(StoredRule rule, String eventId, BigDecimal observed, Instant at) {
    return new AlertEvent(triggerId(rule, eventId), rule.id().toString(), rule.userId().toString(), rule.symbol(),
        rule.condition(), rule.threshold(), observed, at, Messages.of(rule, observed));
  }
}
