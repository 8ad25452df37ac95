package io.rwaprime.alerts.channels;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP POST to an outside provider, done the way every channel needs it: redirects are never followed (a 3xx is
 * just a reply), the connect has a timeout and the whole exchange a deadline, at most {@link Limits#maxResponseBytes}
 * of the answer are read (the rest is dropped with the connection), and the connection can be pinned to an address
 * vetted beforehand while the request keeps the original host name (Host header, TLS SNI and certificate check).
 * HTTP/1.1 only, with keep-alive connections pooled per (address, host, port).
 */
public final class HttpExchange {

  /**
   * How long an exchange may take and how much of an answer is read.
   *
   * @param connectTimeout   the TCP (and TLS) connect timeout
   * @param deadline         the time from sending to having the reply (status, headers, capped body)
   * @param maxResponseBytes how many bytes of a reply body are kept; a longer body is cut and its connection closed
   * @param poolSize         connections kept per destination
   */
  public record Limits(Duration connectTimeout, Duration deadline, int maxResponseBytes, int poolSize) {

    /** 5 s to connect, 10 s for the whole exchange, 64 KiB of reply, 8 connections per destination. */
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 64 * 1024, 8);

    public Limits {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(deadline, "deadline");
      if (connectTimeout.isNegative() || connectTimeout.isZero() || deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
      if (maxResponseBytes < 0 || poolSize < 1) {
        throw new IllegalArgumentException("maxResponseBytes must be >= 0 and poolSize >= 1");
      }
    }
  }

  /**
   * Where a request goes.
   *
   * @param ssl    https or http
   * @param host   the host name of the URL: the Host header, the TLS server name and the name the certificate must match
   * @param port   the port
   * @param uri    the path and query, e.g. {@code /hook?x=1}
   * @param pinned the address to connect to instead of resolving {@code host} again, or null to resolve it normally
   */
  public record Target(boolean ssl, String host, int port, String uri, InetAddress pinned) {

    public Target {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(uri, "uri");
    }
  }

  /** A reply: its status, headers and body (at most {@link Limits#maxResponseBytes}; {@code truncated} if cut). */
  public record Reply(int status, MultiMap headers, Buffer body, boolean truncated) {

    /** The header's value, or null. */
    public String header(String name) {
      return headers.get(name);
    }
  }

  private final Vertx vertx;
  private final Limits limits;
  private final HttpClient client;

  /** An exchange with its own client; {@link #close} it with the sender. */
  public HttpExchange(Vertx vertx, Limits limits) {
    this(vertx, limits, new HttpClientOptions());
  }

  /**
   * An exchange whose client starts from {@code base} (trust options, a proxy, a name for metrics); the settings this
   * class relies on (HTTP/1.1, timeouts, no redirects, host verification) are set over it.
   */
  public HttpExchange(Vertx vertx, Limits limits, HttpClientOptions base) {
    this.vertx = vertx;
    this.limits = limits;
    HttpClientOptions options = new HttpClientOptions(base)
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setConnectTimeout(Math.toIntExact(limits.connectTimeout().toMillis()))
        .setVerifyHost(true)
        .setMaxRedirects(0)
        .setDecompressionSupported(false);
    this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(limits.poolSize()));
  }

  /** Posts {@code body} with {@code headers} to {@code target}; fails only when no reply came (network, deadline). */
  public Future<Reply> post(Target target, MultiMap headers, Buffer body) {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setSsl(target.ssl())
        .setHost(target.host())
        .setPort(target.port())
        .setURI(target.uri())
        .setFollowRedirects(false)
        .setConnectTimeout(limits.connectTimeout().toMillis())
        .setIdleTimeout(limits.deadline().toMillis())
        .setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(headers));
    if (target.pinned() != null) {
      options.setServer(SocketAddress.inetSocketAddress(target.port(), target.pinned().getHostAddress()));
    }
    Promise<Reply> reply = Promise.promise();
    long deadline = limits.deadline().toMillis();
    long timer = vertx.setTimer(deadline, id -> reply.tryFail(new TimeoutException(
        "no reply from " + target.host() + " within " + deadline + " ms")));
    client.request(options)
        .onSuccess(request -> {
          reply.future().onFailure(err -> request.reset(0, err));
          request.send(body).onComplete(ar -> {
            if (ar.failed()) {
              reply.tryFail(ar.cause());
            } else {
              read(request, ar.result(), reply);
            }
          });
        })
        .onFailure(reply::tryFail);
    return reply.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  private void read(HttpClientRequest request, HttpClientResponse response, Promise<Reply> reply) {
    Buffer kept = Buffer.buffer();
    response.exceptionHandler(reply::tryFail);
    response.handler(chunk -> {
      int room = limits.maxResponseBytes() - kept.length();
      if (chunk.length() <= room) {
        kept.appendBuffer(chunk);
        return;
      }
      kept.appendBuffer(chunk, 0, Math.max(0, room));
      if (reply.tryComplete(new Reply(response.statusCode(), response.headers(), kept, true))) {
        request.reset();
      }
    });
    response.endHandler(v -> reply.tryComplete(new Reply(response.statusCode(), response.headers(), kept, false)));
  }

  /** Closes the client and its pooled connections. */
  public Future<Void> close() {
    return client.close();
  }
}
