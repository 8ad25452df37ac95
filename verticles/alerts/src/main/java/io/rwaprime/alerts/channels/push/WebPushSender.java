package io.rwaprime.alerts.channels.push;

import io.rwaprime.alerts.channels.Notification;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.alerts.channels.Sender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;

/**
 * Web Push (RFC 8030) to the dashboard PWA: the notification as JSON ({@code trigger_id}, {@code title}, {@code body},
 * {@code url}, {@code data}), encrypted to the subscription (RFC 8291, {@code aes128gcm}, {@link WebPushCrypto}) and
 * sent with VAPID (RFC 8292: {@code Authorization: vapid t=<ES256 JWT>, k=<public key>}), {@code TTL},
 * {@code Urgency: high} and a {@code Topic} derived from the trigger id (a repeat replaces an undelivered first copy).
 * The destination is the browser's {@code PushSubscription.toJSON()}: {@code {"endpoint", "keys": {"p256dh",
 * "auth"}}}.
 * <ul>
 *   <li>2xx: accepted;</li>
 *   <li>404, 410 (the subscription is gone), a malformed subscription, or an endpoint the settings refuse:
 *   {@link PermanentFailure} (prune it);</li>
 *   <li>429, 5xx: {@link io.rwaprime.alerts.channels.RetryLater} when {@code Retry-After} came, else retryable
 *   {@link PushRejected}, as is any other status (400, 403: a VAPID or request problem of ours, 413).</li>
 * </ul>
 */
public final class WebPushSender implements Sender {

  /** The VAPID JWT's lifetime (RFC 8292 allows at most 24 hours). */
  static final Duration JWT_LIFETIME = Duration.ofHours(12);

  private final WebClient client;
  private final WebPushSettings settings;
  private final ECPrivateKey vapidKey;
  private final Clock clock;

  public WebPushSender(Vertx vertx, WebPushSettings settings) {
    this(vertx, settings, Clock.systemUTC());
  }

  WebPushSender(Vertx vertx, WebPushSettings settings, Clock clock) {
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
        .setUserAgent("rwa-prime-alerts").setConnectTimeout((int) Http.TIMEOUT_MS));
    this.settings = settings;
    this.vapidKey = settings.vapid().signingKey();
    this.clock = clock;
  }

  @Override
  public String channel() {
    return "webpush";
  }

  @Override
  public Future<Void> send(Notification n, JsonObject destination) {
    URI endpoint;
    ECPublicKey p256dh;
    byte[] auth;
    try {
      endpoint = settings.checkEndpoint(destination == null ? null : destination.getString("endpoint"));
      JsonObject keys = destination.getJsonObject("keys");
      p256dh = P256.publicKey(Jose.b64urlDecode(keys.getString("p256dh")));
      auth = Jose.b64urlDecode(keys.getString("auth"));
      if (auth.length != 16) {
        throw new IllegalArgumentException("the auth secret has " + auth.length + " bytes, not 16");
      }
    } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
      return Future.failedFuture(new PermanentFailure("webpush subscription unusable: "
          + (e.getMessage() == null ? "keys missing" : e.getMessage())));
    }
    byte[] body;
    try {
      body = WebPushCrypto.encrypt(plaintext(n), p256dh, auth);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return client.postAbs(endpoint.toString())
        .timeout(Http.TIMEOUT_MS)
        .putHeader("authorization", vapidAuthorization(endpoint))
        .putHeader("ttl", Long.toString(settings.ttl().toSeconds()))
        .putHeader("urgency", "high")
        .putHeader("topic", topic(n.id()))
        .putHeader("content-encoding", "aes128gcm")
        .putHeader("content-type", "application/octet-stream")
        .sendBuffer(Buffer.buffer(body))
        .compose(this::outcome);
  }

  /** Closes the HTTP client. */
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }

  /** {@code vapid t=<JWT>, k=<public key>} for an endpoint (the JWT's {@code aud} is the endpoint's origin). */
  String vapidAuthorization(URI endpoint) {
    long now = clock.instant().getEpochSecond();
    String jwt = Jose.sign(new JsonObject().put("typ", "JWT").put("alg", "ES256"), new JsonObject()
        .put("aud", origin(endpoint))
        .put("exp", now + JWT_LIFETIME.toSeconds())
        .put("sub", settings.subject()), vapidKey);
    return "vapid t=" + jwt + ", k=" + settings.vapid().publicKey();
  }

  /** The ASCII serialisation of a URI's origin (RFC 6454): scheme, host, and the port unless it is the default. */
  static String origin(URI uri) {
    String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }

  /** RFC 8030 §5.4 topic: 32 base64url characters of SHA-256 of the trigger id. */
  static String topic(String triggerId) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(triggerId.getBytes(StandardCharsets.UTF_8));
      return Jose.b64url(h).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON the service worker receives; {@code data} is dropped, then the body shortened, to fit one record. */
  static byte[] plaintext(Notification n) {
    JsonObject json = new JsonObject().put("trigger_id", n.id()).put("title", n.title()).put("body", n.body())
        .put("url", n.url()).put("data", n.data());
    byte[] bytes = json.encode().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > WebPushCrypto.MAX_PLAINTEXT) {
      json.remove("data");
      bytes = json.encode().getBytes(StandardCharsets.UTF_8);
    }
    String body = n.body();
    while (bytes.length > WebPushCrypto.MAX_PLAINTEXT && !body.isEmpty()) {
      int over = bytes.length - WebPushCrypto.MAX_PLAINTEXT;
      body = body.substring(0, Math.max(0, body.length() - Math.max(over, 1) - 1));
      json.put("body", body + "…");
      bytes = json.encode().getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }

  private Future<Void> outcome(HttpResponse<Buffer> resp) {
    int s = resp.statusCode();
    if (s >= 200 && s < 300) {
      return Future.succeededFuture();
    }
    String reason = Http.excerpt(resp.bodyAsString());
    if (s == 404 || s == 410) {
      return Future.failedFuture(new PermanentFailure("webpush subscription gone: " + s
          + (reason == null || reason.isEmpty() ? "" : " " + reason)));
    }
    return Future.failedFuture(Http.retryable("webpush", s, reason, resp.getHeader("retry-after"), clock));
  }
}
