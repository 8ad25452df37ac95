package io.rwaprime.api.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Enterprise API keys: {@code rwa_<key id, 32 hex>_<secret, 43 base64url>}. The full key is returned once, at
 * creation; only SHA-256 of the secret is stored, compared in constant time. A key carries scopes
 * ({@code market_data}, {@code portfolio}, {@code alerts}) and the tier of its owner at the time of use.
 */
public final class ApiKeys {

  private static final Pattern FORMAT = Pattern.compile("rwa_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;

  public ApiKeys(Pool pool) {
    this.pool = pool;
  }

  static boolean looksLikeKey(String s) {
    return s != null && s.startsWith("rwa_");
  }

  /** A created key: its public description and the secret key string, shown once. */
  record Created(JsonObject description, String key) {}

  Future<Created> create(UUID userId, String name, Set<String> scopes) {
    UUID id = UUID.randomUUID();
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String encodedSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String key = "rwa_" + id.toString().replace("-", "") + "_" + encodedSecret;
    return pool.preparedQuery("INSERT INTO api_keys (key_id, user_id, name, secret_hash, scopes) VALUES ($1, $2, $3, $4, $5) "
            + "RETURNING key_id, name, scopes, created_at, last_used_at, revoked_at")
        .execute(Tuple.of(id, userId, name, Buffer.buffer(TokenService.sha256(encodedSecret)), scopes.stream().sorted().toArray(String[]::new)))
        .map(rows -> new Created(describe(rows.iterator().next()), key));
  }

  Future<JsonArray> list(UUID userId) {
    return pool.preparedQuery("SELECT key_id, name, scopes, created_at, last_used_at, revoked_at FROM api_keys "
            + "WHERE user_id = $1 ORDER BY created_at DESC")
        .execute(Tuple.of(userId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(describe(r)));
          return out;
        });
  }

  /** Revokes the caller's own key; false when {@code keyId} is not a live key of {@code userId}. */
  Future<Boolean> revoke(UUID userId, UUID keyId) {
    return pool.preparedQuery("UPDATE api_keys SET revoked_at = now() WHERE key_id = $1 AND user_id = $2 AND revoked_at IS NULL "
            + "RETURNING key_id")
        .execute(Tuple.of(keyId, userId)).map(rows -> rows.size() == 1);
  }

  /** The principal of a live key, or empty for a malformed, unknown, revoked or wrong key. */
  Future<Optional<Principal>> authenticate(String key) {
    var m = FORMAT.matcher(key);
    if (!m.matches()) {
      return Future.succeededFuture(Optional.empty());
    }
    UUID id = UUID.fromString(m.group(1).replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
    byte[] presented = TokenService.sha256(m.group(2));
    return pool.preparedQuery("""
            SELECT k.user_id, k.secret_hash, k.scopes, u.tier, u.role, u.disabled_at IS NOT NULL AS disabled,
                   k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute' AS stale
            FROM api_keys k JOIN users u USING (user_id)
            WHERE k.key_id = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())""")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<Principal>empty();
          }
          Row r = rows.iterator().next();
          if (!MessageDigest.isEqual(r.getBuffer("secret_hash").getBytes(), presented) || r.getBoolean("disabled")) {
            return Optional.<Principal>empty();
          }
          if (r.getBoolean("stale")) {
            pool.preparedQuery("UPDATE api_keys SET last_used_at = now() WHERE key_id = $1").execute(Tuple.of(id));
          }
          Tier tier = Tier.parse(r.getString("tier")).orElse(Tier.EXPLORER);
          return Optional.of(new Principal(r.getUUID("user_id"), tier, false,
              Set.of(r.getArrayOfStrings("scopes")), Principal.Via.API_KEY, id.toString()));
        });
  }

  private static JsonObject describe(Row r) {
    UUID id = r.getUUID("key_id");
    return new JsonObject()
        .put("key_id", id.toString())
        .put("name", r.getString("name"))
        .put("prefix", "rwa_" + id.toString().replace("-", "").substring(0, 8))
        .put("scopes", new JsonArray(List.of(r.getArrayOfStrings("scopes"))))
        .put("created_at", String.valueOf(r.getOffsetDateTime("created_at").toInstant()))
        .put("last_used_at", r.getOffsetDateTime("last_used_at") == null ? null : r.getOffsetDateTime("last_used_at").toInstant().toString())
        .put("revoked", r.getValue("revoked_at") != null);
  }

}
