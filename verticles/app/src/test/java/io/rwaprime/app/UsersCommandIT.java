package io.rwaprime.app;

import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code users create-admin} against a real PostgreSQL: the account exists with the admin tier and an Argon2id hash. */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class UsersCommandIT {

  private static final List<String> PROPS = List.of("rwa.database.url", "rwa.database.user", "rwa.database.password",
      "rwa.logging.level");

  @AfterEach
  void clear() {
    PROPS.forEach(System::clearProperty);
  }

  private static int run(String stdin, ByteArrayOutputStream out, String... args) {
    InputStream oldIn = System.in;
    PrintStream oldOut = System.out;
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      return Main.commandLine().execute(args);
    } finally {
      System.setIn(oldIn);
      System.setOut(oldOut);
    }
  }

  @Test
  void createsAnAdminOnceAndRefusesShortPasswords(PostgresServer pg) throws Exception {
    String db = pg.createDatabase("users_cli");
    System.setProperty("rwa.database.url", "postgresql://" + pg.host() + ":" + pg.port() + "/" + db);
    System.setProperty("rwa.database.user", pg.user());
    System.setProperty("rwa.database.password", pg.password());
    System.setProperty("rwa.logging.level", "WARN");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(run("a long admin passphrase\n", out, "users", "create-admin", "--email", "ops@example.com", "--profile", "test"))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"tier\": \"admin\"");
    try (Connection c = pg.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT tier, role, password_hash FROM users WHERE email = 'ops@example.com'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("tier")).isEqualTo("admin");
      assertThat(rs.getString("role")).isEqualTo("admin");
      assertThat(rs.getString("password_hash")).startsWith("$argon2id$");
    }
    assertThat(run("a long admin passphrase\n", new ByteArrayOutputStream(), "users", "create-admin", "--email",
        "ops@example.com", "--profile", "test")).as("the address is taken").isEqualTo(1);
    assertThat(run("short\n", new ByteArrayOutputStream(), "users", "create-admin", "--email", "ops2@example.com",
        "--profile", "test")).isEqualTo(1);
    assertThat(run("", new ByteArrayOutputStream(), "users", "create-admin", "--email", "not-an-address", "--profile", "test"))
        .isEqualTo(2);
  }
}
