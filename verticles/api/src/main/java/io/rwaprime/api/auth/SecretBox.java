package io.rwaprime.api.auth;

import io.rwaprime.common.auth.SigningKeys;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM for the secrets the database must not hold in clear (TOTP seeds). The key is the file
 * {@code data-key} (32 random bytes, base64) beside the JWT signing keys; the ciphertext is
 * {@code v1:<base64(iv ‖ ciphertext ‖ tag)>}, with the owner's id as additional data so that a ciphertext copied
 * to another account does not decrypt.
 */
public final class SecretBox {

  private static final String FILE = "data-key";
  private static final int IV_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** Reads {@code <dir>/data-key}; creates it when missing and {@code generate} is set. Blocking. */
  public static SecretBox load(Path dir, boolean generate) {
    Path file = dir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        if (!generate) {
          throw new SigningKeys.MissingKeysException(dir);
        }
        Files.createDirectories(dir);
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, Base64.getEncoder().encodeToString(k) + "\n");
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
          // not a POSIX file system: the folder's own permissions protect it
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      byte[] k = Base64.getDecoder().decode(Files.readString(file).trim());
      if (k.length != 32) {
        throw new IllegalStateException(file + " must hold 32 bytes (base64), found " + k.length);
      }
      return new SecretBox(k);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  /** Encrypts {@code plain} bound to {@code owner}. */
  public String seal(byte[] plain, String owner) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plain);
      return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** Decrypts what {@link #seal} made for the same owner; throws when it was altered or is someone else's. */
  public byte[] open(String sealed, String owner) {
    if (sealed == null || !sealed.startsWith("v1:")) {
      throw new IllegalArgumentException("not a sealed secret");
    }
    try {
      byte[] all = Base64.getDecoder().decode(sealed.substring(3));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
      c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(all, IV_BYTES, all.length - IV_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the sealed secret does not decrypt", e);
    }
  }
}
