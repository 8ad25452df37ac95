package io.rwaprime.alerts.channels.push;

import io.rwaprime.alerts.channels.Notification;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.alerts.channels.Sender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * iOS push through the APNs provider API: {@code POST /3/device/{token}} over HTTP/2 (TLS, ALPN {@code h2}, one
 * multiplexed connection), authenticated by an ES256 provider token ({@code kid} = key id, {@code iss} = team id,
 * {@code iat}) that is reused for {@link #TOKEN_REUSE} (APNs refuses one older than an hour and throttles more than
 * one new token per 20 minutes). The destination is {@code {"token": "<hex device token>"}}. {@code apns-id} and
 * {@code apns-collapse-id} are a UUID derived from the trigger id, so a repeated delivery is recognisable in Apple's
 * logs and replaces the first on the device.
 * <ul>
 *   <li>200: accepted;</li>
 *   <li>400 {@code BadDeviceToken} / {@code DeviceTokenNotForTopic}, 410 ({@code Unregistered}), or a token that is
 *   not hex: {@link PermanentFailure} (prune it);</li>
 *   <li>403 {@code ExpiredProviderToken}: a new provider token and one more try;</li>
 *   <li>429, 5xx: {@link io.rwaprime.alerts.channels.RetryLater} when {@code Retry-After} came, else retryable
 *   {@link PushRejected}, as is any other status (e.g. 403 {@code InvalidProviderToken}: a configuration error, not
 *   the device's).</li>
 * </ul>
 */
public final class ApnsSender implements Sender {

  /** How long a provider token is reused. */
  static final Duration TOKEN_REUSE = Duration.ofMinutes(50);
  private static final Pattern DEVICE_TOKEN = Pattern.compile("[0-9a-fA-F]{16,400}");

  private final HttpClientAgent client;
  private final ApnsSettings settings;
  private final PrivateKey key;
  private final Clock clock;
  private ProviderToken token;

  private record ProviderToken(String jwt, Instant issuedAt) {
  }

  public ApnsSender(Vertx vertx, ApnsSettings settings) {
    this(vertx, settings, Clock.systemUTC());
  }

  ApnsSender(Vertx vertx, ApnsSettings settings, Clock clock) {
    this.settings = settings;
    this.key = Jose.privateKeyFromPem(settings.privateKeyPem(), "EC");
    this.clock = clock;
    HttpClientOptions options = new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setSsl(true)
        .setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2))
        .setDefaultHost(settings.host())
        .setDefaultPort(settings.port())
        .setConnectTimeout((int) Http.TIMEOUT_MS);
    if (settings.trust() != null) {
      options.setTrustOptions(settings.trust());
    }
    this.client = vertx.createHttpClient(options, new PoolOptions().setHttp2MaxSize(1));
  }

  @Override
  public String channel() {
    return "apns";
  }

  @Override
  public Future<Void> send(Notification n, JsonObject destination) {
    String device = destination == null ? null : destination.getString("token");
    if (device == null || !DEVICE_TOKEN.matcher(device).matches()) {
      return Future.failedFuture(new PermanentFailure("apns destination has no hex device token"));
    }
    Buffer body = payload(n).toBuffer();
    String jwt;
    try {
      jwt = providerToken();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return post(device, jwt, n, body).compose(r -> {
      if (r.status() == 403 && "ExpiredProviderToken".equals(r.reason())) {
        expired(jwt);
        return post(device, providerToken(), n, body);
      }
      return Future.succeededFuture(r);
    }).compose(this::outcome);
  }

  /** Closes the HTTP/2 connection. */
  public Future<Void> close() {
    return client.close();
  }

  /** The {@code apns-id} of a trigger: a name-based UUID, the same for every delivery of that trigger. */
  static String apnsId(String triggerId) {
    return UUID.nameUUIDFromBytes(("apns:" + triggerId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  static JsonObject payload(Notification n) {
    JsonObject p = new JsonObject()
        .put("aps", new JsonObject()
            .put("alert", new JsonObject().put("title", n.title()).put("body", n.body()))
            .put("sound", "default"))
        .put("trigger_id", n.id());
    if (n.url() != null) {
      p.put("url", n.url());
    }
    return p;
  }

  private synchronized String providerToken() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(token.issuedAt().plus(TOKEN_REUSE)) || now.isBefore(token.issuedAt())) {
      String jwt = Jose.sign(new JsonObject().put("alg", "ES256").put("kid", settings.keyId()),
          new JsonObject().put("iss", settings.teamId()).put("iat", now.getEpochSecond()), key);
      token = new ProviderToken(jwt, now);
    }
    return token.jwt();
  }

  /** APNs called {@code jwt} expired: the next send signs a new one (unless another send already did). */
  private synchronized void expired(String jwt) {
    if (token != null && token.jwt().equals(jwt)) {
      token = null;
    }
  }

  private record Reply(int status, String reason, String retryAfter) {
  }

  private Future<Reply> post(String device, String jwt, Notification n, Buffer body) {
    String id = apnsId(n.id());
    RequestOptions req = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setURI("/3/device/" + device)
        .setTimeout(Http.TIMEOUT_MS)
        .putHeader("authorization", "bearer " + jwt)
        .putHeader("apns-topic", settings.topic())
        .putHeader("apns-push-type", "alert")
        .putHeader("apns-priority", "10")
        .putHeader("apns-id", id)
        .putHeader("apns-collapse-id", id)
        .putHeader("content-type", "application/json");
    return client.request(req)
        .compose(r -> r.send(body))
        .compose(resp -> resp.body().map(b -> reply(resp, b)));
  }

  private static Reply reply(HttpClientResponse resp, Buffer body) {
    String reason = null;
    if (body != null && body.length() > 0) {
      try {
        reason = new JsonObject(body).getString("reason");
      } catch (DecodeException | ClassCastException e) {
        reason = Http.excerpt(body.toString(StandardCharsets.UTF_8));
      }
    }
    return new Reply(resp.statusCode(), reason, resp.getHeader("retry-after"));
  }

  private Future<Void> outcome(Reply r) {
    int s = r.status();
    if (s == 200) {
      return Future.succeededFuture();
    }
    if (s == 410 || (s == 400 && ("BadDeviceToken".equals(r.reason()) || "DeviceTokenNotForTopic".equals(r.reason())))) {
      return Future.failedFuture(new PermanentFailure("apns refused the device token: " + s + " " + r.reason()));
    }
    return Future.failedFuture(Http.retryable("apns", s, r.reason(), r.retryAfter(), clock));
  }
}
