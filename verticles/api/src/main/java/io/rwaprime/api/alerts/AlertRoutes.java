package io.rwaprime.api.alerts;

import io.rwaprime.alerts.channels.OutsideChannels;
import io.rwaprime.api.Bodies;
import io.rwaprime.api.auth.Guards;
import io.rwaprime.api.auth.Principal;
import io.rwaprime.api.auth.Tier;
import io.rwaprime.common.http.ServiceException;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.AlertRule;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The caller's alert rules (scope {@code alerts}), following the state machine of the seed: {@code active} →
 * {@code triggered} (fired, in cooldown) → {@code active}; {@code paused} by the user; {@code completed} after a
 * one-shot fired; {@code expired} past {@code expires_at}.
 * <ul>
 *   <li>{@code GET|POST /api/v1/alerts}, {@code GET|PATCH|DELETE /api/v1/alerts/{id}}</li>
 *   <li>{@code POST /api/v1/alerts/{id}/pause}, {@code POST /api/v1/alerts/{id}/resume}</li>
 *   <li>{@code GET /api/v1/alerts/history} (every firing of the caller's rules, newest first) and
 *   {@code GET /api/v1/alerts/{id}/history}, each firing with its per-channel delivery log</li>
 * </ul>
 * Every statement is scoped by the caller's id (another user's rule answers 404). Each stored change is announced on
 * {@link Addresses#ALERT_RULES} so the alerts role updates its indexes at once. Quotas per tier: {@link #QUOTAS}.
 */
public final class AlertRoutes {

  /** Rules a user may keep (any state but completed and expired), per tier; admins have no limit. */
  static final Map<Tier, Integer> QUOTAS = Map.of(Tier.EXPLORER, 10, Tier.PROFESSIONAL, 200, Tier.ENTERPRISE, 10_000);
  private static final String SCOPE = "alerts";
  private static final String COLUMNS = """
      a.alert_id, s.symbol, a.condition_type, a.condition_value, a.channels, a.cooldown_seconds, a.one_shot, a.state,
      a.last_triggered_at, a.expires_at, a.created_at, a.updated_at, a.user_id""";

  private final Pool pool;
  private final EventBus bus;
  private final OutsideChannels outside;
  private final boolean mailEnabled;
  private final Clock clock;

  public AlertRoutes(Pool pool, EventBus bus, OutsideChannels outside, boolean mailEnabled, Clock clock) {
    this.pool = pool;
    this.bus = bus;
    this.outside = outside;
    this.mailEnabled = mailEnabled;
    this.clock = clock;
  }

  /**
   * Every channel of a rule must be able to deliver: e-mail needs an SMTP server, the outside channels need the
   * server to offer them and the user to have registered a destination of theirs — else 422 saying what to do.
   */
  private Future<Void> deliverable(UUID user, Set<String> channels) {
    if (channels.contains("email") && !mailEnabled) {
      return Future.failedFuture(new ServiceException(422, "channel-not-available",
          "e-mail is not configured on this server (api.mail.host)"));
    }
    Set<String> outsideChannels = new LinkedHashSet<>(channels);
    outsideChannels.removeAll(Set.of("in_app", "email"));
    for (String c : outsideChannels) {
      if (!outside.channelAvailable(c)) {
        return Future.failedFuture(new ServiceException(422, "channel-not-available",
            "the " + c + " channel is not configured on this server"));
      }
    }
    if (outsideChannels.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("SELECT DISTINCT kind FROM notification_destinations WHERE user_id = $1 AND disabled_at IS NULL")
        .execute(Tuple.of(user))
        .compose(rows -> {
          Set<String> kinds = new java.util.HashSet<>();
          rows.forEach(r -> kinds.add(r.getString(0)));
          for (String c : outsideChannels) {
            if (OutsideChannels.KINDS_OF_CHANNEL.get(c).stream().noneMatch(kinds::contains)) {
              return Future.failedFuture(new ServiceException(422, "no-destination", "register a " + c
                  + " destination first (POST /api/v1/notification-destinations), then name the channel"));
            }
          }
          return Future.succeededFuture();
        });
  }

  public void mount(Router router) {
    router.get("/api/v1/alerts").handler(Guards.scope(SCOPE)).handler(this::list);
    router.post("/api/v1/alerts").handler(Guards.scope(SCOPE)).handler(this::create);
    router.get("/api/v1/alerts/history").handler(Guards.scope(SCOPE)).handler(ctx -> history(ctx, null));
    router.get("/api/v1/alerts/:id").handler(Guards.scope(SCOPE)).handler(this::one);
    router.patch("/api/v1/alerts/:id").handler(Guards.scope(SCOPE)).handler(this::update);
    router.delete("/api/v1/alerts/:id").handler(Guards.scope(SCOPE)).handler(this::remove);
    router.post("/api/v1/alerts/:id/pause").handler(Guards.scope(SCOPE)).handler(ctx -> setState(ctx, "paused"));
    router.post("/api/v1/alerts/:id/resume").handler(Guards.scope(SCOPE)).handler(ctx -> setState(ctx, "active"));
    router.get("/api/v1/alerts/:id/history").handler(Guards.scope(SCOPE))
        .handler(ctx -> history(ctx, uuid(ctx.pathParam("id"))));
  }

  private void list(RoutingContext ctx) {
    pool.preparedQuery("SELECT " + COLUMNS + " FROM alerts a LEFT JOIN assets s USING (asset_id) WHERE a.user_id = $1 "
            + "ORDER BY a.created_at DESC")
        .execute(Tuple.of(user(ctx)))
        .onSuccess(rows -> {
          JsonArray data = new JsonArray();
          rows.forEach(r -> data.add(json(r)));
          respond(ctx, 200, new JsonObject().put("data", data));
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the alert store", err)));
  }

  private void one(RoutingContext ctx) {
    find(user(ctx), uuid(ctx.pathParam("id")))
        .onSuccess(r -> {
          r.remove("condition_value");
          respond(ctx, 200, r);
        })
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Principal p = Principal.of(ctx).orElseThrow();
    JsonObject body = Bodies.object(ctx, Set.of("symbol", "condition", "threshold"), RuleDefinition.FIELDS);
    String symbol = Bodies.string(body, "symbol", 32);
    RuleDefinition def = RuleDefinition.parse(body, clock.instant());
    Integer quota = p.admin() ? null : QUOTAS.get(p.tier());
    deliverable(p.userId(), def.channels()).compose(ok -> pool.withTransaction(conn -> conn.preparedQuery("SELECT count(*) FROM alerts WHERE user_id = $1 "
                + "AND state NOT IN ('completed', 'expired')").execute(Tuple.of(p.userId()))
            .compose(rows -> {
              long held = rows.iterator().next().getLong(0);
              if (quota != null && held >= quota) {
                return Future.failedFuture(new ServiceException(403, "alert-quota",
                    "the " + p.tier().wire() + " tier keeps at most " + quota + " alert rules; delete one or upgrade"));
              }
              return conn.preparedQuery("""
                      WITH ins AS (
                        INSERT INTO alerts (user_id, asset_id, condition_type, condition_value, notification_method,
                                            channels, cooldown_seconds, one_shot, expires_at)
                        SELECT $1, asset_id, $3, $4, $5, $6, $7, $8, $9 FROM assets WHERE symbol = $2 AND active
                        RETURNING *)
                      SELECT""" + " " + COLUMNS + " FROM ins a JOIN assets s USING (asset_id)")
                  .execute(Tuple.of(p.userId(), symbol, def.condition(), def.conditionValue(),
                      def.channels().iterator().next(), new JsonArray(def.channels().stream().toList()))
                      .addInteger(def.cooldownSeconds()).addBoolean(def.oneShot())
                      .addOffsetDateTime(def.expiresAt() == null ? null : OffsetDateTime.ofInstant(def.expiresAt(), ZoneOffset.UTC)));
            })))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(ServiceException.notFound("asset-not-found", "no asset with symbol " + symbol));
            return;
          }
          Row r = rows.iterator().next();
          respond(ctx, 201, json(r));
          announce(r);
        })
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    UUID user = user(ctx);
    UUID id = uuid(ctx.pathParam("id"));
    Set<String> patchable = new LinkedHashSet<>(RuleDefinition.FIELDS);
    patchable.remove("symbol");
    JsonObject patch = Bodies.object(ctx, Set.of(), patchable);
    if (patch.isEmpty()) {
      throw ServiceException.badRequest("missing-field", "send at least one of " + String.join(", ", patchable));
    }
    find(user, id)
        .compose(r -> {
          // the stored rule with the patch applied is validated as a whole, like a new one
          JsonObject merged = r.copy();
          JsonObject cv = (JsonObject) merged.remove("condition_value");
          merged.remove("window");
          if (cv.getString("window") != null) {
            merged.put("window", cv.getString("window"));
          }
          merged.put("threshold", cv.getString("threshold")).put("hysteresis", cv.getString("hysteresis", "0"));
          patch.forEach(e -> merged.put(e.getKey(), e.getValue()));
          if (patch.containsKey("condition") && !RuleDefinition.CONDITIONS.getOrDefault(
              patch.getString("condition"), false) && !patch.containsKey("window")) {
            merged.remove("window");
          }
          JsonObject body = new JsonObject();
          RuleDefinition.FIELDS.forEach(f -> {
            if (merged.getValue(f) != null && !"symbol".equals(f)) {
              body.put(f, merged.getValue(f));
            }
          });
          RuleDefinition def = RuleDefinition.parse(body, clock.instant());
          return deliverable(user, def.channels()).compose(ok -> pool.preparedQuery("""
                  WITH up AS (
                    UPDATE alerts SET condition_type = $3, condition_value = $4, notification_method = $5, channels = $6,
                      cooldown_seconds = $7, one_shot = $8, expires_at = $9, updated_at = now(),
                      state = CASE WHEN state IN ('completed', 'expired') THEN 'active' ELSE state END
                    WHERE alert_id = $1 AND user_id = $2 RETURNING *)
                  SELECT""" + " " + COLUMNS + " FROM up a LEFT JOIN assets s USING (asset_id)")
              .execute(Tuple.of(id, user, def.condition(), def.conditionValue(), def.channels().iterator().next(),
                      new JsonArray(def.channels().stream().toList()))
                  .addInteger(def.cooldownSeconds()).addBoolean(def.oneShot())
                  .addOffsetDateTime(def.expiresAt() == null ? null : OffsetDateTime.ofInstant(def.expiresAt(), ZoneOffset.UTC))));
        })
        .onSuccess(rows -> {
          Row r = rows.iterator().next();
          respond(ctx, 200, json(r));
          announce(r);
        })
        .onFailure(ctx::fail);
  }

  private void setState(RoutingContext ctx, String state) {
    UUID user = user(ctx);
    UUID id = uuid(ctx.pathParam("id"));
    String from = "paused".equals(state) ? "('active', 'triggered')" : "('paused')";
    pool.preparedQuery("WITH up AS (UPDATE alerts SET state = $3, updated_at = now() WHERE alert_id = $1 AND user_id = $2 "
            + "AND state IN " + from + " RETURNING *) SELECT " + COLUMNS + " FROM up a LEFT JOIN assets s USING (asset_id)")
        .execute(Tuple.of(id, user, state))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows.iterator().next())
            : find(user, id).compose(r -> Future.failedFuture(new ServiceException(409, "invalid-state",
                "the rule is " + r.getString("state") + "; only " + ("paused".equals(state)
                    ? "an active or triggered rule can be paused" : "a paused rule can be resumed")))))
        .onSuccess(r -> {
          respond(ctx, 200, json(r));
          announce(r);
        })
        .onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    UUID user = user(ctx);
    UUID id = uuid(ctx.pathParam("id"));
    pool.preparedQuery("WITH del AS (DELETE FROM alerts WHERE alert_id = $1 AND user_id = $2 RETURNING *) SELECT "
            + COLUMNS + " FROM del a LEFT JOIN assets s USING (asset_id)")
        .execute(Tuple.of(id, user))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(ServiceException.notFound("alert-not-found", "no alert rule with this id"));
            return;
          }
          ctx.response().setStatusCode(204).end();
          announce(rows.iterator().next(), false);
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the alert store", err)));
  }

  private void history(RoutingContext ctx, UUID alertId) {
    int limit = limit(ctx);
    pool.preparedQuery("""
            SELECT h.trigger_id, h.alert_id, s.symbol, h.observed, h.triggered_at, h.payload,
                   coalesce((SELECT jsonb_object_agg(o.channel, jsonb_build_object('status', o.status,
                       'attempts', o.attempts, 'delivered_at', o.delivered_at, 'last_error', o.last_error))
                     FROM alert_outbox o WHERE o.trigger_id = h.trigger_id), '{}'::jsonb) AS deliveries
            FROM alert_history h LEFT JOIN assets s USING (asset_id)
            WHERE h.user_id = $1 AND ($2::uuid IS NULL OR h.alert_id = $2)
            ORDER BY h.triggered_at DESC, h.history_id DESC LIMIT $3""")
        .execute(Tuple.of(user(ctx), alertId, limit))
        .onSuccess(rows -> {
          JsonArray data = new JsonArray();
          for (Row r : rows) {
            BigDecimal observed = r.getBigDecimal("observed");
            data.add(new JsonObject().put("trigger_id", r.getString("trigger_id"))
                .put("alert_id", r.getUUID("alert_id") == null ? null : r.getUUID("alert_id").toString())
                .put("symbol", r.getString("symbol"))
                .put("observed", observed == null ? null : observed.stripTrailingZeros().toPlainString())
                .put("triggered_at", r.getOffsetDateTime("triggered_at").toInstant().toString())
                .put("message", jsonValue(r.getValue("payload")) instanceof JsonObject p ? p.getString("message") : null)
                .put("deliveries", jsonValue(r.getValue("deliveries"))));
          }
          respond(ctx, 200, new JsonObject().put("data", data));
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the alert store", err)));
  }

  private Future<JsonObject> find(UUID user, UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM alerts a LEFT JOIN assets s USING (asset_id) "
            + "WHERE a.alert_id = $1 AND a.user_id = $2")
        .execute(Tuple.of(id, user))
        .recover(err -> Future.failedFuture(ServiceException.unavailable("the alert store", err)))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ServiceException.notFound("alert-not-found", "no alert rule with this id"))
            : Future.succeededFuture(raw(rows.iterator().next())));
  }

  /** The row with its condition value kept whole (for patches). */
  private static JsonObject raw(Row r) {
    return json(r).put("condition_value", jsonValue(r.getValue("condition_value")));
  }

  private void announce(Row r) {
    announce(r, true);
  }

  /** Tells the alerts role what changed (it re-reads the rule; the record says who, what and whether active). */
  private void announce(Row r, boolean exists) {
    JsonObject j = json(r);
    String state = j.getString("state");
    Set<String> extra = new LinkedHashSet<>();
    j.getJsonArray("channels").forEach(c -> {
      if (!"in_app".equals(c)) {
        extra.add((String) c);
      }
    });
    bus.publish(Addresses.ALERT_RULES, new AlertRule(j.getString("alert_id"), r.getUUID("user_id").toString(),
        j.getString("symbol"), j.getString("condition"), new BigDecimal(j.getString("threshold")),
        j.getString("window") == null ? null : Duration.parse(j.getString("window")), extra, j.getBoolean("one_shot"),
        Duration.ofSeconds(j.getInteger("cooldown_seconds")), exists && ("active".equals(state) || "triggered".equals(state))));
  }

  static JsonObject json(Row r) {
    JsonObject cv = (JsonObject) jsonValue(r.getValue("condition_value"));
    OffsetDateTime last = r.getOffsetDateTime("last_triggered_at");
    OffsetDateTime expires = r.getOffsetDateTime("expires_at");
    return new JsonObject()
        .put("alert_id", r.getUUID("alert_id").toString())
        .put("symbol", r.getString("symbol"))
        .put("condition", r.getString("condition_type"))
        .put("threshold", cv.getString("threshold"))
        .put("hysteresis", cv.getString("hysteresis", "0"))
        .put("window", cv.getString("window"))
        .put("channels", jsonValue(r.getValue("channels")))
        .put("cooldown_seconds", r.getInteger("cooldown_seconds"))
        .put("one_shot", r.getBoolean("one_shot"))
        .put("state", r.getString("state"))
        .put("last_triggered_at", last == null ? null : last.toInstant().toString())
        .put("expires_at", expires == null ? null : expires.toInstant().toString())
        .put("created_at", r.getOffsetDateTime("created_at").toInstant().toString())
        .put("updated_at", r.getOffsetDateTime("updated_at").toInstant().toString());
  }

  private static Object jsonValue(Object v) {
    return v instanceof String s ? io.vertx.core.json.Json.decodeValue(s) : v;
  }

  private static int limit(RoutingContext ctx) {
    String l = ctx.request().getParam("limit");
    if (l == null) {
      return 100;
    }
    try {
      int n = Integer.parseInt(l);
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ServiceException.badRequest("invalid-parameter", "limit must be an integer from 1 to 1000");
  }

  private static UUID user(RoutingContext ctx) {
    return Principal.of(ctx).orElseThrow().userId();
  }

  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ServiceException.badRequest("invalid-parameter", "the id must be a UUID");
    }
  }

  private static void respond(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.toBuffer());
  }
}
