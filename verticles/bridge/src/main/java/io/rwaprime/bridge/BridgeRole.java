package io.rwaprime.bridge;

import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code bridge} role: the clustered event bus ↔ Kafka ({@code bridge.outbound}: addresses → topics;
 * {@code bridge.inbound}: topics → addresses), JSON validated against the published schemas both ways. Without
 * {@code kafka.bootstrap-servers} (the embedded default) it idles. Readiness says whether Kafka answers (checked every 5 s) and whether it took
 * records lately; while it is away the producer keeps the records and sends them when it is back.
 * Run one instance: every instance of a clustered address would produce the same records.
 */
public final class BridgeRole implements Role {

  /** Role name used by {@code --roles}. */
  public static final String NAME = "bridge";
  private static final Duration ERROR_WINDOW = Duration.ofSeconds(30);

  private volatile KafkaOut out;
  private volatile KafkaIn in;
  private volatile Admin admin;
  private volatile Instant lastSeen;
  private volatile String lastProblem = "not checked yet";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsDatabase() {
    return false;
  }

  @Override
  public void validate(RwaConfig cfg) {
    Mapping.parse(cfg.bridge().outbound(), "outbound");
    Mapping.parse(cfg.bridge().inbound(), "inbound");
    KafkaOut.properties(cfg.kafka().bootstrapServers().orElse("localhost:9092"), cfg.bridge().producer());
  }

  @Override
  public Future<?> deploy(RoleContext ctx) {
    validate(ctx.config());
    if (ctx.config().kafka().bootstrapServers().isEmpty()) {
      // the embedded default: the event bus alone carries the stream
      org.slf4j.LoggerFactory.getLogger(BridgeRole.class).info("bridge idle: no kafka.bootstrap-servers");
      return Future.succeededFuture();
    }
    String servers = ctx.config().kafka().bootstrapServers().orElseThrow();
    RwaConfig.Bridge cfg = ctx.config().bridge();
    List<Mapping> outbound = Mapping.parse(cfg.outbound(), "outbound");
    List<Mapping> inbound = Mapping.parse(cfg.inbound(), "inbound");
    return ctx.vertx().executeBlocking(() -> {
      out = new KafkaOut(servers, cfg.producer(), ctx.metrics());
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000"));
      if (!inbound.isEmpty()) {
        in = new KafkaIn(ctx.vertx(), servers, cfg.groupId(), inbound, cfg.inboundMaxInFlight(), ctx.deadLetters(),
            ctx.metrics());
      }
      return null;
    }).compose(x -> {
      probe(ctx);
      ctx.vertx().setPeriodic(5_000, id -> probe(ctx));
      ctx.health().register("kafka-bridge", () -> {
        String producing = out.recentError(ERROR_WINDOW);
        Instant seen = lastSeen;
        JsonObject data = new JsonObject().put("backlog", out.backlog()).put("in_flight", out.inFlight())
            .put("outbound", outbound.size()).put("inbound", inbound.size())
            .put("consumer", in == null ? null : in.status());
        if (seen == null || Duration.between(seen, Instant.now()).toSeconds() > 15) {
          return Future.failedFuture("Kafka does not answer (" + servers + "): " + lastProblem);
        }
        if (producing != null) {
          return Future.failedFuture("Kafka is not taking records: " + producing);
        }
        String consuming = in == null ? null : in.failure();
        if (consuming != null) {
          return Future.failedFuture("the inbound consumer stopped: " + consuming);
        }
        return Future.succeededFuture(data);
      });
      return ctx.vertx().deployVerticle(() -> new BridgeVerticle(outbound, out, ctx.deadLetters()),
          new DeploymentOptions());
    });
  }

  private void probe(RoleContext ctx) {
    Admin a = admin;
    if (a == null) {
      return;
    }
    ctx.vertx().executeBlocking(() -> a.describeCluster(new DescribeClusterOptions().timeoutMs(4_000)).clusterId()
            .get(5, TimeUnit.SECONDS), false)
        .onSuccess(id -> lastSeen = Instant.now())
        .onFailure(e -> lastProblem = String.valueOf(e.getMessage()));
  }

  @Override
  public Future<?> quiesce(RoleContext ctx) {
    return ctx.vertx().executeBlocking(() -> {
      KafkaIn i = in;
      if (i != null) {
        i.close();
      }
      KafkaOut o = out;
      if (o != null) {
        o.close(Duration.ofSeconds(10));
      }
      Admin a = admin;
      if (a != null) {
        a.close(Duration.ofSeconds(2));
      }
      return null;
    });
  }
}
