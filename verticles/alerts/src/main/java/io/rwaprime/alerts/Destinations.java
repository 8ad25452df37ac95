package io.rwaprime.alerts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The users' registered outside destinations, as delivery uses them: the enabled ones, success, pruning. */
final class Destinations {

  /** Consecutive permanent refusals after which a webhook is disabled (one stray 4xx must not remove it). */
  static final int WEBHOOK_STRIKES = 5;

  /** One enabled destination. */
  record Destination(UUID id, String kind, JsonObject destination) {}

  private final Pool pool;

  Destinations(Pool pool) {
    this.pool = pool;
  }

  Future<List<Destination>> enabled(UUID user, Set<String> kinds) {
    return pool.preparedQuery("SELECT destination_id, kind, destination FROM notification_destinations "
            + "WHERE user_id = $1 AND kind = ANY($2::text[]) AND disabled_at IS NULL ORDER BY created_at")
        .execute(Tuple.of(user).addArrayOfString(kinds.toArray(new String[0])))
        .map(rows -> {
          List<Destination> out = new ArrayList<>();
          for (Row r : rows) {
            Object d = r.getValue("destination");
            out.add(new Destination(r.getUUID("destination_id"), r.getString("kind"),
                d instanceof String s ? new JsonObject(s) : (JsonObject) d));
          }
          return out;
        });
  }

  Future<Void> succeeded(UUID id) {
    return pool.preparedQuery("UPDATE notification_destinations SET last_success_at = now(), failures = 0 "
            + "WHERE destination_id = $1").execute(Tuple.of(id)).mapEmpty();
  }

  /**
   * A permanent refusal: push registrations and Telegram chats are disabled at once (pruned); a webhook after
   * {@link #WEBHOOK_STRIKES} in a row, or at once when it answered 410 Gone.
   */
  Future<Void> refused(Destination d, String reason) {
    boolean now = !"webhook".equals(d.kind()) || reason.contains("410");
    return pool.preparedQuery("""
            UPDATE notification_destinations SET failures = failures + 1,
              disabled_at = CASE WHEN $2 OR failures + 1 >= $3 THEN now() ELSE disabled_at END,
              disabled_reason = CASE WHEN $2 OR failures + 1 >= $3 THEN $4 ELSE disabled_reason END
            WHERE destination_id = $1""")
        .execute(Tuple.of(d.id(), now, WEBHOOK_STRIKES, reason)).mapEmpty();
  }
}
