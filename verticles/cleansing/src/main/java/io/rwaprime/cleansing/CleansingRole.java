package io.rwaprime.cleansing;

import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code cleansing} role: raw records into validated, de-duplicated ticks (silver), OHLCV bars and
 * features (gold), macro series and news sentiment; it also keeps the dead-letter store. Its readiness
 * details list stale feeds (a stale feed does not make the process unready).
 */
public final class CleansingRole implements Role {

  private static final Logger LOG = LoggerFactory.getLogger(CleansingRole.class);

  /** Role name used by {@code --roles}. */
  public static final String NAME = "cleansing";

  private final boolean wallClock;

  /** The live role: quiet symbols' bars close by the wall clock. */
  public CleansingRole() {
    this(true);
  }

  /** @param wallClock false for one-shot loads (backfill, replay), whose bars depend on event times only */
  public CleansingRole(boolean wallClock) {
    this.wallClock = wallClock;
  }

  @Override
  public String name() {
    return NAME;
  }

  private volatile GoldTickConsumer gold;

  @Override
  public Future<?> quiesce(RoleContext ctx) {
    GoldTickConsumer g = gold;
    gold = null;
    return g == null ? Future.succeededFuture() : ctx.vertx().executeBlocking(() -> {
      g.close();
      return null;
    });
  }

  @Override
  public boolean needsDatabase() {
    return true;
  }

  @Override
  public Future<?> deploy(RoleContext ctx) {
    if (ctx.instances(NAME) > 1) {
      LOG.warn("roles.instances.cleansing is {}, but bars of a symbol must be built in one place: running 1",
          ctx.instances(NAME));
    }
    FeedMonitor feeds = new FeedMonitor(ctx.config().cleansing().staleAfterIntervals());
    ctx.health().register("feeds", () -> {
      JsonArray stale = new JsonArray();
      feeds.stale().forEach(f -> stale.add(f.toJson()));
      return Future.succeededFuture(new JsonObject().put("feeds", feeds.feeds().size()).put("stale", stale));
    });
    if (ctx.config().cleansing().goldSource().equals("kafka")) {
      String servers = ctx.config().kafka().bootstrapServers().orElseThrow(() -> new io.rwaprime.common.config
          .ConfigException("cleansing.gold-source", "kafka needs kafka.bootstrap-servers"));
      gold = new GoldTickConsumer(ctx.vertx(), ctx.requireDatabase().pool(), servers,
          ctx.config().cleansing().goldTopic(), "rwa-gold-ticks", ctx.deadLetters(), ctx.metrics());
      ctx.health().register("gold-kafka", () -> gold.alive()
          ? Future.succeededFuture(gold.status()) : Future.failedFuture("the gold tick consumer stopped: "
              + gold.status().encode()));
    }
    return ctx.vertx().deployVerticle(() -> new DeadLetterSink(ctx.requireDatabase().pool(), ctx.metrics()),
            new DeploymentOptions())
        .compose(x -> ctx.vertx().deployVerticle(
            () -> new MacroNewsVerticle(ctx.requireDatabase().pool(), ctx.deadLetters()), new DeploymentOptions()))
        .compose(x -> ctx.vertx().deployVerticle(
            () -> new CleansingVerticle(ctx.config().cleansing(), wallClock, ctx.assets(), ctx.requireDatabase().pool(),
                ctx.cache(), ctx.deadLetters(), ctx.metrics(), feeds),
            new DeploymentOptions()));
  }
}
