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
 * ({@code triggered}, or {@code completed} for a one-shot). Past the user's {@code alerts.flood-limit} firings in a
 * minute, only the in-app row is written and the firing is marked for the next {@link Digests digest}. Nothing is
 * delivered here: the {@link Delivery} workers
 * read the outbox, so a crash after the commit loses nothing and a crash before it leaves no trace.
 */
final class Triggers {

  private final Pool pool;
  private final int floodLimit;

  Triggers(Pool pool, int floodLimit) {
    this.pool = pool;
    this.floodLimit = floodLimit;
  }

  /** The deterministic id of {@code rule} firing on {@code eventId}. */
  static String triggerId(StoredRule rule, String eventId) {
    return rule.id() + ":" + eventId;
  }

  /** True when this firing was recorded now; false when it already was, or the rule stopped being evaluated. */
  Future<Boolean> record(StoredRule rule, AlertEvent event) {
    OffsetDateTime at = OffsetDateTime.ofInstant(event.triggeredAt(), ZoneOffset.UTC);
    // one user's firings are recorded one at a time (a transaction-scoped lock on the user), so the flood count is exact
    return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1::text, 8))")
        .execute(Tuple.of(rule.userId().toString()))
        .compose(locked -> conn.preparedQuery("""
                INSERT INTO alert_history (trigger_id, alert_id, user_id, asset_id, observed, triggered_at, payload)
                SELECT $1, a.alert_id, a.user_id, a.asset_id, $2, $3, $4 FROM alerts a
                WHERE a.alert_id = $5 AND a.state IN ('active', 'triggered')
                ON CONFLICT (trigger_id) DO NOTHING RETURNING trigger_id""")
            .execute(Tuple.of(event.triggerId(), clamp(event.observed()), at, event.toJson(), rule.id()))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture(false);
              }
              // flood control: past the limit, the dashboard still hears at once, the other channels get a digest
              return conn.preparedQuery("SELECT count(*) FROM alert_history WHERE user_id = $1 "
                      + "AND triggered_at > $2::timestamptz - interval '1 minute' AND trigger_id <> $3 AND NOT digested "
                      + "AND trigger_id NOT LIKE 'digest:%'")
                  .execute(Tuple.of(rule.userId(), at, event.triggerId()))
                  .compose(count -> {
                    boolean flood = count.iterator().next().getLong(0) >= floodLimit;
                    String[] channels = flood ? new String[] {"in_app"} : rule.channels().toArray(new String[0]);
                    Future<?> mark = flood && rule.channels().size() > 1
                        ? conn.preparedQuery("UPDATE alert_history SET digested = true, digest_channels = $2 "
                            + "WHERE trigger_id = $1").execute(Tuple.of(event.triggerId()).addArrayOfString(
                                rule.channels().stream().filter(c -> !"in_app".equals(c)).toArray(String[]::new)))
                        : Future.succeededFuture();
                    return mark.compose(v -> conn.preparedQuery("""
                            INSERT INTO alert_outbox (trigger_id, channel, user_id, payload)
                            SELECT $1, c, $2, $3 FROM unnest($4::text[]) AS c""")
                        .execute(Tuple.of(event.triggerId(), rule.userId(), event.toJson()).addArrayOfString(channels)));
                  })
                  .compose(v -> conn.preparedQuery("""
                          UPDATE alerts SET last_triggered_at = $2, updated_at = now(),
                            state = CASE WHEN one_shot THEN 'completed' ELSE 'triggered' END
                          WHERE alert_id = $1""").execute(Tuple.of(rule.id(), at)))
                  .map(true);
            })));
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
