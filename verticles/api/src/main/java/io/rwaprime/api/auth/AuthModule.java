package io.rwaprime.api.auth;

import io.rwaprime.common.mail.Mailer;

import io.rwaprime.common.auth.Jwt;
import io.rwaprime.common.auth.SigningKeys;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.config.RwaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.UUID;

/**
 * The auth part of the api role, built once per process: loads the signing keys and the data key (refusing to
 * start without them), creates the bootstrap admin, and mounts — ahead of every other API route — the
 * authentication and rate-limit handlers, then the auth, 2FA, API-key and JWKS routes.
 */
public final class AuthModule {

  private static final Logger LOG = LoggerFactory.getLogger(AuthModule.class);

  private final RwaConfig.Api cfg;
  private final Clock clock;
  private final Jwt jwt;
  private final SigningKeys keys;
  private final SecretBox box;
  private final PasswordHasher hasher;
  private final AccountRepository accounts;
  private final ApiKeys apiKeys;
  private final TokenService tokens;
  private final Pool pool;
  private Mailer mailer;

  private AuthModule(RwaConfig.Api cfg, Pool pool, SigningKeys keys, SecretBox box, PasswordHasher hasher, Clock clock) {
    this.cfg = cfg;
    this.pool = pool;
    this.clock = clock;
    this.keys = keys;
    this.box = box;
    this.hasher = hasher;
    this.jwt = new Jwt(keys, cfg.auth().issuer(), cfg.auth().audience());
    this.accounts = new AccountRepository(pool);
    this.apiKeys = new ApiKeys(pool);
    this.tokens = new TokenService(jwt, accounts, cfg.auth(), clock);
  }

  /** Loads keys (on a worker), then creates the bootstrap admin when configured. */
  public static Future<AuthModule> start(Vertx vertx, RwaConfig.Api cfg, Pool pool, Clock clock) {
    RwaConfig.Auth a = cfg.auth();
    return vertx.executeBlocking(() -> new AuthModule(cfg, pool,
            SigningKeys.load(a.keysDir(), a.generateKeys()), SecretBox.load(a.keysDir(), a.generateKeys()),
            new PasswordHasher(a.argon2MemoryKib(), a.argon2Iterations(), a.argon2Parallelism()), clock))
        .compose(m -> m.bootstrapAdmin(vertx).map(m));
  }

  private Future<Void> bootstrapAdmin(Vertx vertx) {
    RwaConfig.BootstrapAdmin admin = cfg.bootstrapAdmin();
    if (admin.email().isEmpty()) {
      return Future.succeededFuture();
    }
    return accounts.byEmail(admin.email()).compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture();
      }
      return vertx.executeBlocking(() -> hasher.hash(admin.password()), false)
          .compose(hash -> accounts.create(admin.email(), hash, Tier.ADMIN, true))
          .compose(acct -> accounts.audit(acct.id(), "admin.bootstrap", null, null, new JsonObject()))
          .onSuccess(v -> LOG.info("bootstrap admin created [email: {}]", admin.email()))
          .recover(err -> err instanceof AccountRepository.EmailTakenException ? Future.succeededFuture() : Future.failedFuture(err));
    });
  }

  private synchronized Mailer mailer(Vertx vertx) {
    if (mailer == null) {
      mailer = new Mailer(vertx, cfg.mail());
    }
    return mailer;
  }

  /**
   * Creates an admin account (the {@code users create-admin} command); fails with {@link IllegalArgumentException}
   * when the address is taken or the password is too short.
   */
  public static Future<UUID> createAdmin(Vertx vertx, Pool pool, RwaConfig.Api cfg, String email, String password) {
    if (password.codePointCount(0, password.length()) < 12) {
      return Future.failedFuture(new IllegalArgumentException("an admin password needs at least 12 characters"));
    }
    RwaConfig.Auth a = cfg.auth();
    PasswordHasher hasher = new PasswordHasher(a.argon2MemoryKib(), a.argon2Iterations(), a.argon2Parallelism());
    AccountRepository accounts = new AccountRepository(pool);
    return vertx.executeBlocking(() -> hasher.hash(password), false)
        .compose(hash -> accounts.create(email, hash, Tier.ADMIN, true))
        .compose(acct -> accounts.audit(acct.id(), "admin.create_cli", null, null, new JsonObject()).map(acct.id()))
        .recover(err -> Future.failedFuture(err instanceof AccountRepository.EmailTakenException
            ? new IllegalArgumentException("an account with the e-mail address " + email + " exists") : err));
  }

  /** Mounts authentication and rate limits on {@code /api/*}: call before any {@code /api} route. */
  public void mountFilters(Vertx vertx, Router router, KeyValueStore store) {
    AuthHandler authentication = new AuthHandler(jwt, apiKeys, store, clock, cfg.adminToken());
    // registered on this instance's context: each HTTP verticle instance keeps its own view
    vertx.eventBus().<JsonObject>consumer(io.rwaprime.events.Addresses.AUTH_REVOKED,
        msg -> authentication.revoked(msg.body().getString("jti"), msg.body().getLong("exp", 0L)));
    router.route("/api/*").handler(authentication);
    router.route("/api/*").handler(new RateLimitHandler(store, cfg.rateLimits()));
    // function-level authorization of the whole admin namespace, before anything looks at the request
    router.route("/api/v1/admin/*").handler(Guards.admin());
  }

  /** Mounts the JWKS and the auth, 2FA, mail, API-key and account routes. */
  public void mountRoutes(Vertx vertx, Router router, KeyValueStore store) {
    router.get("/.well-known/jwks.json").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/jwk-set+json").putHeader("Cache-Control", "public, max-age=300")
        .end(keys.jwks().toBuffer()));
    TwoFactor twoFactor = new TwoFactor(vertx, accounts, box, Totp.standard(), cfg.auth(), clock);
    EmailFlows email = new EmailFlows(vertx, pool, accounts, hasher, mailer(vertx), store, cfg.rateLimits());
    new AuthRoutes(vertx, accounts, hasher, tokens, twoFactor, email, store, cfg, clock).mount(router);
    email.mount(router);
    twoFactor.mount(router);
    new ApiKeyRoutes(apiKeys, accounts).mount(router);
    new AccountRoutes(vertx, pool, accounts, hasher, twoFactor).mount(router);
  }
}
