package io.rwaprime.common.storage;

import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.config.RwaConfig;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default: a real PostgreSQL whose data directory survives a restart of the process. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedDatabaseIT {

  @TempDir
  Path tmp;

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private RwaConfig.Database config() {
    return new RwaConfig.Database(Optional.empty(), "rwa", "", 4, tmp.resolve("pg"), 0, "secret-pw");
  }

  @Test
  @DisplayName("data written before a restart is there after it; migrations and the catalogue are not applied twice")
  void dataSurvivesRestart() throws Exception {
    AssetCatalogue catalogue = AssetCatalogue.load();
    Database first = Database.open(vertx, config(), catalogue).await(2, TimeUnit.MINUTES);
    long assets = first.pool().query("SELECT count(*) FROM assets").execute().await().iterator().next().getLong(0);
    assertThat(assets).isEqualTo(catalogue.assets().size());
    first.pool().preparedQuery("""
            INSERT INTO ticks (symbol, source, event_time, seq, price, volume, currency, received_at, event_id)
            VALUES ($1, 'test', $2, 1, 2650.25, 3, 'USD', $2, 'restart-1')""")
        .execute(Tuple.of(catalogue.assets().get(0).symbol(), OffsetDateTime.now(ZoneOffset.UTC)))
        .await();
    first.close().await(1, TimeUnit.MINUTES);

    Database second = Database.open(vertx, config(), catalogue).await(2, TimeUnit.MINUTES);
    try {
      long ticks = second.pool().query("SELECT count(*) FROM ticks WHERE event_id = 'restart-1'").execute().await()
          .iterator().next().getLong(0);
      assertThat(ticks).isEqualTo(1);
      long assetsAfter = second.pool().query("SELECT count(*) FROM assets").execute().await().iterator().next().getLong(0);
      assertThat(assetsAfter).isEqualTo(assets);
      assertThat(second.check().await().getBoolean("embedded")).isTrue();
    } finally {
      second.close().await(1, TimeUnit.MINUTES);
    }
  }
}
