package io.rwaprime.app;

import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backfill} loads a historical file through bronze → cleansing → gold; {@code replay --from-bronze}
 * rebuilds the same gold tables, value for value, in a fresh database from that bronze archive.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BackfillReplayIT {

  @TempDir
  Path tmp;

  @AfterEach
  void clearProperties() {
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("rwa.")).toList()
        .forEach(System::clearProperty);
  }

  private static void useDatabase(PostgresServer pg, String db) {
    System.setProperty("rwa.database.url", "postgresql://" + pg.host() + ":" + pg.port() + "/" + db);
    System.setProperty("rwa.database.user", pg.user());
    System.setProperty("rwa.database.password", pg.password());
  }

  private Path historyFile() throws IOException {
    Random random = new Random(7);
    Instant t0 = Instant.parse("2025-03-03T09:00:00Z");
    StringBuilder csv = new StringBuilder("time,symbol,price,volume\n");
    double paxg = 2900;
    double buidl = 1.0;
    for (int i = 0; i < 3000; i++) {
      paxg *= 1 + random.nextGaussian() * 0.0004;
      buidl += 0.000001;
      Instant ts = t0.plusSeconds(7L * i);
      csv.append(ts).append(",PAXG,").append(String.format("%.2f", paxg)).append(',')
          .append(String.format("%.4f", random.nextDouble())).append('\n');
      if (i % 5 == 0) {
        csv.append(ts.plusMillis(500)).append(",BUIDL,").append(String.format("%.6f", buidl)).append(",1000\n");
      }
    }
    csv.append("2025-03-03T12:00:00Z,PAXG,-4,1\n");
    csv.append("not,a,valid\n");
    Path file = tmp.resolve("history.csv");
    Files.writeString(file, csv);
    return file;
  }

  private static List<String> bars(PostgresServer pg, String db, String interval) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = pg.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT symbol, open_time, open, high, low, close, volume, vwap, tick_count FROM bars_"
             + interval + " ORDER BY symbol, open_time")) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
          row.append(rs.getString(i)).append('|');
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  private static long count(PostgresServer pg, String db, String sql) throws Exception {
    try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  @DisplayName("replay from bronze reproduces the gold tables of a backfill, value for value")
  void replayFromBronzeReproducesGold(PostgresServer pg) throws Exception {
    Path file = historyFile();
    Path bronze = tmp.resolve("bronze");
    System.setProperty("rwa.ingestion.bronze.dir", bronze.toString());
    System.setProperty("rwa.logging.level", "WARN");

    String first = pg.createDatabase("backfill");
    useDatabase(pg, first);
    int code = Main.commandLine().execute("backfill", "--file", file.toString(), "--profile", "test");
    assertThat(code).isZero();
    assertThat(count(pg, first, "SELECT count(*) FROM ticks")).isEqualTo(3600);
    assertThat(count(pg, first, "SELECT count(*) FROM dead_letters WHERE reason_code = 'price.non-positive'")).isEqualTo(1);
    assertThat(count(pg, first, "SELECT count(*) FROM dead_letters WHERE reason_code = 'csv.malformed-row'")).isEqualTo(1);
    assertThat(count(pg, first, "SELECT sum(tick_count) FROM bars_1m WHERE symbol = 'PAXG'")).isEqualTo(3000);
    assertThat(count(pg, first, "SELECT sum(tick_count) FROM bars_1d WHERE symbol = 'BUIDL'")).isEqualTo(600);
    assertThat(Files.list(bronze).toList()).isNotEmpty();

    String second = pg.createDatabase("replay");
    useDatabase(pg, second);
    code = Main.commandLine().execute("replay", "--from-bronze", bronze.toString(), "--profile", "test");
    assertThat(code).isZero();
    for (String interval : List.of("1m", "5m", "1h", "1d")) {
      List<String> original = bars(pg, first, interval);
      assertThat(original).as("%s bars", interval).isNotEmpty();
      assertThat(bars(pg, second, interval)).as("%s bars after replay", interval).isEqualTo(original);
    }
    assertThat(count(pg, second, "SELECT count(*) FROM ticks")).isEqualTo(3600);
  }
}
