package io.rwaprime.ingestion;

import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;

/**
 * The {@code ingestion} role: the sources of the mesh. Each source appends what it receives to the raw
 * addresses ({@code rwa.raw.*}) as {@link io.rwaprime.events.RawRecord}s, untouched; cleansing decides
 * what is valid.
 */
public final class IngestionRole implements Role {

  /** Role name used by {@code --roles}. */
  public static final String NAME = "ingestion";

  private volatile String simulatorDeployment;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsDatabase() {
    return false;
  }

  @Override
  public Future<?> deploy(RoleContext ctx) {
    if (!ctx.config().simulator().enabled()) {
      return Future.succeededFuture();
    }
    // one simulator per process: its stream is a single reproducible sequence
    return ctx.vertx().deployVerticle(() -> new SimulatorVerticle(ctx.config().simulator(), ctx.assets().assets(),
            ctx.metrics()), new DeploymentOptions())
        .onSuccess(id -> simulatorDeployment = id);
  }

  @Override
  public Future<?> quiesce(RoleContext ctx) {
    String id = simulatorDeployment;
    simulatorDeployment = null;
    return id == null ? Future.succeededFuture() : ctx.vertx().undeploy(id);
  }
}
