package io.rwaprime.common.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per finished request, on the {@code rwa.access} logger, with the request id. */
public final class AccessLog implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger("rwa.access");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addBodyEndHandler(v -> LOG.info("{} {} {} [bytes: {}, ms: {}, remote: {}, request_id: {}]",
        ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(),
        ctx.response().bytesWritten(), (System.nanoTime() - start) / 1_000_000,
        ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().host(),
        RequestIds.of(ctx)));
    ctx.next();
  }
}
