package io.rwaprime.alerts;

import io.rwaprime.alerts.channels.OutsideChannels;
import io.rwaprime.common.config.ConfigException;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.mail.Mailer;
import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code alerts} role: users' rules evaluated on every tick and risk score ({@link AlertsVerticle}), firings
 * recorded once in a PostgreSQL outbox ({@link Triggers}) and delivered to each channel with retries
 * ({@link Delivery}): in-app on {@code rwa.alerts.user.<id>}, e-mail over the configured SMTP server
 * ({@code api.mail.*}), and the configured outside channels ({@link OutsideChannels}: Telegram, webhooks, FCM, APNs,
 * Web Push). {@code roles.instances.alerts} verticles (and every alerts process of the cluster) share the assets.
 * With {@code alerts.source: kafka} ticks and risk scores are read from Kafka (readiness check {@code alerts-kafka}).
 */
public final class AlertsRole implements Role {

  /** Role name used by {@code --roles}. */
  public static final String NAME = "alerts";

  private final boolean crashAfterWrite;

  public AlertsRole() {
    this(false);
  }

  /** Tests: in Kafka mode each consumer dies after its first recorded batch, before the offset commit. */
  AlertsRole(boolean crashAfterWrite) {
    this.crashAfterWrite = crashAfterWrite;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsDatabase() {
    return true;
  }

  @Override
  public void validate(RwaConfig cfg) {
    if (cfg.alerts().fromKafka() && cfg.kafka().bootstrapServers().isEmpty()) {
      throw new ConfigException("alerts.source", "kafka needs kafka.bootstrap-servers");
    }
  }

  @Override
  public Future<?> deploy(RoleContext ctx) {
    Pool pool = ctx.requireDatabase().pool();
    AlertsMetrics metrics = new AlertsMetrics(ctx.metrics());
    Mailer mailer = new Mailer(ctx.vertx(), ctx.config().api().mail());
    RwaConfig.Alerts cfg = ctx.config().alerts();
    AlertsVerticle.KafkaSource kafka = cfg.fromKafka() ? new AlertsVerticle.KafkaSource(
        ctx.config().kafka().bootstrapServers().orElseThrow(), cfg.ticksTopic(), cfg.riskTopic(), cfg.groupId(),
        ctx.deadLetters(), ctx.metrics(), crashAfterWrite) : null;
    List<AlertsVerticle> instances = new CopyOnWriteArrayList<>();
    if (kafka != null) {
      ctx.health().register("alerts-kafka", () -> {
        JsonArray consumers = new JsonArray();
        instances.forEach(v -> consumers.add(v.kafkaStatus()));
        JsonObject status = new JsonObject().put("consumers", consumers);
        return instances.stream().allMatch(AlertsVerticle::kafkaAlive) && !instances.isEmpty()
            ? Future.succeededFuture(status)
            : Future.failedFuture("an alerts Kafka consumer is not running: " + status.encode());
      });
    }
    return ctx.vertx().executeBlocking(() -> new OutsideChannels(ctx.vertx(), cfg)).compose(outside -> {
      String dashboard = ctx.config().api().mail().baseUrl();
      return ctx.vertx().deployVerticle(() -> {
        AlertsVerticle v = new AlertsVerticle(new RuleStore(pool),
            new Triggers(pool, cfg.floodLimit()),
            new Delivery(ctx.vertx(), pool, mailer, outside, dashboard, metrics, cfg),
            new Digests(pool, Clock.systemUTC()), metrics, Clock.systemUTC(), cfg.deliveryInterval(),
            cfg.digestInterval(), kafka);
        instances.add(v);
        return v;
      }, new DeploymentOptions().setInstances(ctx.instances(NAME)));
    });
  }
}
