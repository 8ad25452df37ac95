package io.rwaprime.api;

import io.rwaprime.common.http.ServiceException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * Strict JSON request bodies: an object, no unknown member (a typo must not silently do nothing), every
 * required member present; the errors name the member.
 */
public final class Bodies {

  private Bodies() {}

  public static JsonObject object(RoutingContext ctx, Set<String> required, Set<String> optional) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ServiceException(415, "unsupported-media-type", "send the body as application/json");
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw ServiceException.badRequest("malformed-json", "the request body is not a JSON object");
    }
    if (body == null) {
      throw ServiceException.badRequest("malformed-json", "the request body is empty; a JSON object is expected");
    }
    for (String name : body.fieldNames()) {
      if (!required.contains(name) && !optional.contains(name)) {
        throw ServiceException.badRequest("unknown-field", "unknown member '" + name + "'");
      }
    }
    for (String name : required) {
      if (body.getValue(name) == null) {
        throw ServiceException.badRequest("missing-field", "member '" + name + "' is required");
      }
    }
    return body;
  }

  /** A string member, or the error naming it. */
  public static String string(JsonObject body, String name, int maxLength) {
    Object v = body.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw ServiceException.badRequest("invalid-field", "member '" + name + "' must be a string");
    }
    if (s.length() > maxLength) {
      throw ServiceException.badRequest("invalid-field", "member '" + name + "' is longer than " + maxLength + " characters");
    }
    return s;
  }
}
