package io.rwaprime.app;

import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh simulated mesh writes its history once: daily bars for every asset right after the start, and a second
 * start neither writes it again nor dead-letters anything of it.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SimulatedHistoryIT {

  @TempDir
  Path tmp;

  private RwaConfig config(PostgresServer pg, String db) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("RWA_DATABASE_URL", "postgresql://" + pg.host() + ":" + pg.port() + "/" + db);
    env.put("RWA_DATABASE_USER", pg.user());
    env.put("RWA_DATABASE_PASSWORD", pg.password());
    env.put("RWA_SIMULATOR_HISTORY_DAYS", "3");
    env.put("RWA_SIMULATOR_TICKS_PER_SECOND", "5");
    env.put("RWA_INGESTION_BRONZE_DIR", tmp.resolve("bronze").toString());
    env.put("RWA_API_AUTH_KEYS_DIR", tmp.resolve("keys").toString());
    Vertx loader = Vertx.vertx();
    try {
      return ConfigLoader.load(loader, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of())).await(20, TimeUnit.SECONDS);
    } finally {
      loader.close().await();
    }
  }

  private static long count(PostgresServer pg, String db, String sql) throws Exception {
    try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void writesTheHistoryOnceAndReplaysNoneOfIt(PostgresServer pg) throws Exception {
    String db = pg.createDatabase("history");
    RwaConfig cfg = config(pg, db);
    MeshLauncher first = new MeshLauncher(cfg, List.of(Roles.get("cleansing"), Roles.get("ingestion")));
    first.startHeadless().await(2, TimeUnit.MINUTES);
    long ticks;
    try {
      // stored by the cleansing role's writer within moments of the start
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      long previous = -1;
      ticks = 0;
      while (System.nanoTime() < deadline) {
        ticks = count(pg, db, "SELECT count(*) FROM ticks WHERE source = 'backfill:simulator-history'");
        if (ticks > 0 && ticks == previous) {
          break;
        }
        previous = ticks;
        Thread.sleep(1000);
      }
      // about 4 per asset and hour over 3 days, all stored before the live simulator started
      assertThat(ticks).isBetween(22L * 4 * 72 * 8 / 10, 22L * 4 * 72 * 12 / 10);
      assertThat(count(pg, db, "SELECT count(DISTINCT symbol) FROM bars_1d")).isEqualTo(22);
      assertThat(count(pg, db, "SELECT min(n) FROM (SELECT count(*) AS n FROM bars_1d GROUP BY symbol) d"))
          .as("daily bars per asset").isGreaterThanOrEqualTo(3);
    } finally {
      first.shutdown().await(1, TimeUnit.MINUTES);
    }
    MeshLauncher second = new MeshLauncher(cfg, List.of(Roles.get("cleansing"), Roles.get("ingestion")));
    second.startHeadless().await(2, TimeUnit.MINUTES);
    try {
      assertThat(count(pg, db, "SELECT count(*) FROM ticks WHERE source = 'backfill:simulator-history'"))
          .as("not written twice").isEqualTo(ticks);
      assertThat(count(pg, db, "SELECT count(*) FROM dead_letters WHERE source = 'backfill:simulator-history' "
          + "AND reason_code NOT IN ('price.outlier')")).as("nothing of it dead-lettered").isZero();
    } finally {
      second.shutdown().await(1, TimeUnit.MINUTES);
    }
  }
}
