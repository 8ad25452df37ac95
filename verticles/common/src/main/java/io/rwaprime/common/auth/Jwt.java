package io.rwaprime.common.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Compact JWS with RS256 only (RFC 7515/7519), strict in what it accepts. Verification refuses, before any
 * cryptography: an {@code alg} other than RS256 ({@code none}, HS256 "signed" with the public key, ES*, PS*…);
 * a {@code typ} other than the one expected (so a token of one kind is never accepted as another); a missing or
 * unknown {@code kid}; any of the key-location headers {@code jku}, {@code x5u}, {@code jwk}, {@code x5c} and
 * any {@code crit}; an empty signature. Then the signature, then {@code iss}, {@code aud}, {@code exp} (no
 * leeway: expired by one second is expired), {@code nbf} and {@code iat} (at most 60 s in the future).
 */
public final class Jwt {

  /** {@code typ} of access tokens (RFC 9068). */
  public static final String TYP_ACCESS = "at+jwt";
  /** {@code typ} of the short-lived token that carries a login from the password step to the 2FA step. */
  public static final String TYP_2FA_CHALLENGE = "2fa-challenge+jwt";

  private static final Set<String> FORBIDDEN_HEADERS = Set.of("jku", "x5u", "jwk", "x5c", "x5t", "x5t#S256", "crit");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final long MAX_CLOCK_AHEAD_SECONDS = 60;

  private final SigningKeys keys;
  private final String issuer;
  private final String audience;

  /** Why a token was refused; the message is safe to show. */
  public static final class InvalidTokenException extends Exception {
    InvalidTokenException(String reason) {
      super(reason, null, false, false);
    }
  }

  public Jwt(SigningKeys keys, String issuer, String audience) {
    this.keys = keys;
    this.issuer = issuer;
    this.audience = audience;
  }

  /** Signs {@code claims} (to which {@code iss} and {@code aud} are added) with the current key. */
  public String sign(String typ, JsonObject claims) {
    SigningKeys.RsaKey key = keys.current();
    JsonObject header = new JsonObject().put("alg", "RS256").put("typ", typ).put("kid", key.kid());
    JsonObject payload = claims.copy().put("iss", issuer).put("aud", audience);
    String input = B64.encodeToString(header.toBuffer().getBytes()) + "." + B64.encodeToString(payload.toBuffer().getBytes());
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key.privateKey());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RS256 signing failed", e);
    }
  }

  /** Verifies a token of kind {@code typ} at time {@code now}; returns its claims. */
  public JsonObject verify(String token, String typ, Instant now) throws InvalidTokenException {
    if (token == null || token.length() > 8192) {
      throw new InvalidTokenException("malformed token");
    }
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot1 <= 0 || dot2 <= dot1 + 1 || token.indexOf('.', dot2 + 1) >= 0) {
      throw new InvalidTokenException("malformed token");
    }
    if (dot2 == token.length() - 1) {
      throw new InvalidTokenException("the token has no signature");
    }
    JsonObject header = json(token.substring(0, dot1));
    if (!"RS256".equals(header.getValue("alg"))) {
      throw new InvalidTokenException("unsupported alg (only RS256 is accepted)");
    }
    if (!typ.equals(header.getValue("typ"))) {
      throw new InvalidTokenException("wrong token type");
    }
    for (String h : header.fieldNames()) {
      if (FORBIDDEN_HEADERS.contains(h)) {
        throw new InvalidTokenException("header '" + h + "' is not accepted");
      }
    }
    if (!(header.getValue("kid") instanceof String kid)) {
      throw new InvalidTokenException("the token has no key id");
    }
    SigningKeys.RsaKey key = keys.find(kid).orElseThrow(() -> new InvalidTokenException("unknown key id"));
    byte[] signature;
    try {
      signature = B64D.decode(token.substring(dot2 + 1));
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key.publicKey());
      s.update(token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII));
      if (!s.verify(signature)) {
        throw new InvalidTokenException("bad signature");
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidTokenException("bad signature");
    }
    JsonObject claims = json(token.substring(dot1 + 1, dot2));
    if (!issuer.equals(claims.getValue("iss"))) {
      throw new InvalidTokenException("wrong issuer");
    }
    Object aud = claims.getValue("aud");
    boolean audOk = audience.equals(aud)
        || (aud instanceof io.vertx.core.json.JsonArray arr && arr.contains(audience));
    if (!audOk) {
      throw new InvalidTokenException("wrong audience");
    }
    long nowS = now.getEpochSecond();
    if (!(claims.getValue("exp") instanceof Number exp) || nowS >= exp.longValue()) {
      throw new InvalidTokenException("the token has expired");
    }
    if (claims.getValue("nbf") instanceof Number nbf && nowS < nbf.longValue()) {
      throw new InvalidTokenException("the token is not valid yet");
    }
    if (claims.getValue("iat") instanceof Number iat && iat.longValue() > nowS + MAX_CLOCK_AHEAD_SECONDS) {
      throw new InvalidTokenException("the token was issued in the future");
    }
    if (!(claims.getValue("sub") instanceof String)) {
      throw new InvalidTokenException("the token has no subject");
    }
    return claims;
  }

  private static JsonObject json(String part) throws InvalidTokenException {
    try {
      return new JsonObject(new String(B64D.decode(part), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw new InvalidTokenException("malformed token");
    }
  }
}
