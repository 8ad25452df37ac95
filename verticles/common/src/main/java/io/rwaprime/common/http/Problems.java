package io.rwaprime.common.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * Writes RFC 9457 {@code application/problem+json} bodies. The {@code type} is a stable URI per error
 * code; {@code instance} is the request path; every problem carries the request id.
 */
public final class Problems {

  /** Media type of RFC 9457 problem details. */
  public static final String MEDIA_TYPE = "application/problem+json";
  /** Base of the problem type URIs; the code is appended. */
  public static final String TYPE_BASE = "https://rwa-prime.io/problems/";

  private static final Map<Integer, String> TITLES = Map.ofEntries(
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
      Map.entry(409, "Conflict"), Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
      Map.entry(422, "Unprocessable Content"), Map.entry(429, "Too Many Requests"),
      Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

  private Problems() {}

  /** Builds a problem body. */
  public static JsonObject body(int status, String code, String detail, String instance, String requestId) {
    JsonObject problem = new JsonObject()
        .put("type", TYPE_BASE + code)
        .put("title", TITLES.getOrDefault(status, status >= 500 ? "Server Error" : "Client Error"))
        .put("status", status);
    if (detail != null && !detail.isBlank()) {
      problem.put("detail", detail);
    }
    if (instance != null) {
      problem.put("instance", instance);
    }
    if (requestId != null) {
      problem.put("request_id", requestId);
    }
    return problem;
  }

  /** Ends the exchange with a problem body; extension members are added as they are. */
  public static void send(RoutingContext ctx, int status, String code, String detail, JsonObject extensions) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    JsonObject problem = body(status, code, detail, ctx.request().path(), RequestIds.of(ctx));
    if (extensions != null) {
      extensions.forEach(e -> problem.put(e.getKey(), e.getValue()));
    }
    response.setStatusCode(status)
        .putHeader("Content-Type", MEDIA_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(problem.toBuffer());
  }

  /** Ends the exchange with the problem a {@link ServiceException} describes. */
  public static void send(RoutingContext ctx, ServiceException e) {
    send(ctx, e.status(), e.code(), e.status() >= 500 && e.status() != 501 && e.status() != 503 ? null : e.getMessage(),
        e.extensions());
  }
}
