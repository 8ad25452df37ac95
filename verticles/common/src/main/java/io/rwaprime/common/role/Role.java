package io.rwaprime.common.role;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * One deployable part of the mesh (ingestion, cleansing, api, …). A process runs the roles named by
 * {@code --roles}; each role deploys its own verticles and may add routes to the process's HTTP server.
 * Roles never call each other's code: they talk over the event bus.
 */
public interface Role {

  /** The name used by {@code --roles} and by {@code roles.instances} in the configuration. */
  String name();

  /** Whether the role reads or writes PostgreSQL (the launcher opens the database only when one does). */
  boolean needsDatabase();

  /**
   * Checks the role's part of the configuration beyond what the loader checks (e.g. connector
   * definitions); throws {@link io.rwaprime.common.config.ConfigException} naming the key. Called before
   * anything starts.
   */
  default void validate(io.rwaprime.common.config.RwaConfig cfg) {}

  /** Deploys the role's verticles; the future completes when they are ready. */
  Future<?> deploy(RoleContext ctx);

  /** Adds the role's HTTP routes; called once per HTTP server instance. */
  default void routes(Router router, RoleContext ctx) {}

  /**
   * Stops producing new input (sources) before the process drains and undeploys; the default does nothing.
   */
  default Future<?> quiesce(RoleContext ctx) {
    return Future.succeededFuture();
  }
}
