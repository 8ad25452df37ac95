package io.rwaprime.bridge;

import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.events.DeadLetter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Addresses → topics: a consumer per outbound mapping turns each message into its JSON form, checks it against the
 * published schema (a sample after the first 1,000; a mismatch goes to dead-letter, code {@code bridge.schema}, and
 * is not produced) and enqueues it
 * for the producer with key = symbol and headers {@code event_id}, {@code schema_version}, {@code source}. A full
 * backlog (Kafka away for long) dead-letters with {@code bridge.backlog} rather than dropping silently.
 */
final class BridgeVerticle extends VerticleBase {

  private final List<Mapping> outbound;
  private final KafkaOut out;
  private final DeadLetters deadLetters;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private final java.util.Map<Mapping, Long> counts = new java.util.HashMap<>();

  BridgeVerticle(List<Mapping> outbound, KafkaOut out, DeadLetters deadLetters) {
    this.outbound = outbound;
    this.out = out;
    this.deadLetters = deadLetters;
  }

  @Override
  public Future<?> start() {
    List<Future<Void>> ready = new ArrayList<>();
    for (Mapping m : outbound) {
      MessageConsumer<Object> c = vertx.eventBus().consumer(m.address(), msg -> forward(m, msg.body(),
          msg.headers().get("event-id")));
      consumers.add(c);
      ready.add(c.completion());
    }
    return Future.all(ready);
  }

  @Override
  public Future<?> stop() {
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList());
  }

  private void forward(Mapping m, Object body, String headerEventId) {
    // dead letters are forwarded too: never answer a dead-letter problem with another dead letter
    boolean deadLetterStream = body instanceof DeadLetter;
    JsonObject json;
    try {
      json = m.type().toJson(body);
    } catch (IllegalArgumentException e) {
      if (!deadLetterStream) {
        deadLetters.reject(DeadLetter.of(UUID.randomUUID().toString(), "event-bus:" + m.address(), "bridge",
            "bridge.type", m.address() + " → " + m.topic() + ": " + e.getMessage(), String.valueOf(body)));
      }
      return;
    }
    // the records validate every field when built and their JSON forms are the schemas' (property-tested), so the
    // schema check of outbound values is a guard against drift: the first 1,000 of each mapping, then 1 in 1,000
    long seen = counts.merge(m, 1L, Long::sum);
    String errors = seen <= 1_000 || seen % 1_000 == 0 ? m.type().schemaErrors(json) : null;
    if (errors != null) {
      if (!deadLetterStream) {
        deadLetters.reject(DeadLetter.of(eventId(m, body, headerEventId), "event-bus:" + m.address(), "bridge",
            "bridge.schema", m.address() + " → " + m.topic() + ": " + errors, json.encode()));
      }
      return;
    }
    String eventId = eventId(m, body, headerEventId);
    String source = m.type().source(body);
    KafkaOut.Out record = new KafkaOut.Out(m.topic(), m.type().key(body), json.toBuffer().getBytes(), eventId,
        source != null ? source : "event-bus:" + m.address());
    if (!out.offer(record) && !deadLetterStream) {
      deadLetters.reject(DeadLetter.of(eventId, "event-bus:" + m.address(), "bridge", "bridge.backlog",
          "the Kafka backlog is full (" + KafkaOut.QUEUE + " records): Kafka has been away too long", json.encode()));
    }
  }

  /** The record's own event id when it has one, else the message header's, else a new one. */
  private static String eventId(Mapping m, Object body, String header) {
    String own = m.type().eventId(body);
    return own != null ? own : header != null ? header : UUID.randomUUID().toString();
  }
}
