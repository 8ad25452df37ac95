package io.rwaprime.common.storage;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

/**
 * The database schema: Flyway migrations from {@code classpath:db/migration} and the monthly partitions of the
 * time-series tables. Both block (JDBC): call them on a worker thread, never on an event loop.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** Where the SQL migrations live on the class path. */
  public static final String LOCATION = "classpath:db/migration";

  /** The time-series tables partitioned by month (see {@code V2__timeseries.sql}). */
  public static final List<String> PARTITIONED_TABLES = List.of("ticks", "bars_1m", "bars_5m", "bars_1h", "bars_1d",
      "onchain_metrics", "macro_points", "sentiment_scores");

  /** How long partition maintenance waits for writers to let go of a table before giving up (and retrying later). */
  private static final String LOCK_TIMEOUT = "30s";

  private Migrations() {
  }

  /**
   * Applies the pending migrations.
   *
   * @return how many migrations were applied (0 when the schema is current)
   * @throws org.flywaydb.core.api.FlywayException when a migration fails or an applied one was changed
   */
  public static int migrate(String jdbcUrl, String user, String password) {
    Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(jdbcUrl, user, password)
        .locations(LOCATION)
        .failOnMissingLocations(true)
        // the SQL uses $$ bodies and format() patterns; nothing in it is a Flyway placeholder
        .placeholderReplacement(false)
        .cleanDisabled(true)
        .load();
    MigrateResult result = flyway.migrate();
    LOG.info("schema migrated [applied: {}, version: {}]", result.migrationsExecuted,
        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
    return result.migrationsExecuted;
  }

  /**
   * Makes sure every time-series table has its monthly partitions for the months from {@code from} to {@code to}
   * (inclusive), moving rows out of a DEFAULT partition where needed.
   *
   * @return how many partitions were created
   */
  public static int ensurePartitions(String jdbcUrl, String user, String password, LocalDate from, LocalDate to) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
      return ensurePartitions(c, from, to);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create time partitions [from: " + from + ", to: " + to + "]: "
          + e.getMessage(), e);
    }
  }

  /**
   * As {@link #ensurePartitions(String, String, String, LocalDate, LocalDate)}, on an open connection in auto-commit
   * mode: each table is done in its own transaction, so that a busy table does not hold the others back.
   *
   * @throws IllegalStateException when the connection is not in auto-commit mode
   */
  public static int ensurePartitions(Connection c, LocalDate from, LocalDate to) throws SQLException {
    if (from == null || to == null || to.isBefore(from)) {
      throw new IllegalArgumentException("need from <= to (was " + from + ", " + to + ")");
    }
    if (!c.getAutoCommit()) {
      throw new IllegalStateException("partition maintenance needs a connection in auto-commit mode");
    }
    try (Statement s = c.createStatement()) {
      s.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
    }
    int created = 0;
    try (PreparedStatement ensure = c.prepareStatement("SELECT rwa_ensure_partitions(?::regclass, ?, ?)")) {
      for (String table : PARTITIONED_TABLES) {
        ensure.setString(1, table);
        ensure.setObject(2, from);
        ensure.setObject(3, to);
        try (ResultSet rs = ensure.executeQuery()) {
          rs.next();
          int n = rs.getInt(1);
          if (n > 0) {
            LOG.info("time partitions created [table: {}, count: {}, from: {}, to: {}]", table, n, from, to);
          }
          created += n;
        }
      }
    } finally {
      try (Statement s = c.createStatement()) {
        s.execute("RESET lock_timeout");
      }
    }
    return created;
  }
}
