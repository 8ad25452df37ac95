package io.rwaprime.alerts.channels.push;

import io.rwaprime.alerts.channels.Notification;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.alerts.channels.Sender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Mobile push through Firebase Cloud Messaging, HTTP v1 API: {@code POST {base}/v1/projects/{project}/messages:send}
 * with an OAuth 2.0 access token of the project's service account ({@link GoogleAccessTokens}, cached). The
 * destination is {@code {"token": "<FCM registration token>"}}.
 * <ul>
 *   <li>200: accepted;</li>
 *   <li>404, or 400 {@code UNREGISTERED}, or 400 {@code INVALID_ARGUMENT} about {@code message.token}, or 403
 *   {@code SENDER_ID_MISMATCH}: {@link PermanentFailure} (the token is dead or not ours; prune it);</li>
 *   <li>401: the access token is refreshed and the send tried once more;</li>
 *   <li>429, 5xx: {@link io.rwaprime.alerts.channels.RetryLater} when {@code Retry-After} came, else retryable
 *   {@link PushRejected}; any other status is a retryable {@link PushRejected} too (a 400 about the message rather
 *   than the token is our fault, not the device's, so the token is kept).</li>
 * </ul>
 */
public final class FcmSender implements Sender {

  private final WebClient client;
  private final GoogleAccessTokens tokens;
  private final String sendUrl;
  private final Clock clock;

  public FcmSender(Vertx vertx, FcmSettings settings) {
    this(vertx, settings, Clock.systemUTC());
  }

  FcmSender(Vertx vertx, FcmSettings settings, Clock clock) {
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
        .setUserAgent("rwa-prime-alerts"));
    this.tokens = new GoogleAccessTokens(client, settings, clock);
    this.sendUrl = settings.baseUrl() + "/v1/projects/"
        + URLEncoder.encode(settings.projectId(), StandardCharsets.UTF_8) + "/messages:send";
    this.clock = clock;
  }

  @Override
  public String channel() {
    return "fcm";
  }

  @Override
  public Future<Void> send(Notification n, JsonObject destination) {
    String token = destination == null ? null : destination.getString("token");
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new PermanentFailure("fcm destination has no token"));
    }
    Buffer body = message(n, token).toBuffer();
    return tokens.get()
        .compose(access -> post(access, body).compose(resp -> {
          if (resp.statusCode() != 401) {
            return Future.succeededFuture(resp);
          }
          tokens.invalidate(access);
          return tokens.get().compose(fresh -> post(fresh, body));
        }))
        .compose(this::outcome);
  }

  /** Closes the HTTP client. */
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }

  static JsonObject message(Notification n, String token) {
    JsonObject data = new JsonObject().put("trigger_id", n.id());
    if (n.url() != null) {
      data.put("url", n.url());
    }
    return new JsonObject().put("message", new JsonObject()
        .put("token", token)
        .put("notification", new JsonObject().put("title", n.title()).put("body", n.body()))
        .put("data", data));
  }

  private Future<HttpResponse<Buffer>> post(String accessToken, Buffer body) {
    return client.postAbs(sendUrl)
        .timeout(Http.TIMEOUT_MS)
        .putHeader("authorization", "Bearer " + accessToken)
        .putHeader("content-type", "application/json; charset=utf-8")
        .sendBuffer(body);
  }

  private Future<Void> outcome(HttpResponse<Buffer> resp) {
    int status = resp.statusCode();
    if (status == 200) {
      return Future.succeededFuture();
    }
    FcmError e = FcmError.of(resp.bodyAsString());
    if (status == 404 || "UNREGISTERED".equals(e.errorCode())
        || (status == 400 && e.aboutToken())
        || (status == 403 && "SENDER_ID_MISMATCH".equals(e.errorCode()))) {
      return Future.failedFuture(new PermanentFailure("fcm refused the token: " + status + " "
          + (e.errorCode() != null ? e.errorCode() : e.status()) + (e.message() == null ? "" : " (" + e.message() + ")")));
    }
    String reason = e.errorCode() != null ? e.errorCode() + ": " + e.message() : Http.excerpt(resp.bodyAsString());
    return Future.failedFuture(Http.retryable("fcm", status, reason, resp.getHeader("retry-after"), clock));
  }

  /** The parts of an FCM v1 error body ({@code google.rpc.Status} with {@code FcmError} details) used here. */
  record FcmError(String status, String message, String errorCode, boolean aboutToken) {

    static FcmError of(String body) {
      try {
        return parse(body == null ? null : new JsonObject(body).getJsonObject("error"));
      } catch (DecodeException | ClassCastException e) {
        return new FcmError(null, null, null, false);
      }
    }

    private static FcmError parse(JsonObject error) {
      if (error == null) {
        return new FcmError(null, null, null, false);
      }
      String errorCode = null;
      boolean aboutToken = false;
      JsonArray details = error.getJsonArray("details", new JsonArray());
      for (Object d : details) {
        if (d instanceof JsonObject detail) {
          String type = detail.getString("@type", "");
          if (type.endsWith("google.firebase.fcm.v1.FcmError")) {
            errorCode = detail.getString("errorCode");
          }
          for (Object v : detail.getJsonArray("fieldViolations", new JsonArray())) {
            if (v instanceof JsonObject violation && "message.token".equals(violation.getString("field"))) {
              aboutToken = true;
            }
          }
        }
      }
      String message = error.getString("message");
      if ("INVALID_ARGUMENT".equals(errorCode) && message != null && message.contains("registration token")) {
        aboutToken = true;
      }
      return new FcmError(error.getString("status"), message, errorCode, aboutToken);
    }
  }
}
