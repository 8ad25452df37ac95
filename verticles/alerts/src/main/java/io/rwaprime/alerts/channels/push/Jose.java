package io.rwaprime.alerts.channels.push;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The JOSE pieces the push channels share: base64url, compact JWTs signed RS256 (FCM's OAuth assertion) or ES256 (APNs
 * provider tokens, VAPID), the DER-to-JOSE conversion of ECDSA signatures, and PKCS#8 PEM private keys.
 */
final class Jose {

  private Jose() {
  }

  /** Base64url without padding (RFC 7515 §2). */
  static String b64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Decodes base64url, with or without padding; standard base64 ({@code +}, {@code /}) is accepted too, since some
   * clients export subscription keys that way.
   *
   * @throws IllegalArgumentException when {@code text} is not base64
   */
  static byte[] b64urlDecode(String text) {
    String s = text.strip().replace('+', '-').replace('/', '_');
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') {
      end--;
    }
    return Base64.getUrlDecoder().decode(s.substring(0, end));
  }

  /**
   * A compact JWS of {@code claims} under {@code header}, whose {@code alg} must be {@code RS256} (an RSA key) or
   * {@code ES256} (a P-256 key; the signature in JOSE form, r‖s).
   */
  static String sign(JsonObject header, JsonObject claims, PrivateKey key) {
    String input = b64url(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
        + b64url(claims.encode().getBytes(StandardCharsets.UTF_8));
    String alg = header.getString("alg");
    byte[] signature;
    try {
      switch (alg) {
        case "RS256" -> {
          Signature s = Signature.getInstance("SHA256withRSA");
          s.initSign(key);
          s.update(input.getBytes(StandardCharsets.US_ASCII));
          signature = s.sign();
        }
        case "ES256" -> {
          Signature s = Signature.getInstance("SHA256withECDSA");
          s.initSign(key);
          s.update(input.getBytes(StandardCharsets.US_ASCII));
          signature = derToJose(s.sign(), 32);
        }
        default -> throw new IllegalArgumentException("unsupported JWS alg " + alg);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the " + alg + " JWT: " + e.getMessage(), e);
    }
    return input + "." + b64url(signature);
  }

  /**
   * Converts an ECDSA signature from the JDK's DER form ({@code SEQUENCE { INTEGER r, INTEGER s }}) to the JOSE form
   * (RFC 7518 §3.4): r and s as unsigned big-endian integers of {@code size} bytes each, concatenated.
   */
  static byte[] derToJose(byte[] der, int size) {
    int[] pos = {0};
    expect(der, pos, 0x30);
    int seqLen = length(der, pos);
    if (pos[0] + seqLen != der.length) {
      throw new IllegalArgumentException("DER signature: bad sequence length");
    }
    byte[] out = new byte[2 * size];
    for (int i = 0; i < 2; i++) {
      expect(der, pos, 0x02);
      int len = length(der, pos);
      int start = pos[0];
      pos[0] += len;
      if (pos[0] > der.length) {
        throw new IllegalArgumentException("DER signature: truncated integer");
      }
      while (len > 0 && der[start] == 0) {
        start++;
        len--;
      }
      if (len > size) {
        throw new IllegalArgumentException("DER signature: integer longer than " + size + " bytes");
      }
      System.arraycopy(der, start, out, (i + 1) * size - len, len);
    }
    if (pos[0] != der.length) {
      throw new IllegalArgumentException("DER signature: trailing bytes");
    }
    return out;
  }

  private static void expect(byte[] der, int[] pos, int tag) {
    if (pos[0] >= der.length || (der[pos[0]++] & 0xff) != tag) {
      throw new IllegalArgumentException("DER signature: expected tag " + tag);
    }
  }

  private static int length(byte[] der, int[] pos) {
    if (pos[0] >= der.length) {
      throw new IllegalArgumentException("DER signature: truncated length");
    }
    int b = der[pos[0]++] & 0xff;
    if (b < 0x80) {
      return b;
    }
    if (b != 0x81 || pos[0] >= der.length) {
      throw new IllegalArgumentException("DER signature: unsupported length form");
    }
    return der[pos[0]++] & 0xff;
  }

  /**
   * Reads a PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}, as in a Google service-account JSON or an APNs
   * {@code .p8} file) of {@code algorithm} ({@code RSA} or {@code EC}). Escaped newlines ({@code \n} as two characters,
   * as when the PEM was pasted into an environment variable) are accepted.
   *
   * @throws IllegalArgumentException when it is not such a key
   */
  static PrivateKey privateKeyFromPem(String pem, String algorithm) {
    if (pem == null || !pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalArgumentException("not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
    }
    String body = pem.replace("\\n", "\n")
        .replaceAll("-----BEGIN PRIVATE KEY-----|-----END PRIVATE KEY-----", "")
        .replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(body);
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PKCS#8 " + algorithm + " private key: " + e.getMessage(), e);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }
}
