package io.rwaprime.bridge;

import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.events.DeadLetter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Addresses → topics: a consumer per outbound mapping turns each message into its JSON form, checks it against the
 * published schema (a mismatch goes to dead-letter, code {@code bridge.schema}, and is not produced) and enqueues it
 * for the producer with key = symbol and headers {@code event_id}, {@code schema_version}, {@code source}. A full
 * backlog (Kafka away for long) dead-letters with {@code bridge.backlog} rather than dropping silently.
 */
final class BridgeVerticle extends VerticleBase {

  private final List<Mapping> outbound;
  private final KafkaOut out;
  private final DeadLetters deadLetters;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();

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
    String errors = m.type().schemaErrors(json);
    if (errors != null) {
      if (!deadLetterStream) {
        deadLetters.reject(DeadLetter.of(eventId(body, headerEventId), "event-bus:" + m.address(), "bridge",
            "bridge.schema", m.address() + " → " + m.topic() + ": " + errors, json.encode()));
      }
      return;
    }
    String eventId = eventId(body, headerEventId);
    String source = text(body, "source");
    KafkaOut.Out record = new KafkaOut.Out(m.topic(), m.type().key(body), json.toBuffer().getBytes(), eventId,
        source != null ? source : "event-bus:" + m.address());
    if (!out.offer(record) && !deadLetterStream) {
      deadLetters.reject(DeadLetter.of(eventId, "event-bus:" + m.address(), "bridge", "bridge.backlog",
          "the Kafka backlog is full (" + KafkaOut.QUEUE + " records): Kafka has been away too long", json.encode()));
    }
  }

  /** The record's own event id when it has one (ticks, raw records, dead letters, alert firings), else a new one. */
  private static String eventId(Object body, String header) {
    for (String name : List.of("eventId", "triggerId")) {
      String v = text(body, name);
      if (v != null) {
        return v;
      }
    }
    return header != null ? header : UUID.randomUUID().toString();
  }

  private static String text(Object body, String component) {
    if (body == null || !body.getClass().isRecord()) {
      return null;
    }
    for (RecordComponent rc : body.getClass().getRecordComponents()) {
      if (rc.getName().equals(component) && rc.getType() == String.class) {
        try {
          return (String) rc.getAccessor().invoke(body);
        } catch (ReflectiveOperationException e) {
          return null;
        }
      }
    }
    return null;
  }
}
