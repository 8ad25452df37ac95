package io.rwaprime.alerts.channels.push;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * Message encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188), one record:
 * <pre>
 *   ecdh_secret = ECDH(as_private, ua_public)
 *   PRK_key     = HMAC-SHA-256(auth_secret, ecdh_secret)
 *   IKM         = HMAC-SHA-256(PRK_key, "WebPush: info" ‖ 0x00 ‖ ua_public ‖ as_public ‖ 0x01)
 *   PRK         = HMAC-SHA-256(salt, IKM)
 *   CEK         = HMAC-SHA-256(PRK, "Content-Encoding: aes128gcm" ‖ 0x00 ‖ 0x01)[0..16)
 *   NONCE       = HMAC-SHA-256(PRK, "Content-Encoding: nonce" ‖ 0x00 ‖ 0x01)[0..12)
 *   body        = salt(16) ‖ rs(4, = 4096) ‖ idlen(1, = 65) ‖ as_public(65) ‖ AES-128-GCM(CEK, NONCE, plaintext ‖ 0x02)
 * </pre>
 * with a fresh ephemeral key pair ({@code as}) and salt per message.
 */
final class WebPushCrypto {

  static final int RECORD_SIZE = 4096;
  static final int HEADER_SIZE = 16 + 4 + 1 + 65;
  /** The largest plaintext whose body fits the 4096 bytes every push service accepts. */
  static final int MAX_PLAINTEXT = RECORD_SIZE - HEADER_SIZE - 1 - 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebPushCrypto() {
  }

  /** Encrypts {@code plaintext} to the subscription's {@code p256dh} point and {@code auth} secret. */
  static byte[] encrypt(byte[] plaintext, ECPublicKey uaPublic, byte[] authSecret) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return encrypt(plaintext, uaPublic, authSecret, P256.generate(), salt);
  }

  /** Encrypts with a given ephemeral key pair and salt (RFC 8291 Appendix A fixes both). */
  static byte[] encrypt(byte[] plaintext, ECPublicKey uaPublic, byte[] authSecret, KeyPair as, byte[] salt) {
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException("a Web Push plaintext has at most " + MAX_PLAINTEXT + " bytes");
    }
    if (authSecret.length != 16 || salt.length != 16) {
      throw new IllegalArgumentException("the auth secret and the salt have 16 bytes");
    }
    try {
      KeyAgreement ka = KeyAgreement.getInstance("ECDH");
      ka.init(as.getPrivate());
      ka.doPhase(uaPublic, true);
      byte[] ecdhSecret = ka.generateSecret();
      byte[] uaBytes = P256.encode(uaPublic);
      byte[] asBytes = P256.encode((ECPublicKey) as.getPublic());

      byte[] prkKey = hmac(authSecret, ecdhSecret);
      byte[] ikm = hmac(prkKey, concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaBytes, asBytes,
          new byte[] {1}));
      byte[] prk = hmac(salt, ikm);
      byte[] cek = Arrays.copyOf(hmac(prk, "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII)), 16);
      byte[] nonce = Arrays.copyOf(hmac(prk, "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII)), 12);

      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
      byte[] record = gcm.doFinal(concat(plaintext, new byte[] {2}));
      Arrays.fill(ecdhSecret, (byte) 0);
      Arrays.fill(prkKey, (byte) 0);
      Arrays.fill(ikm, (byte) 0);
      Arrays.fill(prk, (byte) 0);
      Arrays.fill(cek, (byte) 0);

      return ByteBuffer.allocate(HEADER_SIZE + record.length)
          .put(salt).putInt(RECORD_SIZE).put((byte) asBytes.length).put(asBytes).put(record)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Web Push encryption failed: " + e.getMessage(), e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }
}
