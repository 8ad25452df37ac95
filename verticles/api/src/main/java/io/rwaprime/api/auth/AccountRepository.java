package io.rwaprime.api.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of the auth flow. Every check that must hold under concurrent requests is a single conditional
 * {@code UPDATE … RETURNING} — spending a refresh token, reserving a 2FA attempt, using a TOTP time step or a
 * recovery code — so that two racing requests can never both succeed.
 */
final class AccountRepository {

  /** An e-mail address that already has an account. */
  static final class EmailTakenException extends RuntimeException {
    EmailTakenException() {
      super("email taken", null, false, false);
    }
  }

  private final Pool pool;

  AccountRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Account> create(String email, String passwordHash, Tier tier, boolean admin) {
    return pool.preparedQuery("INSERT INTO users (email, password_hash, tier, role) VALUES ($1, $2, $3, $4) RETURNING "
            + Account.COLUMNS)
        .execute(Tuple.of(email, passwordHash, tier.wire(), admin ? "admin" : "user"))
        .map(rows -> Account.from(rows.iterator().next()))
        .recover(err -> err instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(new EmailTakenException()) : Future.failedFuture(err));
  }

  Future<Optional<Account>> byEmail(String email) {
    return one("SELECT " + Account.COLUMNS + " FROM users WHERE lower(email) = lower($1)", Tuple.of(email));
  }

  Future<Optional<Account>> byId(UUID id) {
    return one("SELECT " + Account.COLUMNS + " FROM users WHERE user_id = $1", Tuple.of(id));
  }

  Future<Void> recordLogin(UUID id, Optional<String> newHash) {
    return pool.preparedQuery("UPDATE users SET last_login_at = now(), password_hash = coalesce($2, password_hash) "
        + "WHERE user_id = $1").execute(Tuple.of(id, newHash.orElse(null))).mapEmpty();
  }

  // ------------------------------------------------------------------------------------------- TOTP

  Future<Void> setPendingSecret(UUID id, String sealed) {
    return pool.preparedQuery("UPDATE users SET totp_pending_secret = $2 WHERE user_id = $1")
        .execute(Tuple.of(id, sealed)).mapEmpty();
  }

  /**
   * Reserves one 2FA attempt <em>before</em> the code is looked at: counts it as a failure and locks the account's
   * 2FA when the count reaches {@code max}. Empty when the account is locked (no code may be checked).
   * A lock that has run out starts a fresh count.
   */
  Future<Optional<Integer>> reserveAttempt(UUID id, int max, Duration lockout) {
    return pool.preparedQuery("""
            UPDATE users SET
              totp_failed_attempts = CASE WHEN totp_locked_until IS NOT NULL THEN 1 ELSE totp_failed_attempts + 1 END,
              totp_locked_until = CASE
                WHEN (CASE WHEN totp_locked_until IS NOT NULL THEN 1 ELSE totp_failed_attempts + 1 END) >= $2
                THEN now() + make_interval(secs => $3) ELSE NULL END
            WHERE user_id = $1 AND (totp_locked_until IS NULL OR totp_locked_until <= now())
            RETURNING totp_failed_attempts""")
        .execute(Tuple.of(id, max, (double) lockout.toMillis() / 1000))
        .map(rows -> rows.size() == 0 ? Optional.<Integer>empty() : Optional.of(rows.iterator().next().getInteger(0)));
  }

  /**
   * Uses TOTP time step {@code step} once: succeeds only if no equal or later step was used before (RFC 6238
   * §5.2), and then clears the failure count and lock. False when the step was already used.
   */
  Future<Boolean> useStep(UUID id, long step) {
    return pool.preparedQuery("""
            UPDATE users SET totp_last_step = $2, totp_failed_attempts = 0, totp_locked_until = NULL
            WHERE user_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING user_id""")
        .execute(Tuple.of(id, step)).map(rows -> rows.size() == 1);
  }

  /** Spends a recovery code once; clears the failure count and lock when it was unused. */
  Future<Boolean> useRecoveryCode(UUID id, byte[] codeHash) {
    return pool.withTransaction(c -> c.preparedQuery("""
            UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL
            RETURNING user_id""").execute(Tuple.of(id, io.vertx.core.buffer.Buffer.buffer(codeHash)))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false)
            : c.preparedQuery("UPDATE users SET totp_failed_attempts = 0, totp_locked_until = NULL WHERE user_id = $1")
                .execute(Tuple.of(id)).map(true)));
  }

  /** Turns 2FA on with the confirmed secret and replaces the recovery codes. */
  Future<Void> enableTotp(UUID id, String sealed, long step, List<byte[]> recoveryHashes) {
    return pool.withTransaction(c -> c.preparedQuery("""
            UPDATE users SET totp_secret = $2, totp_enabled = true, totp_pending_secret = NULL, totp_last_step = $3,
              totp_failed_attempts = 0, totp_locked_until = NULL WHERE user_id = $1""")
        .execute(Tuple.of(id, sealed, step))
        .compose(v -> c.preparedQuery("DELETE FROM recovery_codes WHERE user_id = $1").execute(Tuple.of(id)))
        .compose(v -> c.preparedQuery("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .executeBatch(recoveryHashes.stream().map(h -> Tuple.of(id, io.vertx.core.buffer.Buffer.buffer(h))).toList()))
        .mapEmpty());
  }

  Future<Void> disableTotp(UUID id) {
    return pool.withTransaction(c -> c.preparedQuery("""
            UPDATE users SET totp_secret = NULL, totp_enabled = false, totp_pending_secret = NULL,
              totp_failed_attempts = 0, totp_locked_until = NULL WHERE user_id = $1""").execute(Tuple.of(id))
        .compose(v -> c.preparedQuery("DELETE FROM recovery_codes WHERE user_id = $1").execute(Tuple.of(id)))
        .mapEmpty());
  }

  // ------------------------------------------------------------------------------------------- refresh tokens

  Future<Void> insertRefresh(UUID tokenId, UUID familyId, UUID userId, byte[] secretHash, Instant expires) {
    return pool.preparedQuery("INSERT INTO refresh_tokens (token_id, family_id, user_id, secret_hash, expires_at) "
            + "VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(tokenId, familyId, userId, io.vertx.core.buffer.Buffer.buffer(secretHash), utc(expires)))
        .mapEmpty();
  }

  /** A stored refresh token: its family, owner, secret hash and state. */
  record RefreshRow(UUID familyId, UUID userId, byte[] secretHash, boolean spent, boolean revoked, boolean expired) {}

  Future<Optional<RefreshRow>> refresh(UUID tokenId) {
    return pool.preparedQuery("SELECT family_id, user_id, secret_hash, spent_at IS NOT NULL AS spent, "
            + "revoked_at IS NOT NULL AS revoked, expires_at <= now() AS expired FROM refresh_tokens WHERE token_id = $1")
        .execute(Tuple.of(tokenId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(r -> new RefreshRow(
            r.getUUID("family_id"), r.getUUID("user_id"), r.getBuffer("secret_hash").getBytes(), r.getBoolean("spent"),
            r.getBoolean("revoked"), r.getBoolean("expired"))));
  }

  /** Spends a live refresh token once; false when it was spent, revoked or expired meanwhile. */
  Future<Boolean> spendRefresh(UUID tokenId) {
    return pool.preparedQuery("UPDATE refresh_tokens SET spent_at = now() WHERE token_id = $1 AND spent_at IS NULL "
            + "AND revoked_at IS NULL AND expires_at > now() RETURNING token_id")
        .execute(Tuple.of(tokenId)).map(rows -> rows.size() == 1);
  }

  Future<Integer> revokeFamily(UUID familyId, String why) {
    return pool.preparedQuery("UPDATE refresh_tokens SET revoked_at = now(), revoked_why = $2 "
            + "WHERE family_id = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(familyId, why)).map(RowSet::rowCount);
  }

  Future<Integer> revokeAllOf(UUID userId, String why) {
    return pool.preparedQuery("UPDATE refresh_tokens SET revoked_at = now(), revoked_why = $2 "
            + "WHERE user_id = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(userId, why)).map(RowSet::rowCount);
  }

  // ------------------------------------------------------------------------------------------- audit

  Future<Void> audit(UUID userId, String action, String ip, String requestId, JsonObject details) {
    return pool.preparedQuery("INSERT INTO audit_log (user_id, actor_id, action, ip, request_id, details) "
            + "VALUES ($1, $1, $2, $3, $4, $5)")
        .execute(Tuple.of(userId, action, ip, requestId, details == null ? new JsonObject() : details))
        .mapEmpty();
  }

  private Future<Optional<Account>> one(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args)
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Account.from(rows.iterator().next())));
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
