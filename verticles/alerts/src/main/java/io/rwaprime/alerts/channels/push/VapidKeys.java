package io.rwaprime.alerts.channels.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/**
 * The application server's VAPID key pair (RFC 8292), P-256, in the base64url forms the Web Push ecosystem uses (the
 * same as the {@code web-push} tools print): the public key as the 65-byte uncompressed point — exactly what the
 * dashboard passes to {@code pushManager.subscribe({applicationServerKey})} — and the private key as the 32-byte
 * scalar. Generate one pair per deployment with {@link #generate()} (or {@code main}) and keep it: subscriptions are
 * bound to the public key, so a new pair orphans them all.
 *
 * @param publicKey  base64url of the uncompressed public point (87 characters)
 * @param privateKey base64url of the private scalar (43 characters); a secret
 */
public record VapidKeys(String publicKey, String privateKey) {

  /**
   * @throws IllegalArgumentException when either key is malformed or they are not one pair
   */
  public VapidKeys {
    if (publicKey == null || privateKey == null) {
      throw new IllegalArgumentException("VAPID keys: both the public and the private key are needed");
    }
    ECPublicKey pub = P256.publicKey(Jose.b64urlDecode(publicKey));
    ECPrivateKey priv = P256.privateKey(Jose.b64urlDecode(privateKey));
    if (!pair(pub, priv)) {
      throw new IllegalArgumentException("VAPID keys: the private key does not belong to the public key");
    }
  }

  /** A new random pair. */
  public static VapidKeys generate() {
    KeyPair kp = P256.generate();
    return new VapidKeys(Jose.b64url(P256.encode((ECPublicKey) kp.getPublic())),
        Jose.b64url(P256.encode((ECPrivateKey) kp.getPrivate())));
  }

  /** The browser's {@code applicationServerKey}: the base64url public key. */
  public String applicationServerKey() {
    return publicKey;
  }

  ECPrivateKey signingKey() {
    return P256.privateKey(Jose.b64urlDecode(privateKey));
  }

  @Override
  public String toString() {
    return "VapidKeys[publicKey=" + publicKey + ", privateKey=(hidden)]";
  }

  /** Prints a new pair, e.g. {@code java -cp … io.rwaprime.alerts.channels.push.VapidKeys}. */
  public static void main(String[] args) {
    VapidKeys k = generate();
    System.out.println("VAPID public key (applicationServerKey): " + k.publicKey());
    System.out.println("VAPID private key (secret):              " + k.privateKey());
  }

  private static boolean pair(ECPublicKey pub, ECPrivateKey priv) {
    try {
      byte[] probe = "vapid key pair check".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(priv);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance("SHA256withECDSA");
      v.initVerify(pub);
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
