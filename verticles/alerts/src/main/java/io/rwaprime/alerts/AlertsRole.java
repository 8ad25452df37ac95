package io.rwaprime.alerts;

import io.rwaprime.alerts.channels.OutsideChannels;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.mail.Mailer;
import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * The {@code alerts} role: users' rules evaluated on every tick and risk score ({@link AlertsVerticle}), firings
 * recorded once in a PostgreSQL outbox ({@link Triggers}) and delivered to each channel with retries
 * ({@link Delivery}): in-app on {@code rwa.alerts.user.<id>}, e-mail over the configured SMTP server
 * ({@code api.mail.*}), and the configured outside channels ({@link OutsideChannels}: Telegram, webhooks, FCM, APNs,
 * Web Push). {@code roles.instances.alerts} verticles (and every alerts process of the cluster) share the assets.
 */
public final class AlertsRole implements Role {

  /** Role name used by {@code --roles}. */
  public static final String NAME = "alerts";

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
    Pool pool = ctx.requireDatabase().pool();
    AlertsMetrics metrics = new AlertsMetrics(ctx.metrics());
    Mailer mailer = new Mailer(ctx.vertx(), ctx.config().api().mail());
    RwaConfig.Alerts cfg = ctx.config().alerts();
    return ctx.vertx().executeBlocking(() -> new OutsideChannels(ctx.vertx(), cfg)).compose(outside -> {
      String dashboard = ctx.config().api().mail().baseUrl();
      return ctx.vertx().deployVerticle(() -> new AlertsVerticle(new RuleStore(pool),
          new Triggers(pool, cfg.floodLimit()),
          new Delivery(ctx.vertx(), pool, mailer, outside, dashboard, metrics, cfg),
          new Digests(pool, Clock.systemUTC()), metrics, Clock.systemUTC(), cfg.deliveryInterval(),
          cfg.digestInterval()),
          new DeploymentOptions().setInstances(ctx.instances(NAME)));
    });
  }
}
