package io.rwaprime.api.auth;

import io.rwaprime.common.auth.Jwt;
import io.rwaprime.common.auth.SigningKeys;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key set: no keys refuses to start; rotation keeps old tokens valid until the old key is deleted. */
class SigningKeysTest {

  @TempDir
  Path dir;

  private static JsonObject claims(Instant now) {
    return new JsonObject().put("sub", "00000000-0000-0000-0000-000000000001").put("iat", now.getEpochSecond())
        .put("exp", now.getEpochSecond() + 600);
  }

  @Test
  void refusesAnEmptyFolderUnlessAskedToGenerate() throws Exception {
    assertThatThrownBy(() -> SigningKeys.load(dir, false)).isInstanceOf(SigningKeys.MissingKeysException.class)
        .hasMessageContaining("no JWT signing key");
    assertThatThrownBy(() -> SecretBox.load(dir, false)).isInstanceOf(SigningKeys.MissingKeysException.class);
    SigningKeys generated = SigningKeys.load(dir, true);
    assertThat(generated.jwks().getJsonArray("keys")).hasSize(1);
    assertThat(Files.getPosixFilePermissions(Files.list(dir).filter(p -> p.toString().endsWith(".pem")).findFirst().orElseThrow()))
        .map(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
  }

  @Test
  void rotationSignsWithTheNewKeyAndStillVerifiesTheOld() throws Exception {
    Instant now = Instant.now();
    String oldKid = SigningKeys.rotate(dir, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    Jwt before = new Jwt(SigningKeys.load(dir, false), "rwa-prime", "rwa-prime-api");
    String oldToken = before.sign(Jwt.TYP_ACCESS, claims(now));

    String newKid = SigningKeys.rotate(dir, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
    SigningKeys rotated = SigningKeys.load(dir, false);
    assertThat(rotated.current().kid()).isEqualTo(newKid);
    assertThat(rotated.jwks().getJsonArray("keys")).hasSize(2);
    Jwt after = new Jwt(rotated, "rwa-prime", "rwa-prime-api");
    String newToken = after.sign(Jwt.TYP_ACCESS, claims(now));
    assertThat(header(newToken).getString("kid")).isEqualTo(newKid);
    assertThat(after.verify(oldToken, Jwt.TYP_ACCESS, now).getString("sub")).endsWith("1");
    assertThat(after.verify(newToken, Jwt.TYP_ACCESS, now).getString("sub")).endsWith("1");

    // retiring the old key retires its tokens
    Files.delete(dir.resolve("jwt-" + oldKid + ".pem"));
    Jwt retired = new Jwt(SigningKeys.load(dir, false), "rwa-prime", "rwa-prime-api");
    assertThatThrownBy(() -> retired.verify(oldToken, Jwt.TYP_ACCESS, now)).isInstanceOf(Jwt.InvalidTokenException.class)
        .hasMessageContaining("unknown key id");
    assertThat(retired.verify(newToken, Jwt.TYP_ACCESS, now)).isNotNull();
  }

  @Test
  void refusesAWeakOrForeignKeyFile() throws Exception {
    Files.writeString(dir.resolve("jwt-20260101T000000Z-bad.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> SigningKeys.load(dir, false)).hasMessageContaining("is not a PKCS#8 PEM RSA private key");
  }

  private static JsonObject header(String token) {
    return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0])));
  }
}
