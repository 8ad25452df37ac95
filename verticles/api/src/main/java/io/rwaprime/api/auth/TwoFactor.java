package io.rwaprime.api.auth;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.rwaprime.api.Bodies;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.otp.OtpKey;
import io.vertx.ext.auth.otp.OtpKeyGenerator;
import io.vertx.ext.auth.otp.totp.TotpAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * TOTP second factor. vertx-auth-otp makes the secret and the {@code otpauth://} URI; this class adds what it
 * lacks: each time step is usable once per user, atomically under concurrent requests (RFC 6238 §5.2); an
 * attempt is reserved — and counted against the lockout — <em>before</em> the code is compared, so no more than
 * {@code totp.max-failures} codes are ever checked between successes however many requests race; ±1 step of
 * skew; ten one-time recovery codes stored as SHA-256. Routes: {@code /api/v1/auth/2fa/setup}, {@code /enable},
 * {@code /disable}.
 */
final class TwoFactor {

  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ISSUER = "rwa-prime";

  private final Vertx vertx;
  private final AccountRepository accounts;
  private final SecretBox box;
  private final Totp totp;
  private final RwaConfig.Auth cfg;
  private final Clock clock;
  private final TotpAuth otp = TotpAuth.create();

  TwoFactor(Vertx vertx, AccountRepository accounts, SecretBox box, Totp totp, RwaConfig.Auth cfg, Clock clock) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.box = box;
    this.totp = totp;
    this.cfg = cfg;
    this.clock = clock;
  }

  void mount(Router router) {
    router.post("/api/v1/auth/2fa/setup").handler(Guards.user()).handler(this::setup);
    router.post("/api/v1/auth/2fa/enable").handler(Guards.user()).handler(this::enable);
    router.post("/api/v1/auth/2fa/disable").handler(Guards.user()).handler(this::disable);
  }

  /** Checks a TOTP code or a recovery code of an account with 2FA on; fails with 401 or 429 (locked). */
  Future<Void> check(Account acct, String code, String recovery) {
    return reserve(acct).compose(v -> {
      if (recovery != null) {
        return accounts.useRecoveryCode(acct.id(), TokenService.sha256(normalize(recovery)))
            .compose(ok -> ok ? Future.succeededFuture() : Future.failedFuture(invalidCode()));
      }
      byte[] secret = box.open(acct.totpSecret().orElseThrow(), acct.id().toString());
      OptionalLong step = totp.match(secret, code, clock.instant());
      if (step.isEmpty()) {
        return Future.failedFuture(invalidCode());
      }
      return accounts.useStep(acct.id(), step.getAsLong()).compose(ok -> ok ? Future.succeededFuture()
          : Future.failedFuture(new ServiceException(401, "code-already-used",
              "this code was already used; wait for the next one")));
    });
  }

  private Future<Void> reserve(Account acct) {
    return accounts.reserveAttempt(acct.id(), cfg.totpMaxFailures(), cfg.totpLockout()).compose(n -> n.isPresent()
        ? Future.succeededFuture()
        : Future.failedFuture(new ServiceException(429, "two-factor-locked",
            "too many wrong codes: two-factor sign-in is locked for this account; try again later")));
  }

  private void setup(RoutingContext ctx) {
    Principal p = Principal.of(ctx).orElseThrow();
    accounts.byId(p.userId()).compose(found -> {
      Account acct = found.orElseThrow(() -> new ServiceException(401, "unauthorized", "the account no longer exists"));
      if (acct.totpEnabled()) {
        return Future.failedFuture(new ServiceException(409, "two-factor-already-enabled",
            "two-factor authentication is already on; disable it first to change the secret"));
      }
      OtpKey key = OtpKeyGenerator.create().generate();
      String uri = otp.generateUri(key, ISSUER, acct.email());
      return accounts.setPendingSecret(acct.id(), box.seal(key.getKeyBytes(), acct.id().toString()))
          .compose(v -> vertx.executeBlocking(() -> qrPng(uri), false))
          .map(png -> new JsonObject().put("secret", key.getKey()).put("otpauth_uri", uri)
              .put("qr_code", "data:image/png;base64," + Base64.getEncoder().encodeToString(png)));
    }).onSuccess(body -> AuthRoutes.json(ctx, 200, body)).onFailure(ctx::fail);
  }

  private void enable(RoutingContext ctx) {
    Principal p = Principal.of(ctx).orElseThrow();
    String code = Bodies.string(Bodies.object(ctx, Set.of("code"), Set.of()), "code", 16);
    List<String> recovery = new ArrayList<>();
    accounts.byId(p.userId()).compose(found -> {
      Account acct = found.orElseThrow(() -> new ServiceException(401, "unauthorized", "the account no longer exists"));
      if (acct.totpEnabled()) {
        return Future.failedFuture(new ServiceException(409, "two-factor-already-enabled", "two-factor authentication is already on"));
      }
      if (acct.totpPendingSecret().isEmpty()) {
        return Future.failedFuture(new ServiceException(409, "no-pending-setup", "call /api/v1/auth/2fa/setup first"));
      }
      return reserve(acct).compose(v -> {
        String sealed = acct.totpPendingSecret().get();
        OptionalLong step = totp.match(box.open(sealed, acct.id().toString()), code, clock.instant());
        if (step.isEmpty()) {
          return Future.failedFuture(invalidCode());
        }
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          String c = recoveryCode();
          recovery.add(c);
          hashes.add(TokenService.sha256(normalize(c)));
        }
        return accounts.enableTotp(acct.id(), sealed, step.getAsLong(), hashes);
      }).compose(v -> accounts.audit(acct.id(), "two_factor.enable", RateLimitHandler.clientIp(ctx), null, null));
    }).onSuccess(v -> AuthRoutes.json(ctx, 200, new JsonObject().put("two_factor_enabled", true)
        .put("recovery_codes", new JsonArray(recovery))))
        .onFailure(ctx::fail);
  }

  private void disable(RoutingContext ctx) {
    Principal p = Principal.of(ctx).orElseThrow();
    JsonObject body = Bodies.object(ctx, Set.of(), Set.of("code", "recovery_code"));
    String code = Bodies.string(body, "code", 16);
    String recovery = Bodies.string(body, "recovery_code", 64);
    if ((code == null) == (recovery == null)) {
      throw ServiceException.badRequest("invalid-field", "send exactly one of 'code' and 'recovery_code'");
    }
    accounts.byId(p.userId()).compose(found -> {
      Account acct = found.orElseThrow(() -> new ServiceException(401, "unauthorized", "the account no longer exists"));
      if (!acct.totpEnabled()) {
        return Future.failedFuture(new ServiceException(409, "two-factor-not-enabled", "two-factor authentication is off"));
      }
      return check(acct, code, recovery)
          .compose(v -> accounts.disableTotp(acct.id()))
          .compose(v -> accounts.audit(acct.id(), "two_factor.disable", RateLimitHandler.clientIp(ctx), null, null));
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private static ServiceException invalidCode() {
    return new ServiceException(401, "invalid-code", "the code is wrong or has expired");
  }

  static String normalize(String recovery) {
    return recovery.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
  }

  private static String recoveryCode() {
    StringBuilder sb = new StringBuilder(11);
    for (int i = 0; i < 10; i++) {
      if (i == 5) {
        sb.append('-');
      }
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private static byte[] qrPng(String text) throws WriterException, IOException {
    BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 256, 256);
    BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        img.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
