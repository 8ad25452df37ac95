package io.rwaprime.api.auth;

import io.rwaprime.api.Bodies;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.temporal.Temporal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * GDPR rights of a signed-in user: {@code GET /api/v1/me/export} (everything stored about the caller, as one JSON
 * document: account, holdings, watchlist, alerts and their history, API keys (without secrets), sessions, security
 * log) and {@code DELETE /api/v1/me} (erasure, confirmed with the password and, when 2FA is on, a code; every row
 * of the user goes with the account by cascade; the security log keeps the bare event without the address).
 */
final class AccountRoutes {

  /** The tables exported, each with the query of the caller's rows ($1 = user id). */
  private static final List<String[]> EXPORTS = List.of(
      new String[] {"holdings", "SELECT a.symbol, p.quantity, p.avg_purchase_price, p.wallet_address, p.chain, p.created_at, "
          + "p.updated_at FROM portfolios p JOIN assets a USING (asset_id) WHERE p.user_id = $1 ORDER BY p.created_at"},
      new String[] {"watchlist", "SELECT a.symbol, w.added_at FROM watchlist_items w JOIN assets a USING (asset_id) "
          + "WHERE w.user_id = $1 ORDER BY w.added_at"},
      new String[] {"alerts", "SELECT alert_id, condition_type, condition_value, notification_method, channels, state, "
          + "cooldown_seconds, created_at FROM alerts WHERE user_id = $1 ORDER BY created_at"},
      new String[] {"alert_history", "SELECT trigger_id, alert_id, observed, triggered_at, payload, delivered "
          + "FROM alert_history WHERE user_id = $1 ORDER BY triggered_at"},
      new String[] {"api_keys", "SELECT key_id, name, scopes, created_at, last_used_at, revoked_at FROM api_keys "
          + "WHERE user_id = $1 ORDER BY created_at"},
      new String[] {"sessions", "SELECT family_id, issued_at, expires_at, spent_at, revoked_at, revoked_why "
          + "FROM refresh_tokens WHERE user_id = $1 ORDER BY issued_at"},
      new String[] {"security_log", "SELECT occurred_at, action, ip, details FROM audit_log WHERE user_id = $1 "
          + "ORDER BY occurred_at"});

  private final Vertx vertx;
  private final Pool pool;
  private final AccountRepository accounts;
  private final PasswordHasher hasher;
  private final TwoFactor twoFactor;

  AccountRoutes(Vertx vertx, Pool pool, AccountRepository accounts, PasswordHasher hasher, TwoFactor twoFactor) {
    this.vertx = vertx;
    this.pool = pool;
    this.accounts = accounts;
    this.hasher = hasher;
    this.twoFactor = twoFactor;
  }

  void mount(Router router) {
    router.get("/api/v1/me/export").handler(Guards.user()).handler(this::export);
    router.delete("/api/v1/me").handler(Guards.user()).handler(this::erase);
  }

  private void export(RoutingContext ctx) {
    UUID user = Principal.of(ctx).orElseThrow().userId();
    accounts.byId(user).compose(found -> {
      Account a = found.orElseThrow(() -> new ServiceException(401, "unauthorized", "the account no longer exists"));
      JsonObject doc = new JsonObject().put("account", AuthRoutes.profile(a));
      Future<Void> chain = Future.succeededFuture();
      for (String[] e : EXPORTS) {
        chain = chain.compose(v -> pool.preparedQuery(e[1]).execute(Tuple.of(user)).map(rows -> {
          doc.put(e[0], rows(rows));
          return null;
        }));
      }
      return chain.compose(v -> accounts.audit(user, "user.export", RateLimitHandler.clientIp(ctx), null, null)).map(doc);
    }).onSuccess(doc -> ctx.response().putHeader("Content-Type", "application/json")
        .putHeader("Content-Disposition", "attachment; filename=\"rwa-prime-export.json\"")
        .putHeader("Cache-Control", "no-store").end(doc.toBuffer()))
        .onFailure(ctx::fail);
  }

  private void erase(RoutingContext ctx) {
    UUID user = Principal.of(ctx).orElseThrow().userId();
    JsonObject body = Bodies.object(ctx, Set.of("password"), Set.of("code", "recovery_code"));
    String password = Bodies.string(body, "password", AuthRoutes.MAX_PASSWORD);
    String code = Bodies.string(body, "code", 16);
    String recovery = Bodies.string(body, "recovery_code", 64);
    accounts.byId(user).compose(found -> {
      Account a = found.orElseThrow(() -> new ServiceException(401, "unauthorized", "the account no longer exists"));
      return vertx.executeBlocking(() -> hasher.verify(password, a.passwordHash()), false).compose(ok -> {
        if (!ok) {
          return Future.failedFuture(new ServiceException(401, "invalid-credentials", "wrong password"));
        }
        if (a.totpEnabled()) {
          if ((code == null) == (recovery == null)) {
            return Future.failedFuture(ServiceException.badRequest("invalid-field",
                "two-factor authentication is on: send exactly one of 'code' and 'recovery_code'"));
          }
          return twoFactor.check(a, code, recovery);
        }
        return Future.succeededFuture();
      }).compose(v -> pool.withTransaction(c -> c.preparedQuery("DELETE FROM users WHERE user_id = $1").execute(Tuple.of(user))
              .compose(r -> c.preparedQuery("UPDATE audit_log SET ip = NULL, details = '{}' WHERE user_id = $1").execute(Tuple.of(user)))))
          .compose(v -> accounts.audit(user, "user.delete", null, null, null));
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private static JsonArray rows(RowSet<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row r : rows) {
      JsonObject o = new JsonObject();
      for (int i = 0; i < r.size(); i++) {
        Object v = r.getValue(i);
        o.put(r.getColumnName(i), v instanceof Temporal || v instanceof UUID || v instanceof java.math.BigDecimal
            || v instanceof io.vertx.sqlclient.data.Numeric
            ? v.toString() : v instanceof String[] arr ? new JsonArray(List.of(arr))
            : v instanceof io.vertx.core.buffer.Buffer ? null : v);
      }
      out.add(o);
    }
    return out;
  }
}
