package io.rwaprime.alerts.channels.webhook;

import io.rwaprime.alerts.channels.HttpExchange;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link WebhookSender} calls webhooks.
 *
 * @param allowHttp    accept {@code http} URLs too (tests, local development); production: false
 * @param allowPrivate accept hosts that are, or resolve to, loopback, private, link-local… addresses (tests only);
 *                     production: false
 * @param limits       connect timeout, deadline and reply size of each call
 */
public record WebhookSettings(boolean allowHttp, boolean allowPrivate, HttpExchange.Limits limits) {

  /** https only, public addresses only, 5 s to connect, 10 s per call, 1 KiB of reply read (it is not used). */
  public static final WebhookSettings DEFAULT = new WebhookSettings(false, false,
      new HttpExchange.Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 1024, 4));

  public WebhookSettings {
    Objects.requireNonNull(limits, "limits");
  }
}
