package io.rwaprime.api.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits by default) that says <em>which</em> time step a code matched,
 * so that the caller can make each step usable once per user (RFC 6238 §5.2) — what vertx-auth-otp's
 * authenticator does not expose. Codes are compared in constant time; a skew of ±{@code window} steps is
 * accepted.
 */
public final class Totp {

  private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  private final int digits;
  private final long stepSeconds;
  private final int window;
  private final String algorithm;

  public Totp(int digits, long stepSeconds, int window, String algorithm) {
    if (digits < 6 || digits > 8 || stepSeconds < 1 || window < 0 || window > 5) {
      throw new IllegalArgumentException("invalid TOTP parameters");
    }
    this.digits = digits;
    this.stepSeconds = stepSeconds;
    this.window = window;
    this.algorithm = algorithm;
  }

  /** The usual authenticator-app settings: SHA1, 6 digits, 30 s, ±1 step. */
  public static Totp standard() {
    return new Totp(6, 30, 1, "HmacSHA1");
  }

  public long step(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), stepSeconds);
  }

  /** The code of time step {@code step}. */
  public String code(byte[] secret, long step) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret, "RAW"));
      byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
      int off = h[h.length - 1] & 0x0f;
      int bin = ((h[off] & 0x7f) << 24) | ((h[off + 1] & 0xff) << 16) | ((h[off + 2] & 0xff) << 8) | (h[off + 3] & 0xff);
      String s = Integer.toString(bin % POW10[digits]);
      return "0".repeat(digits - s.length()) + s;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  /**
   * The time step within ±window of {@code now} whose code equals {@code code}, newest first; empty when none
   * does. Checks every step of the window whatever matches, so that timing tells nothing.
   */
  public OptionalLong match(byte[] secret, String code, Instant now) {
    if (code == null || code.length() != digits || !code.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    long current = step(now);
    long found = Long.MIN_VALUE;
    byte[] given = code.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (long s = current + window; s >= current - window; s--) {
      boolean eq = MessageDigest.isEqual(given, code(secret, s).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      if (eq && found == Long.MIN_VALUE) {
        found = s;
      }
    }
    return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
  }
}
