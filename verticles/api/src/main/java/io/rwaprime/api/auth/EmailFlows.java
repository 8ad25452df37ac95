package io.rwaprime.api.auth;

import io.rwaprime.common.mail.Mailer;

import io.rwaprime.api.Bodies;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Mailed single-use tokens: address verification (sent on register and on request, valid 24 h) and password
 * reset (valid 1 h; a confirmed reset ends every session). Tokens are 256-bit random, stored as SHA-256, spent by
 * one conditional UPDATE. A reset request answers 202 whether or not the address has an account.
 * <ul>
 *   <li>{@code POST /api/v1/auth/verify-email} {token}; {@code POST /api/v1/auth/verify-email/resend} (signed in)</li>
 *   <li>{@code POST /api/v1/auth/password-reset} {email}; {@code POST /api/v1/auth/password-reset/confirm}
 *   {token, new_password}</li>
 * </ul>
 */
final class EmailFlows {

  static final Duration VERIFY_TTL = Duration.ofHours(24);
  static final Duration RESET_TTL = Duration.ofHours(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final Pool pool;
  private final AccountRepository accounts;
  private final PasswordHasher hasher;
  private final Mailer mailer;
  private final KeyValueStore store;
  private final RwaConfig.RateLimits limits;

  EmailFlows(Vertx vertx, Pool pool, AccountRepository accounts, PasswordHasher hasher, Mailer mailer, KeyValueStore store,
             RwaConfig.RateLimits limits) {
    this.vertx = vertx;
    this.pool = pool;
    this.accounts = accounts;
    this.hasher = hasher;
    this.mailer = mailer;
    this.store = store;
    this.limits = limits;
  }

  void mount(Router router) {
    router.post("/api/v1/auth/verify-email").handler(this::verify);
    router.post("/api/v1/auth/verify-email/resend").handler(Guards.user()).handler(this::resend);
    router.post("/api/v1/auth/password-reset").handler(this::requestReset);
    router.post("/api/v1/auth/password-reset/confirm").handler(this::confirmReset);
  }

  /**
   * Stores a verification token for a new account and mails its link <em>without waiting for the SMTP server</em>:
   * a slow or failing mail server neither delays nor fails the registration (the Mailer logs a failed mail).
   */
  Future<Void> sendVerification(UUID user, String email) {
    return token(user, "verify_email", VERIFY_TTL)
        .onSuccess(t -> mailer.send(email, "Confirm your e-mail address for rwa-prime",
            "Welcome to rwa-prime.\n\nConfirm this address within 24 hours:\n" + mailer.link("/verify-email", t)
                + "\n\nIf you did not create an account, ignore this mail.\n"))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private void verify(RoutingContext ctx) {
    String token = Bodies.string(Bodies.object(ctx, Set.of("token"), Set.of()), "token", 100);
    budget(ctx)
        .compose(v -> spend(token, "verify_email"))
        .compose(user -> user.isEmpty()
            ? Future.failedFuture(new ServiceException(400, "invalid-token", "the link is invalid, used or expired"))
            : pool.preparedQuery("UPDATE users SET email_verified = true, email_verified_at = now() WHERE user_id = $1")
                .execute(Tuple.of(user.get())).compose(r -> accounts.audit(user.get(), "user.email_verified", null, null, null)))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void resend(RoutingContext ctx) {
    UUID user = Principal.of(ctx).orElseThrow().userId();
    accounts.byId(user).compose(a -> a.isEmpty() ? Future.succeededFuture()
            : RateLimitHandler.apply(ctx, store, "rl:mail:" + user, 5, Duration.ofHours(1))
                .compose(v -> sendVerification(user, a.get().email())))
        .onSuccess(v -> ctx.response().setStatusCode(202).end())
        .onFailure(ctx::fail);
  }

  private void requestReset(RoutingContext ctx) {
    String email = Bodies.string(Bodies.object(ctx, Set.of("email"), Set.of()), "email", 254).trim();
    budget(ctx)
        .compose(v -> RateLimitHandler.apply(ctx, store, "rl:reset:" + email.toLowerCase(java.util.Locale.ROOT), 3,
            Duration.ofHours(1)))
        .compose(v -> accounts.byEmail(email))
        .compose(found -> found.isEmpty() || found.get().disabled() ? Future.succeededFuture()
            // the mail goes out in the background: the answer's timing says nothing about whether the account exists
            : token(found.get().id(), "password_reset", RESET_TTL)
                .onSuccess(t -> mailer.send(found.get().email(), "Reset your rwa-prime password",
                    "Someone asked to reset the password of this account. If it was you, choose a new password within "
                        + "one hour:\n" + mailer.link("/reset-password", t)
                        + "\n\nIf it was not you, ignore this mail: nothing changes.\n"))
                .compose(v -> accounts.audit(found.get().id(), "user.password_reset_requested", RateLimitHandler.clientIp(ctx),
                    null, null))
                .otherwiseEmpty())
        .onSuccess(v -> ctx.response().setStatusCode(202).end())
        .onFailure(ctx::fail);
  }

  private void confirmReset(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, Set.of("token", "new_password"), Set.of());
    String token = Bodies.string(body, "token", 100);
    String password = Bodies.string(body, "new_password", AuthRoutes.MAX_PASSWORD);
    if (password.codePointCount(0, password.length()) < AuthRoutes.MIN_PASSWORD) {
      throw ServiceException.badRequest("weak-password", "a password needs at least " + AuthRoutes.MIN_PASSWORD + " characters");
    }
    budget(ctx)
        .compose(v -> spend(token, "password_reset"))
        .compose(user -> user.isEmpty()
            ? Future.failedFuture(new ServiceException(400, "invalid-token", "the link is invalid, used or expired"))
            : vertx.executeBlocking(() -> hasher.hash(password), false)
                .compose(hash -> pool.preparedQuery("UPDATE users SET password_hash = $2 WHERE user_id = $1")
                    .execute(Tuple.of(user.get(), hash)))
                .compose(r -> accounts.revokeAllOf(user.get(), "password reset"))
                .compose(n -> accounts.audit(user.get(), "user.password_reset", RateLimitHandler.clientIp(ctx), null,
                    new JsonObject().put("sessions_revoked", n))))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private Future<Void> budget(RoutingContext ctx) {
    return RateLimitHandler.apply(ctx, store, "rl:auth:ip:" + RateLimitHandler.clientIp(ctx), limits.loginPerIp(),
        limits.loginWindow());
  }

  private Future<String> token(UUID user, String purpose, Duration ttl) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return pool.preparedQuery("INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at) "
            + "VALUES ($1, $2, $3, now() + make_interval(secs => $4))")
        .execute(Tuple.of(Buffer.buffer(TokenService.sha256(token)), user, purpose, (double) ttl.toSeconds()))
        .map(token);
  }

  private Future<Optional<UUID>> spend(String token, String purpose) {
    return pool.preparedQuery("UPDATE email_tokens SET used_at = now() WHERE token_hash = $1 AND purpose = $2 "
            + "AND used_at IS NULL AND expires_at > now() RETURNING user_id")
        .execute(Tuple.of(Buffer.buffer(TokenService.sha256(token)), purpose))
        .map(rows -> rows.size() == 0 ? Optional.<UUID>empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }
}
