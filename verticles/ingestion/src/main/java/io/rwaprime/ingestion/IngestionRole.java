package io.rwaprime.ingestion;

import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.ingestion.bronze.BronzeArchive;
import io.rwaprime.ingestion.bronze.BronzeRecovery;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.Optional;

/**
 * The {@code ingestion} role: the sources of the mesh. Every raw record goes through one
 * {@link RawIngress}: appended to the bronze archive, then sent untouched to its raw address
 * ({@code rwa.raw.*}); cleansing decides what is valid. Also serves push ingestion
 * ({@code POST /api/v1/ingest/ticks}).
 */
public final class IngestionRole implements Role {

  /** Role name used by {@code --roles}. */
  public static final String NAME = "ingestion";

  private volatile String simulatorDeployment;
  private volatile String sourcesDeployment;
  private volatile RawIngress ingress;
  private volatile BronzeArchive bronze;

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
    RwaConfig.Ingestion cfg = ctx.config().ingestion();
    if (cfg.bronzeEnabled()) {
      bronze = new BronzeArchive(BronzeArchive.Options.defaults(cfg.bronzeDir())
          .withMaxFileBytes(cfg.bronzeMaxFileBytes()));
      ctx.health().register("bronze", () -> {
        BronzeArchive.Stats s = bronze.stats();
        return s.failedFlushes() > 0 && s.buffered() > 0
            ? Future.failedFuture("the bronze archive cannot write to " + cfg.bronzeDir())
            : Future.succeededFuture(new JsonObject().put("records", s.records()).put("files", s.files())
                .put("buffered", s.buffered()));
      });
    }
    Optional<KafkaRawMirror> kafka = ctx.config().kafka().bootstrapServers()
        .map(servers -> new KafkaRawMirror(servers, ctx.metrics()));
    kafka.ifPresent(k -> ctx.health().register("kafka", k::check));
    ingress = new RawIngress(ctx.vertx(), cfg.maxPayloadBytes(), Optional.ofNullable(bronze), kafka,
        cfg.bronzeFlushInterval(), ctx.deadLetters(), ctx.metrics());
    RawIngress in = ingress;
    List<SourceDefinitions.Definition> definitions = SourceDefinitions.parse(cfg.sources());
    // the tail of the previous run first, then new data
    Future<?> recovered = (cfg.bronzeEnabled() ? BronzeRecovery.run(ctx.vertx(), cfg.bronzeDir())
        : Future.succeededFuture())
        .compose(r -> SimulatorHistory.run(ctx.vertx(), ctx.config().simulator(), ctx.assets().assets(), in))
        // whatever happened, the cleansing role may close bars by the wall clock again
        .compose(h -> ctx.vertx().eventBus().request(io.rwaprime.events.Addresses.CLEANSING_CONTROL, "recovered")
            .otherwiseEmpty());
    Future<?> sources = recovered.compose(r -> definitions.isEmpty() ? Future.succeededFuture()
        : ctx.vertx().deployVerticle(() -> new SourcesVerticle(definitions, ctx.assets(), in), new DeploymentOptions())
            .onSuccess(id -> sourcesDeployment = id));
    if (!ctx.config().simulator().enabled()) {
      return sources;
    }
    // one simulator per process: its stream is a single reproducible sequence
    return sources.compose(x -> ctx.vertx().deployVerticle(
            () -> new SimulatorVerticle(ctx.config().simulator(), ctx.assets().assets(), in), new DeploymentOptions()))
        .onSuccess(id -> simulatorDeployment = id);
  }

  @Override
  public void validate(RwaConfig cfg) {
    SourceDefinitions.parse(cfg.ingestion().sources());
  }

  @Override
  public void routes(Router router, RoleContext ctx) {
    new PushIngestRoutes(ingress, ctx.config().ingestion().pushKeys(), ctx.config().ingestion().pushMaxItems())
        .mount(router);
  }

  @Override
  public Future<?> quiesce(RoleContext ctx) {
    List<Future<?>> stops = new java.util.ArrayList<>();
    for (String id : new String[] {simulatorDeployment, sourcesDeployment}) {
      if (id != null) {
        stops.add(ctx.vertx().undeploy(id).otherwiseEmpty());
      }
    }
    simulatorDeployment = null;
    sourcesDeployment = null;
    Future<?> undeployed = Future.join(new java.util.ArrayList<>(stops));
    RawIngress in = ingress;
    return undeployed.transform(x -> in == null ? Future.succeededFuture() : in.close());
  }
}
