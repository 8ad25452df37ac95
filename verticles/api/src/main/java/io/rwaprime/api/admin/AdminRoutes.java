package io.rwaprime.api.admin;

import io.rwaprime.api.Bodies;
import io.rwaprime.api.auth.Guards;
import io.rwaprime.api.auth.Principal;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Operator endpoints (admin users, or the break-glass token), every change written to the audit log with the
 * acting admin:
 * <ul>
 *   <li>{@code GET /api/v1/admin/users?q=&page=&limit=}, {@code PATCH /api/v1/admin/users/{id}} (tier, disabled —
 *   disabling revokes every session)</li>
 *   <li>{@code GET /api/v1/admin/audit?user_id=&action=&before_id=&limit=}</li>
 *   <li>{@code GET /api/v1/admin/feeds} — per source and asset: last data, records, stale</li>
 *   <li>{@code POST /api/v1/admin/assets}, {@code PATCH /api/v1/admin/assets/{symbol}} — the asset registry</li>
 * </ul>
 */
public final class AdminRoutes {

  private static final Set<String> TIERS = Set.of("explorer", "professional", "enterprise", "admin");
  private static final Set<String> CLASSES = Set.of("tokenized_treasury", "private_credit", "real_estate", "commodity",
      "tokenized_equity");
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,31}");
  private static final Set<String> ASSET_FIELDS = Set.of("name", "asset_class", "chain", "contract_address", "contracts",
      "issuer", "currency", "nav", "yield_apy", "underlying", "documents", "active");

  private final Pool pool;

  public AdminRoutes(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router router) {
    router.get("/api/v1/admin/users").handler(Guards.admin()).handler(this::users);
    router.patch("/api/v1/admin/users/:id").handler(Guards.admin()).handler(this::updateUser);
    router.get("/api/v1/admin/audit").handler(Guards.admin()).handler(this::audit);
    router.get("/api/v1/admin/feeds").handler(Guards.admin()).handler(this::feeds);
    router.post("/api/v1/admin/assets").handler(Guards.admin()).handler(this::createAsset);
    router.patch("/api/v1/admin/assets/:symbol").handler(Guards.admin()).handler(this::updateAsset);
  }

  private void users(RoutingContext ctx) {
    String q = ctx.request().getParam("q");
    int limit = intParam(ctx, "limit", 50, 1, 200);
    int page = intParam(ctx, "page", 1, 1, 1_000_000);
    pool.preparedQuery("""
            SELECT user_id, email, tier, role, totp_enabled, email_verified, disabled_at, created_at, last_login_at,
                   count(*) OVER () AS total
            FROM users WHERE ($1::text IS NULL OR position(lower($1) IN lower(email)) > 0)
            ORDER BY created_at DESC LIMIT $2 OFFSET $3""")
        .execute(Tuple.of(q == null || q.isBlank() ? null : q.trim(), limit, (page - 1) * limit))
        .onSuccess(rows -> {
          JsonArray data = new JsonArray();
          long total = 0;
          for (Row r : rows) {
            total = r.getLong("total");
            data.add(new JsonObject().put("user_id", r.getUUID("user_id").toString()).put("email", r.getString("email"))
                .put("tier", r.getString("tier")).put("role", r.getString("role"))
                .put("two_factor_enabled", r.getBoolean("totp_enabled")).put("email_verified", r.getBoolean("email_verified"))
                .put("disabled", r.getValue("disabled_at") != null)
                .put("created_at", r.getOffsetDateTime("created_at").toInstant().toString())
                .put("last_login_at", r.getOffsetDateTime("last_login_at") == null ? null
                    : r.getOffsetDateTime("last_login_at").toInstant().toString()));
          }
          json(ctx, 200, new JsonObject().put("data", data).put("total", total).put("page", page).put("limit", limit));
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the account store", err)));
  }

  private void updateUser(RoutingContext ctx) {
    UUID id = uuid(ctx.pathParam("id"));
    JsonObject body = Bodies.object(ctx, Set.of(), Set.of("tier", "disabled"));
    String tier = Bodies.string(body, "tier", 16);
    if (tier != null && !TIERS.contains(tier)) {
      throw ServiceException.badRequest("invalid-field", "tier must be one of " + TIERS);
    }
    Object d = body.getValue("disabled");
    if (d != null && !(d instanceof Boolean)) {
      throw ServiceException.badRequest("invalid-field", "disabled must be true or false");
    }
    Boolean disabled = (Boolean) d;
    pool.withTransaction(c -> c.preparedQuery("""
            UPDATE users SET tier = coalesce($2::text, tier),
              role = CASE WHEN $2::text = 'admin' THEN 'admin' WHEN $2::text IS NOT NULL AND role = 'admin' THEN 'user'
                          ELSE role END,
              disabled_at = CASE WHEN $3::boolean IS NULL THEN disabled_at WHEN $3::boolean THEN coalesce(disabled_at, now())
                                 ELSE NULL END
            WHERE user_id = $1 RETURNING user_id""").execute(Tuple.of(id, tier, disabled))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ServiceException.notFound("user-not-found", "no user with this id"));
          }
          Future<?> revoke = Boolean.TRUE.equals(disabled) || tier != null
              ? c.preparedQuery("UPDATE refresh_tokens SET revoked_at = now(), revoked_why = 'changed by an admin' "
                  + "WHERE user_id = $1 AND revoked_at IS NULL").execute(Tuple.of(id))
              : Future.succeededFuture();
          return revoke.compose(v -> c.preparedQuery("INSERT INTO audit_log (user_id, actor_id, action, request_id, details) "
              + "VALUES ($1, $2, 'admin.user_update', $3, $4)").execute(Tuple.of(id, actor(ctx),
              io.rwaprime.common.http.RequestIds.of(ctx), body)));
        }))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(err -> ctx.fail(err instanceof ServiceException ? err : ServiceException.unavailable("the account store", err)));
  }

  private void audit(RoutingContext ctx) {
    String userParam = ctx.request().getParam("user_id");
    UUID user = userParam == null ? null : uuid(userParam);
    String action = ctx.request().getParam("action");
    if (action != null && !action.matches("[a-z][a-z0-9_.]{1,63}")) {
      throw ServiceException.badRequest("invalid-parameter", "action is a dotted lower-case name such as login.success");
    }
    String before = ctx.request().getParam("before_id");
    long beforeId;
    try {
      beforeId = before == null ? Long.MAX_VALUE : Long.parseLong(before);
    } catch (NumberFormatException e) {
      throw ServiceException.badRequest("invalid-parameter", "before_id must be a whole number");
    }
    int limit = intParam(ctx, "limit", 100, 1, 1000);
    pool.preparedQuery("""
            SELECT id, occurred_at, user_id, actor_id, action, ip, request_id, details FROM audit_log
            WHERE ($1::uuid IS NULL OR user_id = $1) AND ($2::text IS NULL OR action = $2) AND id < $3
            ORDER BY id DESC LIMIT $4""")
        .execute(Tuple.of(user, action, beforeId, limit))
        .onSuccess(rows -> {
          JsonArray data = new JsonArray();
          Long last = null;
          for (Row r : rows) {
            last = r.getLong("id");
            data.add(new JsonObject().put("id", last).put("occurred_at", r.getOffsetDateTime("occurred_at").toInstant().toString())
                .put("user_id", str(r.getUUID("user_id"))).put("actor_id", str(r.getUUID("actor_id")))
                .put("action", r.getString("action")).put("ip", r.getString("ip")).put("request_id", r.getString("request_id"))
                .put("details", r.getValue("details")));
          }
          json(ctx, 200, new JsonObject().put("data", data).put("next_before_id", rows.size() == limit ? last : null));
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the audit log", err)));
  }

  private void feeds(RoutingContext ctx) {
    pool.query("SELECT source, symbol, last_event_time, last_received_at, records, stale FROM feed_status ORDER BY source, symbol")
        .execute()
        .onSuccess(rows -> {
          JsonArray data = new JsonArray();
          int stale = 0;
          for (Row r : rows) {
            stale += r.getBoolean("stale") ? 1 : 0;
            data.add(new JsonObject().put("source", r.getString("source")).put("symbol", r.getString("symbol"))
                .put("last_event_time", r.getOffsetDateTime("last_event_time") == null ? null
                    : r.getOffsetDateTime("last_event_time").toInstant().toString())
                .put("last_received_at", r.getOffsetDateTime("last_received_at").toInstant().toString())
                .put("records", r.getLong("records")).put("stale", r.getBoolean("stale")));
          }
          json(ctx, 200, new JsonObject().put("data", data).put("stale", stale));
        })
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the feed monitor", err)));
  }

  private void createAsset(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, Set.of("symbol", "name", "asset_class", "chain"),
        Set.of("contract_address", "contracts", "issuer", "currency", "nav", "yield_apy", "underlying", "documents", "active"));
    String symbol = Bodies.string(body, "symbol", 32);
    if (!SYMBOL.matcher(symbol).matches()) {
      throw ServiceException.badRequest("invalid-symbol", "a symbol is 1–32 upper-case letters, digits, '.', '_' or '-'");
    }
    AssetFields f = AssetFields.parse(body, true);
    pool.preparedQuery("""
            INSERT INTO assets (symbol, name, asset_class, blockchain_network, contract_address, contracts, issuer_name,
                                currency, nav, yield_apy, underlying_asset_details, documents, active)
            VALUES ($1, $2, $3, $4, $5, coalesce($6::jsonb, '{}'), $7, coalesce($8::text, 'USD'), $9, $10,
                    coalesce($11::jsonb, '{}'), coalesce($12::jsonb, '[]'), coalesce($13::boolean, true))""")
        .execute(f.tuple(symbol))
        .compose(v -> auditAsset(ctx, "admin.asset_create", symbol, body))
        .onSuccess(v -> json(ctx, 201, new JsonObject().put("symbol", symbol)))
        .onFailure(err -> ctx.fail(assetError(err, symbol)));
  }

  private void updateAsset(RoutingContext ctx) {
    String symbol = ctx.pathParam("symbol");
    JsonObject body = Bodies.object(ctx, Set.of(), ASSET_FIELDS);
    if (body.isEmpty()) {
      throw ServiceException.badRequest("missing-field", "send at least one of " + ASSET_FIELDS);
    }
    AssetFields f = AssetFields.parse(body, false);
    pool.preparedQuery("""
            UPDATE assets SET name = coalesce($2::text, name), asset_class = coalesce($3::text, asset_class),
              blockchain_network = coalesce($4::text, blockchain_network),
              contract_address = coalesce($5::text, contract_address), contracts = coalesce($6::jsonb, contracts),
              issuer_name = coalesce($7::text, issuer_name), currency = coalesce($8::text, currency),
              nav = coalesce($9::numeric, nav), yield_apy = coalesce($10::numeric, yield_apy),
              underlying_asset_details = coalesce($11::jsonb, underlying_asset_details),
              documents = coalesce($12::jsonb, documents), active = coalesce($13::boolean, active)
            WHERE symbol = $1 RETURNING symbol""")
        .execute(f.tuple(symbol))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ServiceException.notFound("asset-not-found", "no asset with symbol " + symbol))
            : auditAsset(ctx, "admin.asset_update", symbol, body))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(err -> ctx.fail(assetError(err, symbol)));
  }

  private Future<Void> auditAsset(RoutingContext ctx, String action, String symbol, JsonObject body) {
    return pool.preparedQuery("INSERT INTO audit_log (actor_id, action, request_id, details) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(actor(ctx), action, io.rwaprime.common.http.RequestIds.of(ctx), new JsonObject().put("symbol", symbol)
            .put("changes", body)))
        .mapEmpty();
  }

  private static Throwable assetError(Throwable err, String symbol) {
    if (err instanceof ServiceException) {
      return err;
    }
    if (err instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return new ServiceException(409, "asset-exists", "an asset with symbol " + symbol + " exists");
    }
    if (err instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("23")) {
      return ServiceException.badRequest("invalid-field", "the asset breaks a rule of the registry: " + pg.getConstraint());
    }
    return ServiceException.unavailable("the asset registry", err);
  }

  /** Validated asset columns of a create or update body; absent members are null. */
  private record AssetFields(String name, String assetClass, String chain, String contract, JsonObject contracts,
                             String issuer, String currency, BigDecimal nav, BigDecimal yield, JsonObject underlying,
                             JsonArray documents, Boolean active) {

    static AssetFields parse(JsonObject b, boolean create) {
      String cls = Bodies.string(b, "asset_class", 32);
      if (cls != null && !CLASSES.contains(cls)) {
        throw ServiceException.badRequest("invalid-field", "asset_class must be one of " + CLASSES);
      }
      String currency = Bodies.string(b, "currency", 3);
      if (currency != null && !currency.matches("[A-Z]{3}")) {
        throw ServiceException.badRequest("invalid-field", "currency is an ISO 4217 code such as USD");
      }
      String contract = Bodies.string(b, "contract_address", 128);
      if (contract != null && !contract.matches("0x[0-9a-fA-F]{40}|[1-9A-HJ-NP-Za-km-z]{32,44}")) {
        throw ServiceException.badRequest("invalid-field", "contract_address must be an EVM (0x…) or base58 address");
      }
      return new AssetFields(Bodies.string(b, "name", 255), cls, Bodies.string(b, "chain", 64),
          contract == null ? null : contract.startsWith("0x") ? contract.toLowerCase() : contract,
          object(b, "contracts"), Bodies.string(b, "issuer", 255), currency, decimal(b, "nav"), decimal(b, "yield_apy"),
          object(b, "underlying"), array(b, "documents"), bool(b, "active"));
    }

    Tuple tuple(String symbol) {
      return Tuple.of(symbol, name, assetClass, chain, contract, contracts, issuer, currency, nav, yield, underlying,
          documents).addBoolean(active);
    }

    private static BigDecimal decimal(JsonObject b, String k) {
      Object v = b.getValue(k);
      if (v == null) {
        return null;
      }
      try {
        return new BigDecimal(v.toString());
      } catch (NumberFormatException e) {
        throw ServiceException.badRequest("invalid-field", "'" + k + "' must be a decimal number");
      }
    }

    private static JsonObject object(JsonObject b, String k) {
      Object v = b.getValue(k);
      if (v != null && !(v instanceof JsonObject)) {
        throw ServiceException.badRequest("invalid-field", "'" + k + "' must be a JSON object");
      }
      return (JsonObject) v;
    }

    private static JsonArray array(JsonObject b, String k) {
      Object v = b.getValue(k);
      if (v != null && !(v instanceof JsonArray)) {
        throw ServiceException.badRequest("invalid-field", "'" + k + "' must be a JSON array");
      }
      return (JsonArray) v;
    }

    private static Boolean bool(JsonObject b, String k) {
      Object v = b.getValue(k);
      if (v != null && !(v instanceof Boolean)) {
        throw ServiceException.badRequest("invalid-field", "'" + k + "' must be true or false");
      }
      return (Boolean) v;
    }
  }

  private static UUID actor(RoutingContext ctx) {
    UUID id = Principal.of(ctx).orElseThrow().userId();
    return id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0 ? null : id;
  }

  private static String str(UUID id) {
    return id == null ? null : id.toString();
  }

  private static UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ServiceException.badRequest("invalid-parameter", "the id must be a UUID");
    }
  }

  private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw ServiceException.badRequest("invalid-parameter", name + " must be a whole number between " + min + " and " + max);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.toBuffer());
  }
}
