package io.rwaprime.api.auth;

import io.rwaprime.api.ApiServer;
import io.rwaprime.api.ApiServer.Reply;
import io.rwaprime.api.TestClock;
import io.rwaprime.common.cache.LocalKeyValueStore;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.Codecs;
import io.rwaprime.testkit.MailExtension;
import io.rwaprime.testkit.MailServer;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Address verification and password reset through a real SMTP server (GreenMail on loopback). */
@ExtendWith({PostgresExtension.class, MailExtension.class})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MailIT {

  private static final Pattern TOKEN = Pattern.compile("\\?token=([A-Za-z0-9_-]{43})");
  private static Vertx vertx;
  private static Database db;
  private static ApiServer api;
  private static MailServer smtp;

  @BeforeAll
  static void start(PostgresServer pg, MailServer mail) throws Exception {
    smtp = mail;
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    String name = pg.createDatabase("mail");
    db = ApiServer.database(vertx, pg, name);
    api = ApiServer.start(vertx, db, new LocalKeyValueStore(vertx), new TestClock(Instant.now()), Map.of(
        "RWA_API_AUTH_KEYS_DIR", Files.createTempDirectory("rwa-keys").toString(),
        "RWA_API_MAIL_HOST", mail.host(), "RWA_API_MAIL_PORT", Integer.toString(mail.port()),
        "RWA_API_MAIL_STARTTLS", "disabled", "RWA_API_MAIL_BASE_URL", "https://rwa.example.com"));
  }

  @AfterAll
  static void stop() throws Exception {
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).await(30, TimeUnit.SECONDS);
    }
    db.close().await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private static MimeMessage mailTo(String address, String subjectWord) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      for (MimeMessage m : smtp.received()) {
        if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address) && m.getSubject().contains(subjectWord)) {
          return m;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no mail '" + subjectWord + "' to " + address);
  }

  private static String token(MimeMessage m, String path) throws Exception {
    String text = m.getContent().toString();
    assertThat(text).contains("https://rwa.example.com" + path + "?token=");
    Matcher matcher = TOKEN.matcher(text);
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  @Test
  @DisplayName("register mails a verification link; the token verifies the address once")
  void verification() throws Exception {
    String email = "v" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Reply reg = api.post("/api/v1/auth/register", null, new JsonObject().put("email", email).put("password", "correct horse battery"));
    assertThat(reg.status()).isEqualTo(201);
    assertThat(reg.body().getJsonObject("user").getBoolean("email_verified")).isFalse();
    String token = token(mailTo(email, "Confirm"), "/verify-email");
    assertThat(api.post("/api/v1/auth/verify-email", null, new JsonObject().put("token", token)).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/me", reg.body().getString("access_token")).body().getBoolean("email_verified")).isTrue();
    assertThat(api.post("/api/v1/auth/verify-email", null, new JsonObject().put("token", token)).status()).as("used").isEqualTo(400);
    assertThat(api.post("/api/v1/auth/verify-email", null, new JsonObject().put("token", "x".repeat(43))).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("password reset: 202 for any address, a mailed single-use token, every session ended")
  void passwordReset() throws Exception {
    String email = "r" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Reply reg = api.post("/api/v1/auth/register", null, new JsonObject().put("email", email).put("password", "correct horse battery"));
    int before = smtp.received().size();
    assertThat(api.post("/api/v1/auth/password-reset", null, new JsonObject().put("email", "nobody-" + email)).status())
        .isEqualTo(202);
    assertThat(api.post("/api/v1/auth/password-reset", null, new JsonObject().put("email", email.toUpperCase())).status())
        .isEqualTo(202);
    String token = token(mailTo(email, "Reset"), "/reset-password");
    assertThat(smtp.received().stream().filter(m -> {
      try {
        return m.getRecipients(Message.RecipientType.TO)[0].toString().startsWith("nobody-");
      } catch (Exception e) {
        return false;
      }
    })).as("no mail to an address without an account").isEmpty();
    assertThat(smtp.received().size()).isGreaterThan(before);

    assertThat(api.post("/api/v1/auth/password-reset/confirm", null, new JsonObject().put("token", token)
        .put("new_password", "short")).status()).isEqualTo(400);
    assertThat(api.post("/api/v1/auth/password-reset/confirm", null, new JsonObject().put("token", token)
        .put("new_password", "a brand new passphrase")).status()).isEqualTo(204);
    assertThat(api.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", reg.body().getString("refresh_token")))
        .status()).as("sessions end with a reset").isEqualTo(401);
    assertThat(api.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", "correct horse battery"))
        .status()).isEqualTo(401);
    assertThat(api.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", "a brand new passphrase"))
        .status()).isEqualTo(200);
    assertThat(api.post("/api/v1/auth/password-reset/confirm", null, new JsonObject().put("token", token)
        .put("new_password", "yet another passphrase")).status()).as("single use").isEqualTo(400);
    List<MimeMessage> all = smtp.received();
    for (MimeMessage m : all) {
      assertThat(m.getContent().toString()).doesNotContain("correct horse battery");
    }
  }
}
