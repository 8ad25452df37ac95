package io.rwaprime.alerts.channels.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;

/**
 * NIST P-256 keys in the raw forms Web Push uses: a public key as the 65-byte uncompressed point
 * ({@code 0x04 ‖ x ‖ y}, SEC 1 §2.3.3) and a private key as the 32-byte scalar.
 */
final class P256 {

  static final ECParameterSpec PARAMS;

  static {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp256r1"));
      PARAMS = p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private P256() {
  }

  /** A fresh key pair. */
  static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no P-256 in this JDK", e);
    }
  }

  /** The 65-byte uncompressed form of {@code key}. */
  static byte[] encode(ECPublicKey key) {
    byte[] out = new byte[65];
    out[0] = 0x04;
    unsigned(key.getW().getAffineX(), out, 1);
    unsigned(key.getW().getAffineY(), out, 33);
    return out;
  }

  /** The 32-byte scalar of {@code key}. */
  static byte[] encode(ECPrivateKey key) {
    byte[] out = new byte[32];
    unsigned(key.getS(), out, 0);
    return out;
  }

  /**
   * The public key of a 65-byte uncompressed point.
   *
   * @throws IllegalArgumentException when the bytes are not an uncompressed point on P-256 (checked here, so that an
   *                                  invalid-curve point never reaches ECDH)
   */
  static ECPublicKey publicKey(byte[] uncompressed) {
    if (uncompressed.length != 65 || uncompressed[0] != 0x04) {
      throw new IllegalArgumentException("not an uncompressed P-256 point (65 bytes starting 0x04)");
    }
    BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(uncompressed, 1, 33));
    BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(uncompressed, 33, 65));
    BigInteger p = ((ECFieldFp) PARAMS.getCurve().getField()).getP();
    BigInteger a = PARAMS.getCurve().getA();
    BigInteger b = PARAMS.getCurve().getB();
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0
        || !y.modPow(BigInteger.TWO, p).equals(x.pow(3).add(a.multiply(x)).add(b).mod(p))) {
      throw new IllegalArgumentException("the point is not on P-256");
    }
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMS));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a P-256 public key: " + e.getMessage(), e);
    }
  }

  /**
   * The private key of a 32-byte scalar.
   *
   * @throws IllegalArgumentException when the scalar is out of range
   */
  static ECPrivateKey privateKey(byte[] scalar) {
    BigInteger s = new BigInteger(1, scalar);
    if (scalar.length != 32 || s.signum() == 0 || s.compareTo(PARAMS.getOrder()) >= 0) {
      throw new IllegalArgumentException("not a P-256 private key (a 32-byte scalar below the group order)");
    }
    try {
      return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, PARAMS));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a P-256 private key: " + e.getMessage(), e);
    }
  }

  private static void unsigned(BigInteger v, byte[] out, int offset) {
    byte[] b = v.toByteArray();
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, offset + 32 - len, len);
  }
}
