package io.rwaprime.alerts.channels.webhook;

import io.rwaprime.alerts.channels.HttpExchange;
import io.rwaprime.alerts.channels.HttpOutcome;
import io.rwaprime.alerts.channels.Notification;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.alerts.channels.Sender;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;

import java.time.Clock;

/**
 * Posts notifications to users' webhooks. The destination is {@code {"url": "https://…", "secret": "…"}}; the body is
 * {@code {"id", "title", "body", "url", "event"}} ({@code event}: the alert event's JSON), signed as
 * {@link WebhookSignature} describes, with {@code X-RWA-Event-Id} as the idempotency key.
 * <p>
 * Every delivery checks the URL again with {@link SafeTargets} and connects to the address it vetted; redirects are
 * never followed. The answer's status decides the outcome as {@link HttpOutcome} says: 2xx delivered; 429
 * {@code RetryLater} ({@code Retry-After}); 408, 425, 5xx, 302/303/307, network errors and the deadline retryable;
 * 301/308, 410 and the other 4xx a {@code PermanentFailure} (the receiver refuses this request: the same bytes would
 * be refused again).
 */
public final class WebhookSender implements Sender {

  private final SafeTargets targets;
  private final HttpExchange http;
  private final Clock clock;

  /** A sender with its own HTTP client, resolving with the JVM's resolver; {@link #close} it when the verticle stops. */
  public WebhookSender(Vertx vertx, WebhookSettings settings) {
    this(new SafeTargets(vertx, settings.allowHttp(), settings.allowPrivate()),
        new HttpExchange(vertx, settings.limits()), Clock.systemUTC());
  }

  /** For tests: a given resolver (through {@code targets}), client options (trust) and clock. */
  WebhookSender(Vertx vertx, WebhookSettings settings, SafeTargets.Resolver resolver, HttpClientOptions client,
      Clock clock) {
    this(new SafeTargets(resolver, settings.allowHttp(), settings.allowPrivate()),
        new HttpExchange(vertx, settings.limits(), client), clock);
  }

  private WebhookSender(SafeTargets targets, HttpExchange http, Clock clock) {
    this.targets = targets;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public String channel() {
    return "webhook";
  }

  /** Whether {@code url} may be saved as a webhook (see {@link SafeTargets}). */
  public Future<Void> check(String url) {
    return targets.check(url);
  }

  @Override
  public Future<Void> send(Notification n, JsonObject destination) {
    Object url = destination == null ? null : destination.getValue("url");
    Object secret = destination == null ? null : destination.getValue("secret");
    if (!(url instanceof String u)) {
      return Future.failedFuture(new PermanentFailure("webhook destination has no url"));
    }
    if (!(secret instanceof String s) || s.isEmpty()) {
      return Future.failedFuture(new PermanentFailure("webhook destination has no secret"));
    }
    Buffer body = payload(n).toBuffer();
    return targets.vet(u).compose(vetted -> {
      long timestamp = clock.instant().getEpochSecond();
      MultiMap headers = MultiMap.caseInsensitiveMultiMap()
          .add("Content-Type", "application/json")
          .add("User-Agent", "rwa-prime-webhooks/1")
          .add(WebhookSignature.EVENT_ID, n.id())
          .add(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
          .add(WebhookSignature.SIGNATURE, WebhookSignature.sign(s, timestamp, body));
      String what = "webhook " + vetted.host();
      return http.post(vetted.target(), headers, body)
          .recover(err -> Future.failedFuture(new RuntimeException(what + " unreachable: " + err, err)))
          .compose(reply -> HttpOutcome.of(what, reply.status(), reply.header("Retry-After"), clock.instant()));
    });
  }

  /** The body: {@code {"id", "title", "body", "url", "event"}}. */
  static JsonObject payload(Notification n) {
    return new JsonObject()
        .put("id", n.id())
        .put("title", n.title())
        .put("body", n.body())
        .put("url", n.url())
        .put("event", n.data());
  }

  /** Closes the HTTP client. */
  public Future<Void> close() {
    return http.close();
  }
}
