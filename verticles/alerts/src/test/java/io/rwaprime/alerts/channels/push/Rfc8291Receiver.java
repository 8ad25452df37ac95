package io.rwaprime.alerts.channels.push;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;

/**
 * The user agent's side of RFC 8291 (and RFC 8188 {@code aes128gcm}), written for the tests from the RFCs: reads the
 * header, derives the key and nonce with HKDF (RFC 5869, written out here) and opens each record.
 */
final class Rfc8291Receiver {

  private Rfc8291Receiver() {
  }

  static byte[] decrypt(byte[] body, PrivateKey uaPrivate, byte[] uaPublic, byte[] authSecret) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    int rs = in.getInt();
    int idlen = in.get() & 0xff;
    if (idlen != 65) {
      throw new AssertionError("keyid is the 65-byte as_public, got " + idlen);
    }
    byte[] asPublic = new byte[idlen];
    in.get(asPublic);

    KeyAgreement ka = KeyAgreement.getInstance("ECDH");
    ka.init(uaPrivate);
    ka.doPhase(TestKeys.ecPublic(asPublic), true);
    byte[] ecdhSecret = ka.generateSecret();

    byte[] keyInfo = cat("WebPush: info".getBytes(StandardCharsets.US_ASCII), new byte[] {0}, uaPublic, asPublic);
    byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
    byte[] cek = hkdf(salt, ikm, cat("Content-Encoding: aes128gcm".getBytes(StandardCharsets.US_ASCII),
        new byte[] {0}), 16);
    byte[] nonce = hkdf(salt, ikm, cat("Content-Encoding: nonce".getBytes(StandardCharsets.US_ASCII),
        new byte[] {0}), 12);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long seq = 0;
    while (in.hasRemaining()) {
      byte[] record = new byte[Math.min(rs, in.remaining())];
      in.get(record);
      byte[] iv = nonce.clone();
      for (int i = 0; i < 8; i++) {
        iv[11 - i] ^= (byte) (seq >>> (8 * i));
      }
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, iv));
      byte[] padded = gcm.doFinal(record);
      int end = padded.length - 1;
      while (end >= 0 && padded[end] == 0) {
        end--;
      }
      boolean last = !in.hasRemaining();
      if (end < 0 || padded[end] != (last ? 2 : 1)) {
        throw new AssertionError("bad padding delimiter");
      }
      out.write(padded, 0, end);
      seq++;
    }
    return out.toByteArray();
  }

  /** HKDF-SHA-256 (RFC 5869), {@code length} ≤ 32. */
  static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws Exception {
    Mac extract = Mac.getInstance("HmacSHA256");
    extract.init(new SecretKeySpec(salt, "HmacSHA256"));
    byte[] prk = extract.doFinal(ikm);
    Mac expand = Mac.getInstance("HmacSHA256");
    expand.init(new SecretKeySpec(prk, "HmacSHA256"));
    expand.update(info);
    expand.update((byte) 1);
    return Arrays.copyOf(expand.doFinal(), length);
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
