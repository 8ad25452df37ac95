package io.rwaprime.common.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is well formed, otherwise a new
 * UUID. The id is echoed in the response, written in the access log and in every problem body.
 */
public final class RequestIds implements Handler<RoutingContext> {

  /** Header carrying the request id in both directions. */
  public static final String HEADER = "X-Request-Id";

  private static final String KEY = "rwa.requestId";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  /** The id of this request, or null before the handler ran. */
  public static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
