package io.rwaprime.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/** The alerts role's meters: rules held, observations evaluated, firings recorded, deliveries per channel. */
final class AlertsMetrics {

  final AtomicInteger rules = new AtomicInteger();
  final Counter observations;
  final Counter fired;
  final Counter suppressed;
  final Counter stale;
  private final MeterRegistry registry;

  AlertsMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("rwa.alerts.rules", rules, AtomicInteger::get).description("rules in the evaluation indexes")
        .register(registry);
    observations = Counter.builder("rwa.alerts.observations").description("values evaluated against the rules")
        .register(registry);
    fired = Counter.builder("rwa.alerts.fired").description("firings recorded in the outbox").register(registry);
    suppressed = Counter.builder("rwa.alerts.suppressed")
        .description("conditions met during a rule's cooldown (not fired)").register(registry);
    stale = Counter.builder("rwa.alerts.stale").description("backfilled or stale ticks not evaluated").register(registry);
  }

  void delivered(String channel) {
    Counter.builder("rwa.alerts.deliveries").tag("channel", channel).tag("outcome", "delivered").register(registry)
        .increment();
  }

  void failed(String channel) {
    Counter.builder("rwa.alerts.deliveries").tag("channel", channel).tag("outcome", "failed").register(registry)
        .increment();
  }
}
