package io.rwaprime.alerts;

import io.rwaprime.alerts.channels.Notification;
import io.rwaprime.alerts.channels.OutsideChannels;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.alerts.channels.RetryLater;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.mail.Mailer;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.AlertEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailMessage;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers the outbox: claims due rows with a lease ({@code FOR UPDATE SKIP LOCKED}, so several workers or processes
 * never take the same row, and a worker that dies mid-delivery leaves its rows to be retried when the lease ends),
 * delivers each to its channel, then marks it delivered — or schedules a retry with exponential backoff and jitter,
 * up to {@code alerts.max-attempts}.
 * <ul>
 *   <li>{@code in_app}: the {@link AlertEvent} on {@code rwa.alerts.user.<id>} (the dashboard's toast; the fan-out
 *   lets only its owner follow that address);</li>
 *   <li>{@code email}: to the account's address over SMTP, with {@code Message-ID: <trigger id@rwa-prime>};</li>
 *   <li>{@code telegram}, {@code webhook}, {@code push} (FCM, APNs, Web Push): to each of the user's enabled
 *   destinations of those kinds ({@link OutsideChannels}); the row keeps each destination's outcome, so a retry
 *   serves only those not served yet. A destination the provider refuses for good is pruned
 *   ({@link Destinations#refused}); a provider's "retry after" is honoured.</li>
 * </ul>
 * A delivery and its mark are two steps: a crash exactly between them repeats that one delivery when the lease ends
 * (its trigger id stays the same, so the dashboard shows it once and a mail client sees the same Message-ID).
 */
final class Delivery {

  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final int BATCH = 50;

  private final Vertx vertx;
  private final Pool pool;
  private final Mailer mailer;
  private final OutsideChannels outside;
  private final Destinations destinations;
  private final String dashboardUrl;
  private final AlertsMetrics metrics;
  private final long leaseMillis;
  private final int maxAttempts;
  private boolean draining;
  private boolean again;

  Delivery(Vertx vertx, Pool pool, Mailer mailer, OutsideChannels outside, String dashboardUrl, AlertsMetrics metrics,
           RwaConfig.Alerts cfg) {
    this.vertx = vertx;
    this.pool = pool;
    this.mailer = mailer;
    this.outside = outside;
    this.destinations = new Destinations(pool);
    this.dashboardUrl = dashboardUrl;
    this.metrics = metrics;
    this.leaseMillis = cfg.deliveryLease().toMillis();
    this.maxAttempts = cfg.maxAttempts();
  }

  /** Delivers what is due, batch after batch; a call while a drain runs makes that drain go round once more. */
  void drain() {
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    again = false;
    claim().compose(this::deliverAll)
        .onComplete(ar -> {
          draining = false;
          if (ar.failed()) {
            LOG.warn("alert delivery round failed [reason: {}]", ar.cause().getMessage());
          } else if (ar.result() == BATCH || again) {
            vertx.runOnContext(v -> drain());
          }
        });
  }

  private Future<List<Row>> claim() {
    return pool.preparedQuery("""
            UPDATE alert_outbox o SET attempts = o.attempts + 1,
                                      next_attempt_at = now() + $1 * interval '1 millisecond'
            FROM (SELECT trigger_id, channel FROM alert_outbox
                  WHERE status = 'pending' AND next_attempt_at <= now()
                  ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED) due, users u
            WHERE o.trigger_id = due.trigger_id AND o.channel = due.channel AND u.user_id = o.user_id
            RETURNING o.trigger_id, o.channel, o.user_id, o.payload, o.attempts, o.results, u.email""")
        .execute(Tuple.of(leaseMillis, BATCH))
        .map(rows -> {
          List<Row> out = new ArrayList<>();
          rows.forEach(out::add);
          return out;
        });
  }

  private Future<Integer> deliverAll(List<Row> rows) {
    List<Future<Void>> all = new ArrayList<>();
    for (Row r : rows) {
      all.add(deliver(r));
    }
    return Future.join(all).map(rows.size()).otherwise(rows.size());
  }

  private Future<Void> deliver(Row r) {
    String triggerId = r.getString("trigger_id");
    String channel = r.getString("channel");
    JsonObject payload = r.getValue("payload") instanceof String s ? new JsonObject(s) : (JsonObject) r.getValue("payload");
    AlertEvent event = AlertEvent.fromJson(payload);
    Future<Void> sent = switch (channel) {
      case "in_app" -> {
        vertx.eventBus().publish(Addresses.alertsForUser(event.userId()), event);
        // every firing once (each has exactly one in_app delivery): the durable record for the Kafka bridge
        vertx.eventBus().publish(Addresses.ALERTS_TRIGGERED, event);
        yield Future.succeededFuture();
      }
      case "email" -> mailer.send(new MailMessage()
          .setTo(r.getString("email"))
          .setSubject("rwa-prime alert: " + event.message())
          .setText(event.message() + "\n\nRule " + event.ruleId() + ", " + event.triggeredAt() + ".\n"
              + "Manage your alerts in the dashboard (Alerts).\n")
          .addHeader("Message-ID", "<" + triggerId.replace(':', '.') + "@rwa-prime>"));
      default -> outside(r, event, channel);
    };
    return sent.compose(v -> markDelivered(triggerId, channel))
        .recover(err -> retryOrFail(triggerId, channel, r.getInteger("attempts"), err));
  }

  /**
   * Serves every enabled destination of the channel not served by an earlier attempt; succeeds when none is left
   * to retry and at least one was served, fails with {@link RetryLater} or a retryable error when some should be
   * tried again (their outcomes are kept in the row), and with {@link PermanentFailure} when none can be served.
   */
  private Future<Void> outside(Row r, AlertEvent event, String channel) {
    java.util.Set<String> kinds = OutsideChannels.KINDS_OF_CHANNEL.get(channel);
    if (kinds == null) {
      return Future.failedFuture(new PermanentFailure("unknown channel " + channel));
    }
    String triggerId = r.getString("trigger_id");
    JsonObject results = r.getValue("results") instanceof String s ? new JsonObject(s)
        : r.getValue("results") == null ? new JsonObject() : (JsonObject) r.getValue("results");
    Notification n = new Notification(triggerId, event.symbol() + " alert", event.message(),
        dashboardUrl + "/#/alerts", event.toJson());
    return destinations.enabled(r.getUUID("user_id"), kinds).compose(list -> {
      List<Future<String>> outcomes = new ArrayList<>();
      for (Destinations.Destination d : list) {
        String key = d.id().toString();
        if ("delivered".equals(results.getString(key))) {
          continue;
        }
        var sender = outside.sender(d.kind());
        if (sender.isEmpty()) {
          results.put(key, "failed: the " + d.kind() + " channel is not configured");
          continue;
        }
        outcomes.add(sender.get().send(n, d.destination())
            .compose(v -> destinations.succeeded(d.id()).map("delivered"))
            .recover(err -> err instanceof PermanentFailure
                ? destinations.refused(d, err.getMessage()).map("failed: " + err.getMessage())
                : Future.succeededFuture(err instanceof RetryLater later ? "retry-after:" + later.after().toSeconds()
                    : "retry: " + err.getMessage()))
            .onSuccess(outcome -> results.put(key, outcome)));
      }
      return Future.join(outcomes).otherwiseEmpty().compose(v -> pool.preparedQuery(
              "UPDATE alert_outbox SET results = $3 WHERE trigger_id = $1 AND channel = $2")
          .execute(Tuple.of(triggerId, channel, results))).compose(v -> verdict(channel, results));
    });
  }

  private static Future<Void> verdict(String channel, JsonObject results) {
    if (results.isEmpty()) {
      return Future.failedFuture(new PermanentFailure("no " + channel + " destination registered"));
    }
    long retryAfter = -1;
    String retry = null;
    boolean served = false;
    for (String k : results.fieldNames()) {
      String o = results.getString(k);
      if (o.startsWith("retry-after:")) {
        retryAfter = Math.max(retryAfter, Long.parseLong(o.substring("retry-after:".length())));
      } else if (o.startsWith("retry")) {
        retry = o;
      } else if (o.equals("delivered")) {
        served = true;
      }
    }
    if (retryAfter >= 0) {
      return Future.failedFuture(new RetryLater("a provider asked to wait", java.time.Duration.ofSeconds(retryAfter)));
    }
    if (retry != null) {
      return Future.failedFuture(new RuntimeException(retry));
    }
    return served ? Future.succeededFuture() : Future.failedFuture(new PermanentFailure("every destination refused it"));
  }

  private Future<Void> markDelivered(String triggerId, String channel) {
    metrics.delivered(channel);
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE alert_outbox SET status = 'delivered', "
                + "delivered_at = now(), last_error = NULL WHERE trigger_id = $1 AND channel = $2")
            .execute(Tuple.of(triggerId, channel))
            .compose(v -> conn.preparedQuery("UPDATE alert_history SET delivered = delivered || "
                    + "jsonb_build_object($2::text, 'delivered') WHERE trigger_id = $1")
                .execute(Tuple.of(triggerId, channel))))
        .mapEmpty();
  }

  private Future<Void> retryOrFail(String triggerId, String channel, int attempts, Throwable err) {
    boolean permanent = err instanceof PermanentFailure || err instanceof IllegalStateException || attempts >= maxAttempts;
    long delay = err instanceof RetryLater later ? Math.max(1, later.after().toSeconds()) : backoffSeconds(attempts);
    LOG.warn("alert delivery failed [trigger: {}, channel: {}, attempt: {}, {}, reason: {}]", triggerId, channel,
        attempts, permanent ? "given up" : "retry in " + delay + " s", err.getMessage());
    metrics.failed(channel);
    String reason = err.getMessage() == null ? err.toString() : err.getMessage();
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE alert_outbox SET status = $3, last_error = $4, "
                + "next_attempt_at = now() + $5 * interval '1 second' WHERE trigger_id = $1 AND channel = $2")
            .execute(Tuple.of(triggerId, channel, permanent ? "failed" : "pending", reason, delay))
            .compose(v -> permanent ? conn.preparedQuery("UPDATE alert_history SET delivered = delivered || "
                    + "jsonb_build_object($2::text, $3::text) WHERE trigger_id = $1")
                .execute(Tuple.of(triggerId, channel, "failed: " + reason)) : Future.succeededFuture()))
        .mapEmpty();
  }

  /** 2^attempt seconds (capped at an hour), times a random factor in [0.5, 1.5): retries of many rows spread out. */
  static long backoffSeconds(int attempts) {
    double base = Math.min(3600, Math.pow(2, Math.max(1, attempts)));
    return Math.max(1, Math.round(base * (0.5 + ThreadLocalRandom.current().nextDouble())));
  }
}
