package io.rwaprime.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class PostgresServerIT {

  @Test
  void answersSelectVersionOverPlainJdbc(PostgresServer pg) throws Exception {
    System.out.println("PostgreSQL start-up: " + pg.startupTime().toMillis() + " ms");
    assertThat(pg.host()).isEqualTo("127.0.0.1");
    assertThat(pg.port()).isPositive().isNotEqualTo(5432);
    assertThat(pg.password()).isNotEmpty();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select version()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).startsWith("PostgreSQL 17.");
    }
    assertThat(pg.version()).startsWith("PostgreSQL 17.");
    assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres");
  }

  @Test
  void createsFreshUniquelyNamedDatabases(PostgresServer pg) throws Exception {
    String first = pg.createDatabase("Orders-IT");
    String second = pg.createDatabase("Orders-IT");
    assertThat(first).startsWith("orders_it_").isNotEqualTo(second);
    assertThat(pg.createDatabase("9lives")).startsWith("db_9lives_");

    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(first), pg.user(), pg.password());
         Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select current_database(), current_user")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(first);
        assertThat(rs.getString(2)).isEqualTo("postgres");
      }
      try (ResultSet rs = s.executeQuery("select count(*) from information_schema.tables where table_schema = 'public'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("a new database is empty").isZero();
      }
      s.execute("create table t (id int primary key, v text)");
      s.execute("insert into t values (1, 'één')");
      try (ResultSet rs = s.executeQuery("select v from t where id = 1")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("één");
      }
    }
    // the table lives only in its own database
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(second), pg.user(), pg.password());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select to_regclass('public.t') is null")) {
      rs.next();
      assertThat(rs.getBoolean(1)).isTrue();
    }
  }

  @Test
  void listensOnLoopbackOnlyWithTestSettings(PostgresServer pg) throws Exception {
    try (Connection c = pg.connect(pg.database()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select current_setting('listen_addresses'), current_setting('max_connections'),"
             + " current_setting('server_encoding'), current_setting('fsync')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
      assertThat(rs.getString(2)).isEqualTo("300");
      assertThat(rs.getString(3)).isEqualTo("UTF8");
      assertThat(rs.getString(4)).isEqualTo("off");
    }
  }

  @Test
  void checksThePassword(PostgresServer pg) {
    assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "not-" + pg.password()).close())
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
  }

  @Test
  void isOneServerPerJvm(PostgresServer injected) {
    assertThat(PostgresServer.instance()).isSameAs(injected);
  }
}
