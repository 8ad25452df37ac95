package io.rwaprime.events;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Set;

/**
 * A record exactly as a source delivered it, before any parsing: the bronze layer of the mesh.
 * The payload is the raw text and may well be invalid; cleansing parses it and either emits a typed
 * record or dead-letters it with a reason.
 *
 * <p>Travels on {@link Addresses#rawAddress(RecordKind)} (ingestion → cleansing, Kafka bridge) and
 * Kafka {@link Topics#rawTopic(RecordKind)}. JSON Schema: {@code schemas/raw-record.schema.json}.
 *
 * @param eventId    id unique per source delivery, used to de-duplicate replays; non-blank
 * @param source     the source label, e.g. {@code simulator}, {@code csv:treasuries}; non-blank
 * @param kind       what the payload describes
 * @param receivedAt when ingestion received it
 * @param payload    the raw text as received; may be empty, never null
 */
public record RawRecord(String eventId, String source, RecordKind kind, Instant receivedAt, String payload) {

  private static final Set<String> FIELDS = Set.of("event_id", "source", "kind", "received_at", "payload");

  /** Validates every component; see the parameter descriptions. */
  public RawRecord {
    Checks.nonBlank(eventId, "eventId");
    Checks.nonBlank(source, "source");
    Checks.nonNull(kind, "kind");
    Checks.nonNull(receivedAt, "receivedAt");
    Checks.nonNull(payload, "payload");
  }

  /** The JSON form described by {@code raw-record.schema.json}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("event_id", eventId)
        .put("source", source)
        .put("kind", kind.label());
    JsonFields.putInstant(json, "received_at", receivedAt);
    return json.put("payload", payload);
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static RawRecord fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "RawRecord", FIELDS);
    return new RawRecord(in.string("event_id"), in.string("source"), RecordKind.fromLabel(in.string("kind")),
        in.instant("received_at"), in.string("payload"));
  }
}
