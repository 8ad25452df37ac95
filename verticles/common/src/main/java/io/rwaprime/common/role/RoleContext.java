package io.rwaprime.common.role;

import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.cache.KeyValueStore;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.health.HealthRegistry;
import io.rwaprime.common.storage.Database;
import io.vertx.core.Vertx;

import java.util.Optional;

/**
 * What the launcher hands every role: the Vert.x instance, the validated configuration, the shared
 * metrics registry, health registry, dead-letter publisher, cache, asset catalogue and (when a role of
 * the process needs it) the database.
 */
public record RoleContext(
    Vertx vertx,
    RwaConfig config,
    MeterRegistry metrics,
    HealthRegistry health,
    DeadLetters deadLetters,
    KeyValueStore cache,
    AssetCatalogue assets,
    Optional<Database> database) {

  /** The database, for roles that declared {@link Role#needsDatabase()}. */
  public Database requireDatabase() {
    return database.orElseThrow(() -> new IllegalStateException("the database was not opened for this process"));
  }

  /** Instances configured for a role's verticle. */
  public int instances(String role) {
    return config.roles().instancesOf(role);
  }
}
