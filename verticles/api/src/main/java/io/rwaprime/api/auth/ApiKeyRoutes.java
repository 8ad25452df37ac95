package io.rwaprime.api.auth;

import io.rwaprime.api.Bodies;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/v1/keys}: a signed-in professional (or higher) user creates, lists and revokes their own API keys.
 * The key itself is in the creation answer only. A user never sees or revokes another user's key: every query is
 * scoped by the caller's id, and a key id of someone else answers 404 like an unknown one.
 */
final class ApiKeyRoutes {

  private final ApiKeys keys;
  private final AccountRepository accounts;

  ApiKeyRoutes(ApiKeys keys, AccountRepository accounts) {
    this.keys = keys;
    this.accounts = accounts;
  }

  void mount(Router router) {
    router.post("/api/v1/keys").handler(Guards.user()).handler(Guards.tier(Tier.PROFESSIONAL, "market_data")).handler(this::create);
    router.get("/api/v1/keys").handler(Guards.user()).handler(this::list);
    router.delete("/api/v1/keys/:keyId").handler(Guards.user()).handler(this::revoke);
  }

  private void create(RoutingContext ctx) {
    Principal p = Principal.of(ctx).orElseThrow();
    JsonObject body = Bodies.object(ctx, Set.of("name", "scopes"), Set.of());
    String name = Bodies.string(body, "name", 100).trim();
    if (name.isEmpty()) {
      throw ServiceException.badRequest("invalid-field", "'name' must not be blank");
    }
    if (!(body.getValue("scopes") instanceof JsonArray arr) || arr.isEmpty()) {
      throw ServiceException.badRequest("invalid-field", "'scopes' must be a non-empty array of " + Principal.ALL_SCOPES);
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (Object s : arr) {
      if (!(s instanceof String str) || !Principal.ALL_SCOPES.contains(str)) {
        throw ServiceException.badRequest("invalid-scope", "unknown scope " + s + "; known: " + Principal.ALL_SCOPES);
      }
      scopes.add(str);
    }
    keys.create(p.userId(), name, scopes)
        .compose(created -> accounts.audit(p.userId(), "api_key.create", RateLimitHandler.clientIp(ctx), null,
            new JsonObject().put("key_id", created.description().getString("key_id"))).map(created))
        .onSuccess(created -> AuthRoutes.json(ctx, 201, created.description().copy().put("key", created.key())))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Principal p = Principal.of(ctx).orElseThrow();
    keys.list(p.userId())
        .onSuccess(data -> AuthRoutes.json(ctx, 200, new JsonObject().put("data", data)))
        .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    Principal p = Principal.of(ctx).orElseThrow();
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("keyId"));
    } catch (IllegalArgumentException e) {
      throw ServiceException.badRequest("invalid-parameter", "keyId must be a UUID");
    }
    keys.revoke(p.userId(), id)
        .compose(ok -> ok ? accounts.audit(p.userId(), "api_key.revoke", RateLimitHandler.clientIp(ctx), null,
            new JsonObject().put("key_id", id.toString())).map(true) : io.vertx.core.Future.succeededFuture(false))
        .onSuccess(ok -> {
          if (ok) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(ServiceException.notFound("key-not-found", "no live API key with this id"));
          }
        })
        .onFailure(ctx::fail);
  }
}
