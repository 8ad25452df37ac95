package io.rwaprime.ingestion.source;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** One GET whose body is never buffered beyond a limit. */
final class HttpFetch {

  /** How much of a non-2xx body is kept for diagnostics. */
  static final int ERROR_BODY_LIMIT = 2048;

  private HttpFetch() {
  }

  /**
   * Sends the request and reads a 2xx body of at most {@code maxBytes} (after decompression).
   *
   * @return the body; or a failed future with a {@link PollFailure} for a non-2xx status (with its
   *         {@code Retry-After} on 429 and 503), an oversized body (the connection is reset as soon as the limit is
   *         passed, or before reading when {@code Content-Length} says so), or a network error
   */
  static Future<Buffer> get(HttpClientAgent client, RequestOptions options, int maxBytes, Clock clock) {
    return client.request(options)
        .compose(req -> req.send())
        .recover(e -> Future.failedFuture(e instanceof PollFailure ? e : new PollFailure(PollFailure.redacted(e))))
        .compose(resp -> read(resp, maxBytes, clock));
  }

  private static Future<Buffer> read(HttpClientResponse resp, int maxBytes, Clock clock) {
    int status = resp.statusCode();
    if (status < 200 || status > 299) {
      long retryAfter = status == 429 || status == 503
          ? RetryAfter.millis(resp.getHeader(HttpHeaders.RETRY_AFTER), clock.instant()) : -1;
      return body(resp, ERROR_BODY_LIMIT, true).transform(ar -> Future.failedFuture(new PollFailure(
          "HTTP " + status, status, retryAfter,
          ar.succeeded() ? ar.result().toString(StandardCharsets.UTF_8) : "")));
    }
    String length = resp.getHeader(HttpHeaders.CONTENT_LENGTH);
    String encoding = resp.getHeader(HttpHeaders.CONTENT_ENCODING);
    if (length != null && (encoding == null || encoding.equalsIgnoreCase("identity")) && parseLong(length) > maxBytes) {
      resp.exceptionHandler(e -> { }); // the reset below is reported to it
      resp.request().reset();
      return Future.failedFuture(new PollFailure("body of " + length.strip() + " bytes exceeds max-body-bytes "
          + maxBytes, status, -1, ""));
    }
    return body(resp, maxBytes, false);
  }

  /** Reads up to {@code limit} bytes; beyond it, truncates (error bodies) or fails, resetting the stream. */
  private static Future<Buffer> body(HttpClientResponse resp, int limit, boolean truncate) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    resp.exceptionHandler(e -> promise.tryFail(new PollFailure(PollFailure.redacted(e))));
    resp.handler(chunk -> {
      if (promise.future().isComplete()) {
        return;
      }
      if (body.length() + chunk.length() > limit) {
        if (truncate) {
          body.appendBuffer(chunk, 0, limit - body.length());
          promise.tryComplete(body);
        } else {
          promise.tryFail(new PollFailure("body exceeds max-body-bytes " + limit, resp.statusCode(), -1, ""));
        }
        resp.request().reset();
        return;
      }
      body.appendBuffer(chunk);
    });
    resp.endHandler(v -> promise.tryComplete(body));
    return promise.future();
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
