package io.rwaprime.alerts.channels.push;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;

/**
 * OAuth 2.0 access tokens of a Google service account by the JWT bearer grant (RFC 7523): an RS256 assertion
 * ({@code iss} = the account, {@code scope}, {@code aud} = the token endpoint, an hour at most) exchanged at the token
 * endpoint. A token is reused until shortly before it expires; concurrent callers share one exchange.
 */
final class GoogleAccessTokens {

  static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
  static final long ASSERTION_SECONDS = 3600;

  private final WebClient client;
  private final FcmSettings settings;
  private final PrivateKey key;
  private final Clock clock;
  private Token current;
  private Future<Token> pending;

  private record Token(String value, Instant refreshAt) {
  }

  GoogleAccessTokens(WebClient client, FcmSettings settings, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.key = Jose.privateKeyFromPem(settings.privateKeyPem(), "RSA");
    this.clock = clock;
  }

  /** A valid access token: the cached one, or a new one. */
  synchronized Future<String> get() {
    if (current != null && clock.instant().isBefore(current.refreshAt())) {
      return Future.succeededFuture(current.value());
    }
    Future<Token> f = pending;
    if (f == null) {
      Future<Token> started;
      try {
        started = exchange();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      pending = started;
      started.onComplete(ar -> {
        synchronized (this) {
          if (pending == started) {
            pending = null;
          }
          if (ar.succeeded()) {
            current = ar.result();
          }
        }
      });
      f = started;
    }
    return f.map(Token::value);
  }

  /** Drops {@code token} (the API refused it), so that the next {@link #get} fetches a new one. */
  synchronized void invalidate(String token) {
    if (current != null && current.value().equals(token)) {
      current = null;
    }
  }

  private Future<Token> exchange() {
    long now = clock.instant().getEpochSecond();
    JsonObject header = new JsonObject().put("alg", "RS256").put("typ", "JWT");
    if (settings.privateKeyId() != null && !settings.privateKeyId().isBlank()) {
      header.put("kid", settings.privateKeyId());
    }
    String assertion = Jose.sign(header, new JsonObject()
        .put("iss", settings.clientEmail())
        .put("scope", SCOPE)
        .put("aud", settings.tokenUri())
        .put("iat", now)
        .put("exp", now + ASSERTION_SECONDS), key);
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
        .add("assertion", assertion);
    return client.postAbs(settings.tokenUri())
        .timeout(Http.TIMEOUT_MS)
        .putHeader("accept", "application/json")
        .sendForm(form)
        .map(this::token);
  }

  private Token token(HttpResponse<?> resp) {
    String body = resp.bodyAsString();
    if (resp.statusCode() != 200) {
      throw new PushRejected("the OAuth token endpoint", resp.statusCode(), Http.excerpt(body));
    }
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (DecodeException | NullPointerException e) {
      throw new PushRejected("the OAuth token endpoint", resp.statusCode(), "not JSON");
    }
    String value = json.getString("access_token");
    if (value == null || value.isBlank()) {
      throw new PushRejected("the OAuth token endpoint", resp.statusCode(), "no access_token");
    }
    long expiresIn = json.getValue("expires_in") instanceof Number n ? n.longValue() : ASSERTION_SECONDS;
    long margin = Math.min(300, expiresIn / 10);
    return new Token(value, clock.instant().plusSeconds(Math.max(0, expiresIn - margin)));
  }
}
