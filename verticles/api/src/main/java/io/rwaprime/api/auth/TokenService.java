package io.rwaprime.api.auth;

import io.rwaprime.common.auth.Jwt;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Issues and rotates tokens. Access tokens are RS256 JWTs of {@code typ} {@code at+jwt} (sub, tier, adm, jti)
 * living {@code access-ttl}; refresh tokens are opaque ({@code <token id>.<secret>}), stored as SHA-256 of the
 * secret, living {@code refresh-ttl}, single use: each refresh spends the token and returns a successor in the
 * same family, and a spent token presented again revokes the whole family (RFC 9700 §4.14.2).
 */
public final class TokenService {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Jwt jwt;
  private final AccountRepository accounts;
  private final RwaConfig.Auth cfg;
  private final Clock clock;

  TokenService(Jwt jwt, AccountRepository accounts, RwaConfig.Auth cfg, Clock clock) {
    this.jwt = jwt;
    this.accounts = accounts;
    this.cfg = cfg;
    this.clock = clock;
  }

  /** A new session (a new refresh-token family) for {@code account}. */
  Future<JsonObject> issue(Account account) {
    return issue(account, UUID.randomUUID());
  }

  private Future<JsonObject> issue(Account account, UUID family) {
    Instant now = clock.instant();
    String access = jwt.sign(Jwt.TYP_ACCESS, new JsonObject()
        .put("sub", account.id().toString())
        .put("tier", account.tier().wire())
        .put("adm", account.admin())
        .put("iat", now.getEpochSecond())
        .put("exp", now.plus(cfg.accessTtl()).getEpochSecond())
        .put("jti", UUID.randomUUID().toString()));
    UUID tokenId = UUID.randomUUID();
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String refresh = tokenId + "." + B64.encodeToString(secret);
    return accounts.insertRefresh(tokenId, family, account.id(), sha256(secret), now.plus(cfg.refreshTtl()))
        .map(v -> new JsonObject()
            .put("access_token", access)
            .put("token_type", "Bearer")
            .put("expires_in", cfg.accessTtl().toSeconds())
            .put("refresh_token", refresh)
            .put("refresh_expires_in", cfg.refreshTtl().toSeconds()));
  }

  /** The short-lived token that carries a password-verified login to its 2FA step. */
  String challenge(Account account) {
    Instant now = clock.instant();
    return jwt.sign(Jwt.TYP_2FA_CHALLENGE, new JsonObject()
        .put("sub", account.id().toString())
        .put("iat", now.getEpochSecond())
        .put("exp", now.plus(cfg.challengeTtl()).getEpochSecond())
        .put("jti", UUID.randomUUID().toString()));
  }

  /** The account id in a valid 2FA challenge token. */
  UUID verifyChallenge(String token) {
    try {
      return UUID.fromString(jwt.verify(token, Jwt.TYP_2FA_CHALLENGE, clock.instant()).getString("sub"));
    } catch (Jwt.InvalidTokenException | IllegalArgumentException e) {
      throw new ServiceException(401, "invalid-challenge", "the 2FA challenge token is invalid or has expired; log in again");
    }
  }

  /**
   * Spends {@code presented} and returns the successor tokens; a spent token presented again revokes the
   * family and fails with {@code refresh-token-reused}.
   */
  Future<JsonObject> rotate(String presented) {
    Parsed p = parse(presented);
    return accounts.refresh(p.id).compose(found -> {
      if (found.isEmpty() || !MessageDigest.isEqual(found.get().secretHash(), sha256(p.secret))) {
        return Future.failedFuture(invalid());
      }
      AccountRepository.RefreshRow row = found.get();
      if (row.revoked() || row.expired()) {
        return Future.failedFuture(invalid());
      }
      if (row.spent()) {
        return reused(row);
      }
      return accounts.spendRefresh(p.id).compose(spent -> spent
          ? accounts.byId(row.userId()).compose(acct -> acct.isEmpty() || acct.get().disabled()
              ? Future.failedFuture(invalid()) : issue(acct.get(), row.familyId()))
          : reused(row));
    });
  }

  private Future<JsonObject> reused(AccountRepository.RefreshRow row) {
    return accounts.revokeFamily(row.familyId(), "refresh token reused")
        .compose(n -> accounts.audit(row.userId(), "token.refresh_reuse", null, null,
            new JsonObject().put("family_id", row.familyId().toString()).put("revoked", n)))
        .transform(ar -> Future.failedFuture(new ServiceException(401, "refresh-token-reused",
            "this refresh token was already used; every session of its family is now revoked — log in again")));
  }

  /** Revokes the family of {@code presented} when it belongs to {@code userId}. */
  Future<Integer> revoke(String presented, UUID userId) {
    Parsed p = parse(presented);
    return accounts.refresh(p.id).compose(found -> found.isPresent() && found.get().userId().equals(userId)
        && MessageDigest.isEqual(found.get().secretHash(), sha256(p.secret))
        ? accounts.revokeFamily(found.get().familyId(), "logout") : Future.succeededFuture(0));
  }

  private record Parsed(UUID id, byte[] secret) {}

  private static Parsed parse(String token) {
    int dot = token == null ? -1 : token.indexOf('.');
    if (dot != 36 || token.length() > 100) {
      throw invalid();
    }
    try {
      return new Parsed(UUID.fromString(token.substring(0, dot)), Base64.getUrlDecoder().decode(token.substring(dot + 1)));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static ServiceException invalid() {
    return new ServiceException(401, "invalid-refresh-token", "the refresh token is invalid, expired or revoked");
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }
}
