package io.rwaprime.common.storage;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Flyway schema, the monthly partitions and the catalogue seeding against a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MigrationsIT {

  private static final LocalDate JAN = LocalDate.of(2026, 1, 1);
  private static final LocalDate MAR_END = LocalDate.of(2026, 3, 31);

  private static PostgresServer pg;
  private static String db;
  private static Vertx vertx;

  @BeforeAll
  static void migrateOnce(PostgresServer server) {
    pg = server;
    db = pg.createDatabase("migrations");
    Migrations.migrate(url(db), pg.user(), pg.password());
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  @DisplayName("a fresh database gets every migration; a second run applies none")
  void migratesFreshDatabaseOnce() {
    String fresh = pg.createDatabase("fresh");

    int first = Migrations.migrate(url(fresh), pg.user(), pg.password());
    int second = Migrations.migrate(url(fresh), pg.user(), pg.password());

    assertThat(first).isGreaterThanOrEqualTo(2);
    assertThat(second).isZero();
  }

  @Test
  @DisplayName("monthly partitions are created for every time-series table, once")
  void createsMonthlyPartitionsIdempotently() throws SQLException {
    String fresh = freshMigrated("partitions");

    int created = Migrations.ensurePartitions(url(fresh), pg.user(), pg.password(), JAN.plusDays(14), MAR_END);
    int again = Migrations.ensurePartitions(url(fresh), pg.user(), pg.password(), JAN, MAR_END);

    assertThat(created).isEqualTo(3 * Migrations.PARTITIONED_TABLES.size());
    assertThat(again).isZero();
    try (Connection c = pg.connect(fresh)) {
      for (String table : Migrations.PARTITIONED_TABLES) {
        assertThat(partitions(c, table)).as(table).containsExactlyInAnyOrder(
            table + "_default", table + "_y2026m01", table + "_y2026m02", table + "_y2026m03");
      }
    }
  }

  @Test
  @DisplayName("rows in a created month go to its partition, rows outside any go to the default one")
  void routesRowsToMonthOrDefault() throws SQLException {
    String fresh = freshMigrated("routing");
    Migrations.ensurePartitions(url(fresh), pg.user(), pg.password(), JAN, MAR_END);

    try (Connection c = pg.connect(fresh)) {
      insertTick(c, "BUIDL", "2026-02-10T12:00:00Z", 1, "1.0001");
      insertTick(c, "BUIDL", "2031-07-01T00:00:00Z", 2, "1.0002");
      insertBar(c, "bars_1m", "PAXG", "2026-03-31T23:59:00Z");
      insertBar(c, "bars_1m", "PAXG", "2025-12-31T23:59:00Z");
      insertBar(c, "bars_1d", "PAXG", "2026-01-01T00:00:00Z");
      insertBar(c, "bars_1d", "PAXG", "2040-01-01T00:00:00Z");

      assertThat(whereIs(c, "ticks", "event_time", "2026-02-10T12:00:00Z")).isEqualTo("ticks_y2026m02");
      assertThat(whereIs(c, "ticks", "event_time", "2031-07-01T00:00:00Z")).isEqualTo("ticks_default");
      assertThat(whereIs(c, "bars_1m", "open_time", "2026-03-31T23:59:00Z")).isEqualTo("bars_1m_y2026m03");
      assertThat(whereIs(c, "bars_1m", "open_time", "2025-12-31T23:59:00Z")).isEqualTo("bars_1m_default");
      assertThat(whereIs(c, "bars_1d", "open_time", "2026-01-01T00:00:00Z")).isEqualTo("bars_1d_y2026m01");
      assertThat(whereIs(c, "bars_1d", "open_time", "2040-01-01T00:00:00Z")).isEqualTo("bars_1d_default");
    }
  }

  @Test
  @DisplayName("creating a month whose rows sit in the default partition moves them into it")
  void movesRowsOutOfDefaultPartition() throws SQLException {
    String fresh = freshMigrated("move");
    try (Connection c = pg.connect(fresh)) {
      insertTick(c, "PAXG", "2030-05-03T10:00:00Z", 1, "4150.25");
      insertTick(c, "PAXG", "2030-05-31T23:59:59.999999Z", 2, "4151.00");
      insertTick(c, "PAXG", "2030-06-01T00:00:00Z", 3, "4152.00");
      insertBar(c, "bars_1h", "PAXG", "2030-05-20T08:00:00Z");
      assertThat(whereIs(c, "ticks", "event_time", "2030-05-03T10:00:00Z")).isEqualTo("ticks_default");
    }

    int created = Migrations.ensurePartitions(url(fresh), pg.user(), pg.password(), LocalDate.of(2030, 5, 1),
        LocalDate.of(2030, 5, 31));

    assertThat(created).isEqualTo(Migrations.PARTITIONED_TABLES.size());
    try (Connection c = pg.connect(fresh)) {
      assertThat(whereIs(c, "ticks", "event_time", "2030-05-03T10:00:00Z")).isEqualTo("ticks_y2030m05");
      assertThat(whereIs(c, "ticks", "event_time", "2030-05-31T23:59:59.999999Z")).isEqualTo("ticks_y2030m05");
      assertThat(whereIs(c, "ticks", "event_time", "2030-06-01T00:00:00Z")).isEqualTo("ticks_default");
      assertThat(whereIs(c, "bars_1h", "open_time", "2030-05-20T08:00:00Z")).isEqualTo("bars_1h_y2030m05");
      assertThat(count(c, "SELECT count(*) FROM ticks")).isEqualTo(3);
      assertThat(count(c, "SELECT count(*) FROM ticks_default")).isEqualTo(1);
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT price FROM ticks WHERE seq = 1")) {
        rs.next();
        assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("4150.25");
      }
      // the moved-into partition is a full partition: its primary key still refuses a duplicate
      assertThatThrownBy(() -> insertTick(c, "PAXG", "2030-05-03T10:00:00Z", 1, "1"))
          .isInstanceOf(SQLException.class).hasMessageContaining("duplicate key");
    }
  }

  @Test
  @DisplayName("month bounds are UTC whatever the session time zone")
  void monthBoundsAreUtc() throws SQLException {
    String fresh = freshMigrated("tz");
    try (Connection c = pg.connect(fresh)) {
      try (Statement s = c.createStatement()) {
        s.execute("SET TimeZone = 'Asia/Tokyo'");
      }
      Migrations.ensurePartitions(c, JAN, JAN);
      insertTick(c, "USDY", "2026-01-01T00:00:00Z", 1, "1.11");
      insertTick(c, "USDY", "2025-12-31T23:59:59Z", 2, "1.11");

      assertThat(whereIs(c, "ticks", "event_time", "2026-01-01T00:00:00Z")).isEqualTo("ticks_y2026m01");
      assertThat(whereIs(c, "ticks", "event_time", "2025-12-31T23:59:59Z")).isEqualTo("ticks_default");
    }
  }

  @Test
  void refusesABackwardRange() {
    assertThatThrownBy(() -> Migrations.ensurePartitions(url(db), pg.user(), pg.password(), MAR_END, JAN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("the catalogue is seeded once; re-seeding inserts nothing and keeps operators' edits")
  void seedsCatalogueOnce() throws Exception {
    String fresh = freshMigrated("seed");
    List<Asset> assets = AssetCatalogue.load().assets();
    Pool pool = pool(fresh);
    try {
      int inserted = AssetSeeder.seed(pool, assets).await(1, TimeUnit.MINUTES);
      try (Connection c = pg.connect(fresh); Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE assets SET name = 'Edited by an operator' WHERE symbol = 'BUIDL'");
      }
      int again = AssetSeeder.seed(pool, assets).await(1, TimeUnit.MINUTES);

      assertThat(inserted).isEqualTo(assets.size());
      assertThat(again).isZero();
      try (Connection c = pg.connect(fresh)) {
        assertThat(count(c, "SELECT count(*) FROM assets")).isEqualTo(assets.size());
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
            SELECT name, nav, yield_apy, contract_address, contracts->>'polygon', jsonb_array_length(documents),
                   underlying_asset_details->>'custodian', asset_class, currency
            FROM assets WHERE symbol = 'BUIDL'""")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("Edited by an operator");
          assertThat(rs.getBigDecimal(2)).isEqualByComparingTo(BigDecimal.ONE);
          assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("0.0375");
          assertThat(rs.getString(4)).isEqualTo("0x7712c34205737192402172409a8f7ccef8aa2aec");
          assertThat(rs.getString(5)).isEqualTo("0x2893ef551b6dd69f661ac00f11d93e5dc5dc0e99");
          assertThat(rs.getInt(6)).isEqualTo(1);
          assertThat(rs.getString(7)).isEqualTo("BNY Mellon");
          assertThat(rs.getString(8)).isEqualTo("tokenized_treasury");
          assertThat(rs.getString(9)).isEqualTo("USD");
        }
        assertThat(count(c, "SELECT count(*) FROM assets WHERE nav IS NULL")).isPositive();
      }
    } finally {
      pool.close().await();
    }
  }

  @Test
  @DisplayName("core constraints: case-insensitive e-mail, one manual holding, bounded risk score, one dead letter")
  void coreConstraintsHold() throws SQLException {
    String fresh = freshMigrated("core");
    try (Connection c = pg.connect(fresh); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO users (email, password_hash) VALUES ('Ana@Example.com', 'x')");
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO users (email, password_hash) VALUES ('ana@example.COM', 'y')"))
          .hasMessageContaining("users_email_lower_uq");
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO users (email, password_hash, tier) VALUES ('b@x.io', 'y', 'gold')"))
          .hasMessageContaining("check constraint");

      s.executeUpdate("""
          INSERT INTO assets (symbol, name, asset_class, blockchain_network) VALUES ('TST', 'Test', 'commodity', 'ethereum')""");
      String holding = """
          INSERT INTO portfolios (user_id, asset_id, quantity)
          SELECT u.user_id, a.asset_id, 1.5 FROM users u, assets a WHERE a.symbol = 'TST'""";
      s.executeUpdate(holding);
      assertThatThrownBy(() -> s.executeUpdate(holding)).hasMessageContaining("portfolios_holding_uq");
      s.executeUpdate("""
          INSERT INTO portfolios (user_id, asset_id, quantity, wallet_address, chain)
          SELECT u.user_id, a.asset_id, 0.000000000000000001, '0xabc', 'ethereum' FROM users u, assets a
          WHERE a.symbol = 'TST'""");

      assertThatThrownBy(() -> s.executeUpdate("""
          INSERT INTO risk_scores (asset_id, composite_score) SELECT asset_id, 101 FROM assets WHERE symbol = 'TST'"""))
          .hasMessageContaining("check constraint");

      String letter = """
          INSERT INTO dead_letters (event_id, source, stage, reason_code, detail, payload)
          VALUES ('e1', 'simulator', 'cleansing', 'negative_price', 'price -1', '{}') ON CONFLICT DO NOTHING""";
      assertThat(s.executeUpdate(letter)).isEqualTo(1);
      assertThat(s.executeUpdate(letter)).isZero();

      s.executeUpdate("""
          INSERT INTO alerts (user_id, asset_id, condition_type, condition_value, notification_method, state)
          SELECT u.user_id, a.asset_id, 'price_above', '{"threshold": "4200"}', 'email', 'paused'
          FROM users u, assets a WHERE a.symbol = 'TST'""");
      assertThat(count(c, "SELECT count(*) FROM alerts WHERE is_active")).isZero();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static String freshMigrated(String prefix) {
    String fresh = pg.createDatabase(prefix);
    Migrations.migrate(url(fresh), pg.user(), pg.password());
    return fresh;
  }

  private static String url(String database) {
    return pg.jdbcUrl(database);
  }

  private static Pool pool(String database) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(2))
        .connectingTo(new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(database)
            .setUser(pg.user()).setPassword(pg.password()))
        .using(vertx)
        .build();
  }

  private static void insertTick(Connection c, String symbol, String time, long seq, String price) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO ticks (symbol, source, event_time, seq, price, volume, currency, event_id)
        VALUES (?, 'test', ?::timestamptz, ?, ?::numeric, 1, 'USD', ?)""")) {
      ps.setString(1, symbol);
      ps.setString(2, time);
      ps.setLong(3, seq);
      ps.setString(4, price);
      ps.setString(5, "test:" + symbol + ":" + seq);
      ps.executeUpdate();
    }
  }

  private static void insertBar(Connection c, String table, String symbol, String openTime) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
        + " (symbol, open_time, open, high, low, close, volume, vwap, tick_count) "
        + "VALUES (?, ?::timestamptz, 100, 101, 99, 100.5, 10, 100.2, 7)")) {
      ps.setString(1, symbol);
      ps.setString(2, openTime);
      ps.executeUpdate();
    }
  }

  /** The partition that holds the row of {@code table} whose {@code column} equals {@code time}. */
  private static String whereIs(Connection c, String table, String column, String time) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT tableoid::regclass::text FROM " + table + " WHERE " + column + " = ?::timestamptz")) {
      ps.setString(1, time);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("a row at %s in %s", time, table).isTrue();
        return rs.getString(1);
      }
    }
  }

  private static List<String> partitions(Connection c, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = ?::regclass")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
