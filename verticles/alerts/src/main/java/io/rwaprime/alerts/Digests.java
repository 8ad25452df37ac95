package io.rwaprime.alerts;

import io.rwaprime.events.AlertEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Flood control, second half: once a minute, each user's firings that went over {@code alerts.flood-limit} (in-app
 * only, marked {@code digested}) become <em>one</em> digest — a history row with the deterministic id
 * {@code digest:<user>:<minute>} and one outbox row per channel those firings asked for — in one transaction that
 * also marks them as carried, so a digest is made once even across a crash or two workers.
 */
final class Digests {

  private static final int MAX_LISTED = 10;

  private final Pool pool;
  private final Clock clock;

  Digests(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Makes the due digests; the number made. */
  Future<Integer> run() {
    return pool.query("SELECT DISTINCT user_id FROM alert_history WHERE digested AND digest_trigger IS NULL").execute()
        .compose(users -> {
          List<Future<Boolean>> all = new ArrayList<>();
          for (Row u : users) {
            all.add(digest(u.getUUID(0)));
          }
          return Future.join(all).map(v -> (int) all.stream().filter(f -> Boolean.TRUE.equals(f.result())).count());
        });
  }

  private Future<Boolean> digest(UUID user) {
    Instant now = clock.instant();
    String id = "digest:" + user + ":" + now.getEpochSecond() / 60;
    return pool.withTransaction(conn -> conn.preparedQuery("""
            SELECT h.trigger_id, s.symbol, h.digest_channels, h.payload ->> 'message' AS message
            FROM alert_history h LEFT JOIN assets s USING (asset_id)
            WHERE h.user_id = $1 AND h.digested AND h.digest_trigger IS NULL
            ORDER BY h.triggered_at FOR UPDATE OF h SKIP LOCKED""").execute(Tuple.of(user))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          List<String> ids = new ArrayList<>();
          List<String> lines = new ArrayList<>();
          Set<String> channels = new LinkedHashSet<>();
          String symbol = null;
          for (Row r : rows) {
            ids.add(r.getString("trigger_id"));
            if (lines.size() < MAX_LISTED) {
              lines.add(r.getString("message"));
            }
            symbol = symbol == null ? r.getString("symbol") : symbol;
            String[] ch = r.getArrayOfStrings("digest_channels");
            if (ch != null) {
              channels.addAll(List.of(ch));
            }
          }
          int n = ids.size();
          String message = n + " more alert" + (n == 1 ? "" : "s") + " fired in the last minute (a digest: you get at most "
              + "a few a minute on this channel): " + String.join("; ", lines) + (n > MAX_LISTED ? "; …" : "");
          AlertEvent event = new AlertEvent(id, "digest", user.toString(), symbol == null ? "DIGEST" : symbol, "digest",
              BigDecimal.valueOf(n), BigDecimal.valueOf(n), now, message);
          return conn.preparedQuery("""
                  INSERT INTO alert_history (trigger_id, user_id, observed, triggered_at, payload)
                  VALUES ($1, $2, $3, $4, $5) ON CONFLICT (trigger_id) DO NOTHING RETURNING trigger_id""")
              .execute(Tuple.of(id, user, BigDecimal.valueOf(n), java.time.OffsetDateTime.ofInstant(now,
                  java.time.ZoneOffset.UTC), event.toJson()))
              .compose(ins -> ins.size() == 0 ? Future.succeededFuture(false) : conn.preparedQuery("""
                      INSERT INTO alert_outbox (trigger_id, channel, user_id, payload)
                      SELECT $1, c, $2, $3 FROM unnest($4::text[]) AS c""")
                  .execute(Tuple.of(id, user, event.toJson()).addArrayOfString(channels.toArray(new String[0])))
                  .compose(v -> conn.preparedQuery("UPDATE alert_history SET digest_trigger = $1 "
                      + "WHERE trigger_id = ANY($2::text[])").execute(Tuple.of(id).addArrayOfString(ids.toArray(new String[0]))))
                  .map(true));
        }));
  }
}
