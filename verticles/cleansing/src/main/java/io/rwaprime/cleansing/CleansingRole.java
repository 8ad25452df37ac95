package io.rwaprime.cleansing;

import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;

/**
 * The {@code cleansing} role: turns raw records into validated, de-duplicated ticks (silver), publishes
 * them, stores them, and keeps the dead-letter store.
 */
public final class CleansingRole implements Role {

  /** Role name used by {@code --roles}. */
  public static final String NAME = "cleansing";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsDatabase() {
    return true;
  }

  @Override
  public Future<?> deploy(RoleContext ctx) {
    return ctx.vertx().deployVerticle(() -> new DeadLetterSink(ctx.requireDatabase().pool(), ctx.metrics()),
            new DeploymentOptions())
        .compose(x -> ctx.vertx().deployVerticle(
            () -> new MacroNewsVerticle(ctx.requireDatabase().pool(), ctx.deadLetters()), new DeploymentOptions()))
        .compose(x -> ctx.vertx().deployVerticle(
            () -> new CleansingVerticle(ctx.assets(), ctx.requireDatabase().pool(), ctx.cache(), ctx.deadLetters(),
                ctx.metrics()),
            new DeploymentOptions().setInstances(ctx.instances(NAME))));
  }
}
