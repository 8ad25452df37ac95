package io.rwaprime.common.http;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: RFC 9457 problems, never a stack trace or an
 * internal message on a 5xx (the log has them, keyed by request id).
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ServiceException e) {
      if (e.status() >= 500) {
        LOG.warn("request failed [status: {}, code: {}, request_id: {}]", e.status(), e.code(), RequestIds.of(ctx),
            e.getCause());
      }
      Problems.send(ctx, e);
      return;
    }
    if (failure instanceof ReplyException e) {
      Problems.send(ctx, ServiceException.fromReply(e));
      return;
    }
    if (failure instanceof DecodeException) {
      Problems.send(ctx, 400, "malformed-json", "the request body is not valid JSON", null);
      return;
    }
    if (failure instanceof HttpException e) {
      sendStatus(ctx, e.getStatusCode(), e.getPayload());
      return;
    }
    int status = ctx.statusCode();
    // a handler of vertx-web (CORS, body limits…) failed the request with a client-error status
    if (status >= 400 && status < 500) {
      sendStatus(ctx, status, null);
      return;
    }
    if (failure == null && status >= 400) {
      sendStatus(ctx, status, null);
      return;
    }
    LOG.error("unhandled failure [path: {}, request_id: {}]", ctx.request().path(), RequestIds.of(ctx), failure);
    Problems.send(ctx, 500, "internal-error", null, null);
  }

  private static void sendStatus(RoutingContext ctx, int status, String payload) {
    switch (status) {
      case 403 -> Problems.send(ctx, 403, "forbidden", "the request was refused (e.g. an origin that is not allowed)", null);
      case 404 -> Problems.send(ctx, 404, "not-found", "no resource at " + ctx.request().path(), null);
      case 405 -> Problems.send(ctx, 405, "method-not-allowed",
          ctx.request().method() + " is not allowed on " + ctx.request().path(), null);
      case 413 -> Problems.send(ctx, 413, "body-too-large", "the request body exceeds the size limit", null);
      case 415 -> Problems.send(ctx, 415, "unsupported-media-type", "unsupported Content-Type", null);
      case 400 -> Problems.send(ctx, 400, "bad-request", payload, null);
      default -> Problems.send(ctx, status, status >= 500 ? "internal-error" : "error", status >= 500 ? null : payload, null);
    }
  }
}
