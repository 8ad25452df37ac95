package io.rwaprime.api.alerts;

import io.rwaprime.alerts.channels.OutsideChannels;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.api.Bodies;
import io.rwaprime.api.auth.Guards;
import io.rwaprime.api.auth.Principal;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Where the caller's alerts go outside the dashboard (scope {@code alerts}):
 * <ul>
 *   <li>{@code GET /api/v1/notification-destinations}: the registered destinations (masked: no secret, no whole
 *   token), which channels this server offers, and the Web Push VAPID key browsers subscribe with;</li>
 *   <li>{@code POST /api/v1/notification-destinations} {@code {kind, destination, label}}: register a Telegram chat
 *   ({@code {chat_id}}), a webhook ({@code {url, secret?}} — the URL must be https and resolve to public addresses
 *   only; a secret is made when not given and returned once), an FCM or APNs device token ({@code {token}}) or a
 *   browser's Web Push subscription ({@code {endpoint, keys: {p256dh, auth}}}). The same thing registered again
 *   updates it and enables it again;</li>
 *   <li>{@code DELETE /api/v1/notification-destinations/{id}}.</li>
 * </ul>
 * Destinations a provider refuses for good are disabled by the alerts role with the reason, shown here.
 */
public final class DestinationRoutes {

  private static final String SCOPE = "alerts";
  private static final int MAX_PER_USER = 50;

  private final Pool pool;
  private final OutsideChannels outside;
  private final boolean mailEnabled;

  public DestinationRoutes(Pool pool, OutsideChannels outside, boolean mailEnabled) {
    this.pool = pool;
    this.outside = outside;
    this.mailEnabled = mailEnabled;
  }

  public void mount(Router router) {
    router.get("/api/v1/notification-destinations").handler(Guards.scope(SCOPE)).handler(this::list);
    router.post("/api/v1/notification-destinations").handler(Guards.scope(SCOPE)).handler(this::add);
    router.delete("/api/v1/notification-destinations/:id").handler(Guards.scope(SCOPE)).handler(this::remove);
  }

  private void list(RoutingContext ctx) {
    pool.preparedQuery("SELECT destination_id, kind, destination, label, created_at, last_success_at, failures, "
            + "disabled_at, disabled_reason FROM notification_destinations WHERE user_id = $1 ORDER BY created_at")
        .execute(Tuple.of(user(ctx)))
        .onSuccess(rows -> {
          JsonArray data = new JsonArray();
          rows.forEach(r -> data.add(json(r)));
          JsonObject channels = new JsonObject().put("in_app", true).put("email", mailEnabled);
          for (String c : OutsideChannels.KINDS_OF_CHANNEL.keySet()) {
            channels.put(c, outside.channelAvailable(c));
          }
          respond(ctx, 200, new JsonObject().put("data", data).put("channels", channels)
              .put("vapid_public_key", outside.vapidPublicKey().orElse(null)));
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the destination store", err)));
  }

  private void add(RoutingContext ctx) {
    UUID user = user(ctx);
    JsonObject body = Bodies.object(ctx, Set.of("kind", "destination"), Set.of("label"));
    String kind = Bodies.string(body, "kind", 16);
    if (!(body.getValue("destination") instanceof JsonObject destination)) {
      throw ServiceException.badRequest("invalid-destination", "destination must be an object");
    }
    String label = body.getValue("label") == null ? null : Bodies.string(body, "label", 100);
    outside.check(kind, destination)
        .recover(err -> Future.failedFuture(err instanceof PermanentFailure || err instanceof IllegalArgumentException
            ? new ServiceException(err instanceof IllegalArgumentException && err.getMessage().contains("not configured")
                ? 422 : 400, "invalid-destination", err.getMessage()) : err))
        .compose(checked -> pool.preparedQuery("SELECT count(*) FROM notification_destinations WHERE user_id = $1")
            .execute(Tuple.of(user))
            .compose(rows -> rows.iterator().next().getLong(0) >= MAX_PER_USER
                ? Future.failedFuture(new ServiceException(403, "destination-quota",
                    "at most " + MAX_PER_USER + " destinations per account; delete one first"))
                : pool.preparedQuery("""
                        INSERT INTO notification_destinations (user_id, kind, destination, dedupe_key, label)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (user_id, kind, dedupe_key) DO UPDATE SET destination = EXCLUDED.destination,
                          label = coalesce(EXCLUDED.label, notification_destinations.label), failures = 0,
                          disabled_at = NULL, disabled_reason = NULL
                        RETURNING destination_id, kind, destination, label, created_at, last_success_at, failures,
                                  disabled_at, disabled_reason""")
                    .execute(Tuple.of(user, kind, checked.destination(), checked.dedupeKey(), label)))
            .map(rows -> {
              JsonObject out = json(rows.iterator().next());
              if ("webhook".equals(kind)) {
                out.put("secret", checked.destination().getString("secret")); // shown this once
              }
              return out;
            }))
        .onSuccess(out -> respond(ctx, 201, out))
        .onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ServiceException.badRequest("invalid-parameter", "the id must be a UUID");
    }
    pool.preparedQuery("DELETE FROM notification_destinations WHERE destination_id = $1 AND user_id = $2")
        .execute(Tuple.of(id, user(ctx)))
        .onSuccess(rows -> {
          if (rows.rowCount() == 0) {
            ctx.fail(ServiceException.notFound("destination-not-found", "no destination with this id"));
          } else {
            ctx.response().setStatusCode(204).end();
          }
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the destination store", err)));
  }

  private static JsonObject json(Row r) {
    Object d = r.getValue("destination");
    JsonObject dest = d instanceof String s ? new JsonObject(s) : (JsonObject) d;
    String kind = r.getString("kind");
    return new JsonObject()
        .put("destination_id", r.getUUID("destination_id").toString())
        .put("kind", kind)
        .put("summary", OutsideChannels.summary(kind, dest))
        .put("label", r.getString("label"))
        .put("created_at", instant(r.getOffsetDateTime("created_at")))
        .put("last_success_at", instant(r.getOffsetDateTime("last_success_at")))
        .put("failures", r.getInteger("failures"))
        .put("disabled_at", instant(r.getOffsetDateTime("disabled_at")))
        .put("disabled_reason", r.getString("disabled_reason"));
  }

  private static String instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  private static UUID user(RoutingContext ctx) {
    return Principal.of(ctx).orElseThrow().userId();
  }

  private static void respond(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.toBuffer());
  }
}
