package io.rwaprime.api.auth;

import io.rwaprime.common.auth.Jwt;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

/**
 * Authentication for {@code /api/*}: establishes the {@link Principal} from {@code Authorization: Bearer <access
 * JWT>}, {@code Authorization: Bearer rwa_…} or {@code X-API-Key: rwa_…}; no credentials leave the caller
 * anonymous (routes decide with {@link Guards}). Credentials that are present but invalid are refused here with
 * 401 and {@code WWW-Authenticate} (RFC 6750), never silently ignored. Access tokens revoked by logout are
 * refused until they expire: the logout is published on {@code rwa.auth.revoked} to every api instance, and a token
 * first seen by an instance is also looked up in the shared store. A verified token is remembered until it expires,
 * so the RSA verification is paid once per token and process, not once per request.
 */
public final class AuthHandler implements Handler<RoutingContext> {

  static final String REVOKED_PREFIX = "jwt:revoked:";
  static final String INGEST_PATH = "/api/v1/ingest/";
  private static final int MAX_ENTRIES = 100_000;

  /** A token already verified in this process, kept until it expires (an RSA verification per request is dear). */
  private record Verified(Principal principal, long exp) {}

  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final Map<String, Long> revoked = new ConcurrentHashMap<>();

  private final Jwt jwt;
  private final ApiKeys apiKeys;
  private final KeyValueStore cache;
  private final Clock clock;
  private final byte[] adminToken;

  AuthHandler(Jwt jwt, ApiKeys apiKeys, KeyValueStore cache, Clock clock, String adminToken) {
    this.adminToken = adminToken.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    this.jwt = jwt;
    this.apiKeys = apiKeys;
    this.cache = cache;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().path().startsWith(INGEST_PATH)) {
      // push ingestion (ingestion role) authenticates data providers with its own ingest keys
      ctx.next();
      return;
    }
    String authorization = ctx.request().getHeader("Authorization");
    String apiKey = ctx.request().getHeader("X-API-Key");
    if (authorization == null && apiKey == null) {
      ctx.next();
      return;
    }
    String credential;
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        refuse(ctx, "invalid_request", "use the Bearer scheme");
        return;
      }
      credential = authorization.substring(7).trim();
    } else {
      credential = apiKey.trim();
    }
    if (adminToken.length > 0 && authorization != null && java.security.MessageDigest.isEqual(adminToken,
        credential.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      ctx.put(Principal.KEY, Principal.breakGlass());
      ctx.next();
      return;
    }
    if (ApiKeys.looksLikeKey(credential)) {
      apiKeys.authenticate(credential).onComplete(ar -> {
        if (ar.failed()) {
          ctx.fail(ServiceException.unavailable("the account store", ar.cause()));
        } else if (ar.result().isEmpty()) {
          refuse(ctx, "invalid_token", "the API key is invalid or revoked");
        } else {
          ctx.put(Principal.KEY, ar.result().get());
          ctx.next();
        }
      });
      return;
    }
    if (apiKey != null && authorization == null) {
      refuse(ctx, "invalid_token", "X-API-Key must hold an API key (rwa_…)");
      return;
    }
    Instant now = clock.instant();
    Verified known = verified.get(credential);
    if (known != null) {
      if (now.getEpochSecond() >= known.exp()) {
        verified.remove(credential);
        refuse(ctx, "invalid_token", "the token has expired");
      } else if (revoked.containsKey(known.principal().tokenId())) {
        refuse(ctx, "invalid_token", "the token was revoked (logged out)");
      } else {
        ctx.put(Principal.KEY, known.principal());
        ctx.next();
      }
      return;
    }
    JsonObject claims;
    try {
      claims = jwt.verify(credential, Jwt.TYP_ACCESS, now);
    } catch (Jwt.InvalidTokenException e) {
      refuse(ctx, "invalid_token", e.getMessage());
      return;
    }
    Principal principal;
    long exp;
    try {
      principal = new Principal(UUID.fromString(claims.getString("sub")),
          Tier.parse(claims.getString("tier")).orElseThrow(), Boolean.TRUE.equals(claims.getValue("adm")),
          Principal.ALL_SCOPES, Principal.Via.ACCESS_TOKEN, claims.getString("jti"));
      exp = claims.getLong("exp");
    } catch (RuntimeException e) {
      refuse(ctx, "invalid_token", "the token's claims are malformed");
      return;
    }
    // first sight of this token in this process: ask the shared store whether it was revoked before we started
    cache.get(REVOKED_PREFIX + principal.tokenId()).onComplete(ar -> {
      if ((ar.succeeded() && ar.result().isPresent()) || revoked.containsKey(principal.tokenId())) {
        refuse(ctx, "invalid_token", "the token was revoked (logged out)");
        return;
      }
      // a cache that does not answer must not lock everyone out: revocation is best effort, expiry is not
      remember(credential, new Verified(principal, exp));
      ctx.put(Principal.KEY, principal);
      ctx.next();
    });
  }

  /** Called for every revocation published on the bus: refuse the token from now on, everywhere. */
  void revoked(String jti, long exp) {
    revoked.put(jti, exp);
    verified.values().removeIf(v -> v.principal().tokenId().equals(jti));
    if (revoked.size() > MAX_ENTRIES) {
      long now = clock.instant().getEpochSecond();
      revoked.values().removeIf(e -> e < now);
    }
  }

  private void remember(String token, Verified v) {
    if (verified.size() >= MAX_ENTRIES) {
      long now = clock.instant().getEpochSecond();
      verified.values().removeIf(e -> e.exp() <= now);
      if (verified.size() >= MAX_ENTRIES) {
        verified.clear();
      }
    }
    verified.put(token, v);
  }

  static void refuse(RoutingContext ctx, String error, String detail) {
    // RFC 6750 §3: no error code when the request carried no credentials at all
    ctx.response().putHeader("WWW-Authenticate",
        "Bearer realm=\"rwa-prime\"" + (error == null ? "" : ", error=\"" + error + "\""));
    ctx.fail(new ServiceException(401, "unauthorized", detail));
  }
}
