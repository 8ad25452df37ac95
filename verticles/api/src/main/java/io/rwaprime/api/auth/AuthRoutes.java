package io.rwaprime.api.auth;

import io.rwaprime.api.Bodies;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.http.RequestIds;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Register, login (with a 2FA challenge when TOTP is on), verify-2fa, refresh, logout, and {@code GET /api/v1/me}.
 * Password hashing and token signing run on worker threads. Login and 2FA attempts have their own budgets per
 * account and per IP, checked before any password or code is looked at. Failures say as little as they must:
 * an unknown e-mail and a wrong password give the same 401 after the same work.
 */
final class AuthRoutes {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s.]{2,63}");
  static final int MIN_PASSWORD = 10;
  static final int MAX_PASSWORD = 256;

  private final Vertx vertx;
  private final AccountRepository accounts;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final TwoFactor twoFactor;
  private final EmailFlows mails;
  private final KeyValueStore store;
  private final RwaConfig.RateLimits limits;
  private final RwaConfig.Auth cfg;
  private final Clock clock;

  AuthRoutes(Vertx vertx, AccountRepository accounts, PasswordHasher hasher, TokenService tokens, TwoFactor twoFactor,
             EmailFlows email, KeyValueStore store, RwaConfig.Api api, Clock clock) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.hasher = hasher;
    this.tokens = tokens;
    this.twoFactor = twoFactor;
    this.mails = email;
    this.store = store;
    this.limits = api.rateLimits();
    this.cfg = api.auth();
    this.clock = clock;
  }

  void mount(Router router) {
    router.post("/api/v1/auth/register").handler(this::register);
    router.post("/api/v1/auth/login").handler(this::login);
    router.post("/api/v1/auth/verify-2fa").handler(this::verify2fa);
    router.post("/api/v1/auth/refresh").handler(this::refresh);
    router.post("/api/v1/auth/logout").handler(Guards.user()).handler(this::logout);
    router.get("/api/v1/me").handler(Guards.user()).handler(this::me);
  }

  private void register(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, Set.of("email", "password"), Set.of());
    String email = email(body);
    String password = password(body);
    ipBudget(ctx)
        .compose(v -> vertx.executeBlocking(() -> hasher.hash(password), false))
        .compose(hash -> accounts.create(email, hash, Tier.EXPLORER, false))
        .compose(acct -> audit(ctx, acct.id(), "user.register", null)
            .compose(v -> mails.sendVerification(acct.id(), acct.email()))
            .compose(v -> signed(() -> tokens.issue(acct)))
            .map(t -> t.put("user", profile(acct))))
        .onSuccess(t -> json(ctx, 201, t))
        .onFailure(err -> ctx.fail(err instanceof AccountRepository.EmailTakenException
            ? new ServiceException(409, "email-taken", "an account with this e-mail address exists; log in or reset the password")
            : err));
  }

  private void login(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, Set.of("email", "password"), Set.of());
    String email = email(body);
    String password = Bodies.string(body, "password", MAX_PASSWORD);
    loginBudget(ctx, "acct:" + email.toLowerCase(Locale.ROOT))
        .compose(v -> accounts.byEmail(email))
        .compose(found -> vertx.executeBlocking(() -> {
          if (found.isEmpty()) {
            hasher.burn(password);
            return Optional.<Verified>empty();
          }
          Account a = found.get();
          if (!hasher.verify(password, a.passwordHash())) {
            return Optional.<Verified>empty();
          }
          // parameters raised since this hash was made: store a fresh hash now that the password is at hand
          return Optional.of(new Verified(a, hasher.needsRehash(a.passwordHash())
              ? Optional.of(hasher.hash(password)) : Optional.<String>empty()));
        }, false))
        .compose(ok -> {
          if (ok.isEmpty() || ok.get().account().disabled()) {
            ok.ifPresent(v -> audit(ctx, v.account().id(), "login.refused_disabled", null));
            return Future.failedFuture(new ServiceException(401, "invalid-credentials", "wrong e-mail address or password"));
          }
          Account acct = ok.get().account();
          if (acct.totpEnabled()) {
            return audit(ctx, acct.id(), "login.password_ok_2fa_pending", null).map(v -> new JsonObject()
                .put("two_factor_required", true)
                .put("challenge_token", tokens.challenge(acct))
                .put("expires_in", cfg.challengeTtl().toSeconds()));
          }
          return accounts.recordLogin(acct.id(), ok.get().rehash())
              .compose(v -> audit(ctx, acct.id(), "login.success", null))
              .compose(v -> signed(() -> tokens.issue(acct)));
        })
        .onSuccess(t -> json(ctx, 200, t))
        .onFailure(ctx::fail);
  }

  private void verify2fa(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, Set.of("challenge_token"), Set.of("code", "recovery_code"));
    UUID userId = tokens.verifyChallenge(Bodies.string(body, "challenge_token", 4096));
    String code = Bodies.string(body, "code", 16);
    String recovery = Bodies.string(body, "recovery_code", 64);
    if ((code == null) == (recovery == null)) {
      throw ServiceException.badRequest("invalid-field", "send exactly one of 'code' and 'recovery_code'");
    }
    loginBudget(ctx, "2fa:" + userId)
        .compose(v -> accounts.byId(userId))
        .compose(found -> {
          if (found.isEmpty() || found.get().disabled() || !found.get().totpEnabled()) {
            return Future.failedFuture(new ServiceException(401, "invalid-challenge", "log in again"));
          }
          Account acct = found.get();
          return twoFactor.check(acct, code, recovery)
              .compose(v -> accounts.recordLogin(acct.id(), Optional.empty()))
              .compose(v -> audit(ctx, acct.id(), recovery != null ? "login.success_recovery_code" : "login.success_2fa", null))
              .compose(v -> signed(() -> tokens.issue(acct)));
        })
        .onSuccess(t -> json(ctx, 200, t))
        .onFailure(ctx::fail);
  }

  private void refresh(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, Set.of("refresh_token"), Set.of());
    String presented = Bodies.string(body, "refresh_token", 200);
    ipBudget(ctx)
        .compose(v -> signed(() -> tokens.rotate(presented)))
        .onSuccess(t -> json(ctx, 200, t))
        .onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    Principal p = Principal.of(ctx).orElseThrow();
    JsonObject body = ctx.body().length() == 0 ? new JsonObject()
        : Bodies.object(ctx, Set.of(), Set.of("refresh_token", "all_sessions"));
    String refresh = Bodies.string(body, "refresh_token", 200);
    boolean all = Boolean.TRUE.equals(body.getValue("all_sessions"));
    Future<Integer> revoked = all ? accounts.revokeAllOf(p.userId(), "logout (all sessions)")
        : refresh == null ? Future.succeededFuture(0) : tokens.revoke(refresh, p.userId());
    revoked
        .compose(n -> store.put(AuthHandler.REVOKED_PREFIX + p.tokenId(), "1", cfg.accessTtl().plusMinutes(1)).map(n))
        .onSuccess(n -> vertx.eventBus().publish(io.rwaprime.events.Addresses.AUTH_REVOKED, new JsonObject()
            .put("jti", p.tokenId()).put("exp", clock.instant().plus(cfg.accessTtl()).getEpochSecond())))
        .compose(n -> audit(ctx, p.userId(), "logout", new JsonObject().put("revoked_refresh_tokens", n)))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    Principal p = Principal.of(ctx).orElseThrow();
    accounts.byId(p.userId())
        .onSuccess(a -> {
          if (a.isEmpty()) {
            ctx.fail(new ServiceException(401, "unauthorized", "the account no longer exists"));
          } else {
            json(ctx, 200, profile(a.get()));
          }
        })
        .onFailure(ctx::fail);
  }

  /** Login and 2FA attempts: per account (or challenge subject) and per client IP, before any check. */
  private Future<Void> loginBudget(RoutingContext ctx, String account) {
    return ipBudget(ctx)
        .compose(v -> RateLimitHandler.apply(ctx, store, "rl:login:" + account, limits.loginPerAccount(), limits.loginWindow()));
  }

  /** Every anonymous auth request (register, login, 2FA, refresh) of one client IP shares one budget. */
  private Future<Void> ipBudget(RoutingContext ctx) {
    return RateLimitHandler.apply(ctx, store, "rl:auth:ip:" + RateLimitHandler.clientIp(ctx), limits.loginPerIp(),
        limits.loginWindow());
  }

  private record Verified(Account account, Optional<String> rehash) {}

  private <T> Future<T> signed(java.util.function.Supplier<Future<T>> work) {
    // RSA signing takes about a millisecond: keep it off the event loop
    return vertx.executeBlocking(work::get, false).compose(f -> f);
  }

  private Future<Void> audit(RoutingContext ctx, UUID user, String action, JsonObject details) {
    return accounts.audit(user, action, RateLimitHandler.clientIp(ctx), RequestIds.of(ctx), details)
        .otherwiseEmpty();
  }

  static JsonObject profile(Account a) {
    return new JsonObject().put("user_id", a.id().toString()).put("email", a.email()).put("tier", a.tier().wire())
        .put("admin", a.admin()).put("two_factor_enabled", a.totpEnabled()).put("email_verified", a.emailVerified());
  }

  private static String email(JsonObject body) {
    String email = Bodies.string(body, "email", 254).trim();
    if (!EMAIL.matcher(email).matches()) {
      throw ServiceException.badRequest("invalid-email", "'email' is not an e-mail address");
    }
    return email;
  }

  private static String password(JsonObject body) {
    String password = Bodies.string(body, "password", MAX_PASSWORD);
    if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
      throw ServiceException.badRequest("weak-password", "a password needs at least " + MIN_PASSWORD + " characters");
    }
    return password;
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.toBuffer());
  }
}
