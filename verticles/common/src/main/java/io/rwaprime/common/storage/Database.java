package io.rwaprime.common.storage;

import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.config.RwaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The process's PostgreSQL: an external server, or an embedded real one whose data directory survives
 * restarts. Opening it migrates the schema (Flyway), makes sure the time partitions exist for the months
 * around now (re-checked every few hours), seeds the asset catalogue and opens one pipelined pool shared
 * by every verticle of the process.
 */
public final class Database {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final long PARTITION_CHECK_MS = TimeUnit.HOURS.toMillis(6);

  private final Vertx vertx;
  private final Pool pool;
  private final Optional<EmbeddedDatabase> embedded;
  private final JdbcTarget target;
  private final long partitionTimer;

  private record Started(Optional<EmbeddedDatabase> embedded, JdbcTarget target) {}

  /** Where Flyway and JDBC-only maintenance connect. */
  public record JdbcTarget(String url, String user, String password, String host, int port, String database) {}

  private Database(Vertx vertx, Pool pool, Optional<EmbeddedDatabase> embedded, JdbcTarget target) {
    this.vertx = vertx;
    this.pool = pool;
    this.embedded = embedded;
    this.target = target;
    this.partitionTimer = vertx.setPeriodic(PARTITION_CHECK_MS, id -> vertx.executeBlocking(() -> {
      ensurePartitions(target);
      return null;
    }, false).onFailure(err -> LOG.warn("partition maintenance failed [reason: {}]", err.getMessage())));
  }

  /** Starts (if embedded) and migrates the database, then opens the pool. */
  public static Future<Database> open(Vertx vertx, RwaConfig.Database cfg, AssetCatalogue catalogue) {
    return vertx.executeBlocking(() -> {
      Optional<EmbeddedDatabase> embedded = Optional.empty();
      JdbcTarget target;
      if (cfg.embedded()) {
        EmbeddedDatabase db = EmbeddedDatabase.start(cfg.embeddedDataDir(), cfg.embeddedPort(), cfg.embeddedPassword());
        embedded = Optional.of(db);
        target = db.target();
      } else {
        target = external(cfg);
      }
      try {
        int applied = Migrations.migrate(target.url(), target.user(), target.password());
        ensurePartitions(target);
        LOG.info("database ready [host: {}, port: {}, database: {}, embedded: {}, migrations applied: {}]",
            target.host(), target.port(), target.database(), cfg.embedded(), applied);
      } catch (RuntimeException e) {
        embedded.ifPresent(EmbeddedDatabase::stop);
        throw e;
      }
      return new Started(embedded, target);
    }, false).compose(started -> {
      Optional<EmbeddedDatabase> embedded = started.embedded();
      JdbcTarget target = started.target();
      Pool pool = PgBuilder.pool()
          .with(new PoolOptions().setMaxSize(cfg.poolSize()).setName("rwa-pg").setShared(false))
          .connectingTo(new PgConnectOptions()
              .setHost(target.host()).setPort(target.port()).setDatabase(target.database())
              .setUser(target.user()).setPassword(target.password())
              .setPipeliningLimit(256)
              .setCachePreparedStatements(true))
          .using(vertx)
          .build();
      Database database = new Database(vertx, pool, embedded, target);
      return AssetSeeder.seed(pool, catalogue.assets())
          .onSuccess(n -> {
            if (n > 0) {
              LOG.info("asset catalogue seeded [new assets: {}]", n);
            }
          })
          .map(n -> database)
          .recover(err -> database.close().transform(v -> Future.failedFuture(err)));
    });
  }

  private static JdbcTarget external(RwaConfig.Database cfg) {
    URI uri = cfg.url().orElseThrow();
    int port = uri.getPort() > 0 ? uri.getPort() : 5432;
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    String database = path.isEmpty() ? "rwa" : path;
    String user = cfg.user();
    String password = cfg.password();
    if (uri.getUserInfo() != null) {
      String[] info = uri.getUserInfo().split(":", 2);
      user = info[0];
      if (info.length > 1) {
        password = info[1];
      }
    }
    String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database
        + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
    return new JdbcTarget(jdbc, user, password, uri.getHost(), port, database);
  }

  private static void ensurePartitions(JdbcTarget target) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
    Migrations.ensurePartitions(target.url(), target.user(), target.password(), today.minusMonths(1), today.plusMonths(3));
  }

  /** The shared pool. */
  public Pool pool() {
    return pool;
  }

  /** Where the database is (no password). */
  public JsonObject describe() {
    return new JsonObject().put("host", target.host()).put("port", target.port())
        .put("database", target.database()).put("embedded", embedded.isPresent());
  }

  public JdbcTarget target() {
    return target;
  }

  /** Readiness: the server answers a query through the pool. */
  public Future<JsonObject> check() {
    return pool.query("SELECT 1").execute().map(rows -> describe());
  }

  /** Closes the pool, then stops the embedded server (if any) off the event loop. */
  public Future<Void> close() {
    vertx.cancelTimer(partitionTimer);
    return pool.close().transform(ar -> embedded.isEmpty() ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          embedded.get().stop();
          return null;
        }, false)).mapEmpty();
  }
}
