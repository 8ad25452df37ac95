package io.rwaprime.common.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The RS256 key set that signs and verifies rwa-prime's JWTs, read from a folder of PKCS#8 PEM files named
 * {@code jwt-<kid>.pem}. Key ids start with their creation time, so the file that sorts last is the
 * <em>current</em> key (it signs new tokens); every key in the folder verifies, and every key is published at
 * {@code /.well-known/jwks.json}.
 *
 * <h2>Rotation</h2>
 * {@link #rotate} adds a new key beside the old ones (CLI: {@code rwa-prime keys rotate}); processes sign with it
 * after their next start, and tokens signed with an older key stay valid until that key's file is deleted —
 * safe 15 minutes (one access-token lifetime) after every process has restarted.
 *
 * <h2>No keys, no start</h2>
 * An empty folder is refused ({@link MissingKeysException}) unless {@code generate} is set, which creates the
 * first key: a token verifier with no keys must never exist (vertx-auth-jwt with zero keys accepts unsigned
 * tokens).
 */
public final class SigningKeys {

  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
  private static final DateTimeFormatter KID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final String PREFIX = "jwt-";
  private static final String SUFFIX = ".pem";

  private final Map<String, RsaKey> byKid;
  private final RsaKey current;

  /** One RSA key pair and its id. */
  public record RsaKey(String kid, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {}

  /** The folder holds no signing key and generating one was not allowed. */
  public static final class MissingKeysException extends IllegalStateException {
    public MissingKeysException(Path dir) {
      super("no JWT signing key in " + dir.toAbsolutePath()
          + ": create one with `rwa-prime keys rotate --dir " + dir + "` or set api.auth.generate-keys=true");
    }
  }

  private SigningKeys(Map<String, RsaKey> byKid) {
    this.byKid = Map.copyOf(byKid);
    this.current = byKid.values().stream().reduce((a, b) -> b).orElseThrow();
  }

  /**
   * Loads the keys of {@code dir}; when it has none and {@code generate} is set, creates the first one.
   * Blocking (file I/O and, when generating, an RSA key generation of ~100 ms).
   */
  public static SigningKeys load(Path dir, boolean generate) {
    List<Path> files = list(dir);
    if (files.isEmpty()) {
      if (!generate) {
        throw new MissingKeysException(dir);
      }
      rotate(dir, Clock.systemUTC());
      files = list(dir);
    }
    Map<String, RsaKey> keys = new LinkedHashMap<>();
    for (Path file : files) {
      RsaKey key = read(file);
      keys.put(key.kid(), key);
    }
    SigningKeys set = new SigningKeys(keys);
    LOG.info("JWT signing keys loaded [dir: {}, keys: {}, current kid: {}]", dir, keys.size(), set.current.kid());
    return set;
  }

  /** Creates a new RSA-2048 key in {@code dir} (mode 600) that becomes the current key; returns its kid. */
  public static String rotate(Path dir, Clock clock) {
    try {
      Files.createDirectories(dir);
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048, new SecureRandom());
      byte[] random = new byte[4];
      new SecureRandom().nextBytes(random);
      String kid = KID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
      String pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(gen.generateKeyPair().getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
      Path file = dir.resolve(PREFIX + kid + SUFFIX);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.writeString(tmp, pem);
      restrict(tmp);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      LOG.info("JWT signing key created [dir: {}, kid: {}]", dir, kid);
      return kid;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a signing key to " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation is not available", e);
    }
  }

  /** The key that signs new tokens. */
  public RsaKey current() {
    return current;
  }

  /** The key with this id, if it is in the set. */
  public Optional<RsaKey> find(String kid) {
    return Optional.ofNullable(byKid.get(kid));
  }

  /** The public keys as an RFC 7517 JWK Set. */
  public JsonObject jwks() {
    JsonArray keys = new JsonArray();
    byKid.values().forEach(k -> keys.add(new JsonObject()
        .put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", k.kid())
        .put("n", b64(k.publicKey().getModulus())).put("e", b64(k.publicKey().getPublicExponent()))));
    return new JsonObject().put("keys", keys);
  }

  private static String b64(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static RsaKey read(Path file) {
    String name = file.getFileName().toString();
    String kid = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
    try {
      String pem = Files.readString(file);
      String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
      KeyFactory kf = KeyFactory.getInstance("RSA");
      if (!(kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))) instanceof RSAPrivateCrtKey priv)) {
        throw new IllegalStateException(file + " is not an RSA private key with CRT parameters");
      }
      if (priv.getModulus().bitLength() < 2048) {
        throw new IllegalStateException(file + " holds an RSA key of " + priv.getModulus().bitLength() + " bits; 2048 or more needed");
      }
      RSAPublicKey pub = (RSAPublicKey) kf.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
      return new RsaKey(kid, priv, pub);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the signing key " + file, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the signing key " + file + " is not a PKCS#8 PEM RSA private key", e);
    }
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      LOG.warn("cannot restrict the permissions of a key file [file: {}]", file);
    }
  }
}
