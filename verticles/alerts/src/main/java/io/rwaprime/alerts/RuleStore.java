package io.rwaprime.alerts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the rules to evaluate: every active or triggered, unexpired rule of an active asset. */
final class RuleStore {

  private static final String EVALUATED = " FROM alerts a JOIN assets s USING (asset_id) "
      + "WHERE a.state IN ('active', 'triggered') AND (a.expires_at IS NULL OR a.expires_at > now())";

  private final Pool pool;

  RuleStore(Pool pool) {
    this.pool = pool;
  }

  Future<List<StoredRule>> all() {
    return pool.query("SELECT " + StoredRule.COLUMNS + EVALUATED).execute().map(rows -> {
      List<StoredRule> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(StoredRule.of(r));
      }
      return out;
    });
  }

  /** The rule if it is to be evaluated now; empty when it was deleted, paused, completed or expired. */
  Future<Optional<StoredRule>> evaluated(UUID id) {
    return pool.preparedQuery("SELECT " + StoredRule.COLUMNS + EVALUATED + " AND a.alert_id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(StoredRule.of(rows.iterator().next())));
  }

  /** A close at a time. */
  record Close(java.time.Instant time, double value) {}

  /** The 1-minute closes of {@code symbol} since {@code from}, oldest first (stamped at the end of their minute). */
  Future<List<Close>> closes(String symbol, java.time.Instant from) {
    return pool.preparedQuery("SELECT open_time, close FROM bars_1m WHERE symbol = $1 AND open_time >= $2 "
            + "ORDER BY open_time")
        .execute(Tuple.of(symbol, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC)))
        .map(rows -> {
          List<Close> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Close(r.getOffsetDateTime("open_time").toInstant().plusSeconds(60),
                r.getBigDecimal("close").doubleValue()));
          }
          return out;
        });
  }

  /** Rules whose cooldown is over go back from triggered to active; rules past expiry become expired. */
  Future<Integer> sweep() {
    return pool.query("""
            WITH cooled AS (UPDATE alerts SET state = 'active', updated_at = now()
                            WHERE state = 'triggered' AND last_triggered_at + cooldown_seconds * interval '1 second' <= now()
                            RETURNING 1),
                 expired AS (UPDATE alerts SET state = 'expired', updated_at = now()
                             WHERE state IN ('active', 'triggered', 'paused') AND expires_at <= now() RETURNING 1)
            SELECT (SELECT count(*) FROM cooled) + (SELECT count(*) FROM expired)""")
        .execute().map(rows -> rows.iterator().next().getInteger(0));
  }
}
