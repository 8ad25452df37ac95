package io.rwaprime.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fanout's meters: connected clients per transport, messages delivered (rate = messages/s), frames written,
 * messages conflated and dropped in the hubs' shared windows and in lagging clients' backlogs, and the messages
 * pending in both.
 */
final class FanoutMetrics {

  final AtomicInteger bridgeClients = new AtomicInteger();
  final AtomicInteger streamClients = new AtomicInteger();
  final AtomicLong pending = new AtomicLong();
  final Counter messages;
  final Counter frames;
  final Counter conflated;
  final Counter dropped;
  final Counter refused;
  final Counter skipped;

  FanoutMetrics(MeterRegistry registry) {
    Gauge.builder("rwa.fanout.clients", bridgeClients, AtomicInteger::get).tag("transport", "sockjs")
        .description("connected browser bridge clients").register(registry);
    Gauge.builder("rwa.fanout.clients", streamClients, AtomicInteger::get).tag("transport", "stream")
        .description("connected /api/v1/stream clients").register(registry);
    Gauge.builder("rwa.fanout.pending", pending, AtomicLong::get)
        .description("messages waiting in the hubs' windows and in lagging clients' queues").register(registry);
    messages = Counter.builder("rwa.fanout.messages").description("messages delivered to clients").register(registry);
    frames = Counter.builder("rwa.fanout.frames").description("frames written to clients").register(registry);
    conflated = Counter.builder("rwa.fanout.conflated")
        .description("pending messages replaced by a newer value of the same key").register(registry);
    dropped = Counter.builder("rwa.fanout.dropped")
        .description("pending messages dropped because a window or a client's queue was full").register(registry);
    refused = Counter.builder("rwa.fanout.refused")
        .description("bridge or stream requests refused (permissions, tokens, origin)").register(registry);
    skipped = Counter.builder("rwa.fanout.skipped")
        .description("flushes skipped because a client's connection was still full").register(registry);
  }

  /** Counts what one offer to a window or a backlog did. */
  void count(ConflatingQueue.Outcome outcome) {
    switch (outcome) {
      case QUEUED -> pending.incrementAndGet();
      case CONFLATED -> conflated.increment();
      case DROPPED_OLDEST -> dropped.increment();
    }
  }
}
