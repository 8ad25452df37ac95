package io.rwaprime.common.bus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.DeadLetter;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends rejected input to {@link Addresses#DEAD_LETTER} with its reason, counts it in
 * {@code rwa_dead_letters_total{stage, reason}} and logs it at WARN (never the whole payload).
 */
public final class DeadLetters {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final Vertx vertx;
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public DeadLetters(Vertx vertx, MeterRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  /** Publishes one rejected record. */
  public void reject(DeadLetter letter) {
    counters.computeIfAbsent(letter.stage() + '\u0000' + letter.reasonCode(), k -> Counter.builder("rwa.dead.letters")
        .description("Records rejected to the dead-letter address")
        .tag("stage", letter.stage())
        .tag("reason", letter.reasonCode())
        .register(registry)).increment();
    LOG.warn("record rejected [stage: {}, source: {}, event_id: {}, reason: {}, detail: {}]",
        letter.stage(), letter.source(), letter.eventId(), letter.reasonCode(), letter.detail());
    vertx.eventBus().publish(Addresses.DEAD_LETTER, letter);
  }

  /** Shorthand for {@link #reject(DeadLetter)} with a new letter stamped now. */
  public void reject(String eventId, String source, String stage, String reasonCode, String detail, String payload) {
    reject(DeadLetter.of(eventId, source, stage, reasonCode, detail, payload));
  }
}
