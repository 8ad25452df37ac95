package io.rwaprime.api.auth;

import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A user account as the auth flow needs it (a row of {@code users}). */
record Account(
    UUID id,
    String email,
    String passwordHash,
    Tier tier,
    boolean admin,
    boolean totpEnabled,
    Optional<String> totpSecret,
    Optional<String> totpPendingSecret,
    Optional<Instant> totpLockedUntil,
    boolean disabled,
    boolean emailVerified) {

  static final String COLUMNS = "user_id, email, password_hash, tier, role, totp_enabled, totp_secret, "
      + "totp_pending_secret, totp_locked_until, disabled_at, email_verified";

  static Account from(Row r) {
    return new Account(
        r.getUUID("user_id"),
        r.getString("email"),
        r.getString("password_hash"),
        Tier.parse(r.getString("tier")).orElse(Tier.EXPLORER),
        "admin".equals(r.getString("role")) || "admin".equals(r.getString("tier")),
        r.getBoolean("totp_enabled"),
        Optional.ofNullable(r.getString("totp_secret")),
        Optional.ofNullable(r.getString("totp_pending_secret")),
        Optional.ofNullable(r.getOffsetDateTime("totp_locked_until")).map(OffsetDateTime::toInstant),
        r.getValue("disabled_at") != null,
        r.getBoolean("email_verified"));
  }
}
