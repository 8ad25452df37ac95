package io.rwaprime.fanout;

import io.rwaprime.common.auth.Jwt;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who opens {@code /api/v1/stream}: an access token ({@code ?access_token=} or {@code Authorization: Bearer}) or an
 * API key with the {@code market_data} scope ({@code ?api_key=} or {@code X-API-Key}). API keys are checked against
 * the {@code api_keys} table as the api role stores them: {@code rwa_<key id, 32 hex>_<secret>}, SHA-256 of the
 * secret, constant-time comparison, live key of an enabled user.
 */
final class StreamAuth {

  private static final Pattern KEY = Pattern.compile("rwa_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");

  private final Tokens tokens;
  private final Optional<Pool> pool;

  /** The authenticated caller; {@code expires} is null for API keys. */
  record Caller(String userId, Instant expires) {}

  StreamAuth(Tokens tokens, Optional<Pool> pool) {
    this.tokens = tokens;
    this.pool = pool;
  }

  /** The caller, or empty when the request carries no valid credential. */
  Future<Optional<Caller>> authenticate(RoutingContext ctx) {
    String token = Optional.ofNullable(ctx.request().getParam("access_token"))
        .orElse(Tokens.bearer(ctx.request().getHeader("Authorization")));
    if (token != null) {
      try {
        Tokens.Identity id = tokens.verify(token);
        return Future.succeededFuture(Optional.of(new Caller(id.userId(), id.expires())));
      } catch (Jwt.InvalidTokenException e) {
        return Future.succeededFuture(Optional.empty());
      }
    }
    String key = Optional.ofNullable(ctx.request().getParam("api_key")).orElse(ctx.request().getHeader("X-API-Key"));
    return key == null ? Future.succeededFuture(Optional.empty()) : apiKey(key);
  }

  private Future<Optional<Caller>> apiKey(String key) {
    Matcher m = KEY.matcher(key);
    if (!m.matches() || pool.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    UUID id = UUID.fromString(m.group(1).replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
    byte[] presented = sha256(m.group(2));
    return pool.get().preparedQuery("""
            SELECT k.user_id, k.secret_hash, k.scopes FROM api_keys k JOIN users u USING (user_id)
            WHERE k.key_id = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())
              AND u.disabled_at IS NULL""")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<Caller>empty();
          }
          Row r = rows.iterator().next();
          boolean ok = MessageDigest.isEqual(r.getBuffer("secret_hash").getBytes(), presented)
              && Arrays.asList(r.getArrayOfStrings("scopes")).contains("market_data");
          return ok ? Optional.of(new Caller(r.getUUID("user_id").toString(), null)) : Optional.<Caller>empty();
        });
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
