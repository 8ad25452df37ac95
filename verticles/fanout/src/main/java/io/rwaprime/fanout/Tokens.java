package io.rwaprime.fanout;

import io.rwaprime.common.auth.Jwt;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;

/**
 * Verifies access tokens exactly as the api role does ({@link Jwt}: RS256 only, known kid, {@code typ at+jwt},
 * issuer, audience, expiry, no key-location headers) and reduces them to who and until when.
 */
final class Tokens {

  private final Jwt jwt;
  private final Clock clock;

  /** The owner of a valid token and the instant it expires. */
  record Identity(String userId, Instant expires) {}

  Tokens(Jwt jwt, Clock clock) {
    this.jwt = jwt;
    this.clock = clock;
  }

  /** The identity of {@code token}; throws when it is not a valid access token now. */
  Identity verify(String token) throws Jwt.InvalidTokenException {
    JsonObject claims = jwt.verify(token, Jwt.TYP_ACCESS, clock.instant());
    return new Identity(claims.getString("sub"), Instant.ofEpochSecond(claims.getLong("exp")));
  }

  /** The token of an {@code Authorization: Bearer …} value, or null. */
  static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String t = header.substring(7).trim();
    return t.isEmpty() ? null : t;
  }

  long millisUntil(Instant instant) {
    return Math.max(1, instant.toEpochMilli() - clock.millis());
  }
}
