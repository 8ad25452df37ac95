package io.rwaprime.alerts.channels.push;

import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

/**
 * The test side's own keys and JWT verification, written from the specifications with the JDK only (so that a test
 * does not check the senders' helpers with themselves): RS256 verified by {@code SHA256withRSA}, ES256 by
 * {@code SHA256withECDSAinP1363Format} (the JOSE r‖s form, without the senders' DER conversion).
 */
final class TestKeys {

  private TestKeys() {
  }

  static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static String pkcs8Pem(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  static byte[] b64u(String s) {
    return Base64.getUrlDecoder().decode(s);
  }

  static String b64u(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static ECParameterSpec p256Params() throws Exception {
    AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
    p.init(new ECGenParameterSpec("secp256r1"));
    return p.getParameterSpec(ECParameterSpec.class);
  }

  /** SEC 1 uncompressed point. */
  static byte[] uncompressed(ECPublicKey key) {
    byte[] out = new byte[65];
    out[0] = 4;
    fixed(key.getW().getAffineX(), out, 1);
    fixed(key.getW().getAffineY(), out, 33);
    return out;
  }

  static ECPublicKey ecPublic(byte[] uncompressed) throws Exception {
    ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
        new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
    return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, p256Params()));
  }

  static PrivateKey ecPrivate(byte[] scalar) throws Exception {
    return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), p256Params()));
  }

  private static void fixed(BigInteger v, byte[] out, int off) {
    byte[] b = v.toByteArray();
    int len = Math.min(32, b.length);
    System.arraycopy(b, b.length - len, out, off + 32 - len, len);
  }

  /** A verified JWT's two JSON parts. */
  record Jwt(JsonObject header, JsonObject claims) {
  }

  /**
   * Verifies a compact JWS: {@code alg} as expected, the signature valid under {@code key}.
   *
   * @throws AssertionError when it is not
   */
  static Jwt verify(String jwt, String alg, PublicKey key) {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new AssertionError("not a compact JWS: " + jwt);
    }
    JsonObject header = new JsonObject(new String(b64u(parts[0]), StandardCharsets.UTF_8));
    JsonObject claims = new JsonObject(new String(b64u(parts[1]), StandardCharsets.UTF_8));
    if (!alg.equals(header.getString("alg"))) {
      throw new AssertionError("alg " + header.getString("alg") + ", expected " + alg);
    }
    try {
      Signature s = Signature.getInstance(alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
      s.initVerify(key);
      s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      byte[] sig = b64u(parts[2]);
      if (alg.equals("ES256") && sig.length != 64) {
        throw new AssertionError("an ES256 signature has 64 bytes, got " + sig.length);
      }
      if (!s.verify(sig)) {
        throw new AssertionError("bad " + alg + " signature");
      }
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError("cannot verify: " + e, e);
    }
    return new Jwt(header, claims);
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Waits for a future from the test thread; its failure is thrown as is. */
  static <T> T await(io.vertx.core.Future<T> f) throws Throwable {
    try {
      return f.toCompletionStage().toCompletableFuture().get(45, java.util.concurrent.TimeUnit.SECONDS); // a loaded CI box: TLS + HTTP/2 set-up
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause();
    }
  }

  /** Waits for a future that must fail and returns its failure. */
  static Throwable failure(io.vertx.core.Future<?> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the future succeeded");
  }
}
