package io.rwaprime.events;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Input that a stage refused, with the reason: nothing is dropped silently.
 *
 * <p>Travels on {@link Addresses#DEAD_LETTER} (any stage → storage, Kafka {@link Topics#DEAD_LETTER}).
 * JSON Schema: {@code schemas/dead-letter.schema.json}. Reason codes are stable, dotted and
 * lower-case, so they can label metrics: {@code price.non-positive}, {@code json.malformed},
 * {@code codec.unknown-version}, {@code codec.undecodable}.
 *
 * @param eventId    id of the refused input (its raw event id, or a fresh id when it had none); non-blank
 * @param source     where it came from, e.g. a source label or {@code event-bus:<address>}; non-blank
 * @param stage      the stage that refused it, e.g. {@code cleansing}; non-blank
 * @param reasonCode machine-readable reason, {@code [a-z0-9]+([.-][a-z0-9]+)*}
 * @param detail     human-readable explanation; may be empty, at most {@link #MAX_DETAIL_CHARS}
 * @param payload    the refused input as text; may be empty, at most {@link #MAX_PAYLOAD_CHARS}
 * @param rejectedAt when it was refused
 */
public record DeadLetter(String eventId, String source, String stage, String reasonCode, String detail, String payload,
                         Instant rejectedAt) {

  /** Longest payload kept (64 Ki chars); {@link #of} truncates longer ones. */
  public static final int MAX_PAYLOAD_CHARS = 64 * 1024;
  /** Longest detail kept; {@link #of} truncates longer ones. */
  public static final int MAX_DETAIL_CHARS = 4 * 1024;

  private static final Pattern REASON_CODE = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");
  private static final Set<String> FIELDS = Set.of("event_id", "source", "stage", "reason_code", "detail", "payload",
      "rejected_at");

  /** Validates every component; see the parameter descriptions. */
  public DeadLetter {
    Checks.nonBlank(eventId, "eventId");
    Checks.nonBlank(source, "source");
    Checks.nonBlank(stage, "stage");
    Checks.nonNull(reasonCode, "reasonCode");
    if (!REASON_CODE.matcher(reasonCode).matches()) {
      throw new IllegalArgumentException("reasonCode must match [a-z0-9]+([.-][a-z0-9]+)* (e.g. price.non-positive), was "
          + Checks.show(reasonCode));
    }
    Checks.nonNull(detail, "detail");
    if (detail.length() > MAX_DETAIL_CHARS) {
      throw new IllegalArgumentException("detail must be at most " + MAX_DETAIL_CHARS + " chars, was " + detail.length()
          + " (DeadLetter.of truncates)");
    }
    Checks.nonNull(payload, "payload");
    if (payload.length() > MAX_PAYLOAD_CHARS) {
      throw new IllegalArgumentException("payload must be at most " + MAX_PAYLOAD_CHARS + " chars, was " + payload.length()
          + " (DeadLetter.of truncates)");
    }
    Checks.nonNull(rejectedAt, "rejectedAt");
  }

  /**
   * A dead letter stamped now. A null detail or payload becomes empty; a detail or payload over its
   * limit is cut and ends with a marker {@code …[truncated from N chars]}, the whole staying within
   * the limit.
   */
  public static DeadLetter of(String eventId, String source, String stage, String reasonCode, String detail,
                              String payload) {
    return new DeadLetter(eventId, source, stage, reasonCode, truncate(detail, MAX_DETAIL_CHARS),
        truncate(payload, MAX_PAYLOAD_CHARS), Instant.now());
  }

  private static String truncate(String text, int max) {
    if (text == null) {
      return "";
    }
    if (text.length() <= max) {
      return text;
    }
    String marker = "…[truncated from " + text.length() + " chars]";
    int keep = max - marker.length();
    if (Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--; // never split a surrogate pair: the cut text must stay valid UTF-16 for the UTF-8 codecs
    }
    return text.substring(0, keep) + marker;
  }

  /** The JSON form described by {@code dead-letter.schema.json}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("event_id", eventId)
        .put("source", source)
        .put("stage", stage)
        .put("reason_code", reasonCode)
        .put("detail", detail)
        .put("payload", payload);
    JsonFields.putInstant(json, "rejected_at", rejectedAt);
    return json;
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static DeadLetter fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "DeadLetter", FIELDS);
    return new DeadLetter(in.string("event_id"), in.string("source"), in.string("stage"), in.string("reason_code"),
        in.string("detail"), in.string("payload"), in.instant("rejected_at"));
  }
}
