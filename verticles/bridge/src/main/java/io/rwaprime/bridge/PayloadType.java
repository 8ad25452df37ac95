package io.rwaprime.bridge;

import io.rwaprime.events.JsonSchemas;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One payload type of the mesh as the bridge handles it: its record class, its JSON form both ways, its published
 * JSON Schema (the same files non-JVM consumers get) and its Kafka key — the {@code symbol} (per-asset order), else
 * the {@code source}.
 */
final class PayloadType {

  /** The version written in the {@code schema_version} header; bumped with an incompatible schema change. */
  static final String SCHEMA_VERSION = "1";

  private final String name;
  private final Class<?> type;
  private final MethodHandle toJson;
  private final MethodHandle fromJson;
  private final MethodHandle key;
  private final MethodHandle eventId;
  private final MethodHandle source;
  private final Validator validator;

  private PayloadType(String name, Class<?> type) throws ReflectiveOperationException {
    this.name = name;
    this.type = type;
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    this.toJson = lookup.findVirtual(type, "toJson", MethodType.methodType(JsonObject.class));
    this.fromJson = lookup.findStatic(type, "fromJson", MethodType.methodType(type, JsonObject.class));
    MethodHandle k = null;
    for (String component : List.of("symbol", "source")) {
      for (RecordComponent rc : type.getRecordComponents()) {
        if (k == null && rc.getName().equals(component) && rc.getType() == String.class) {
          k = lookup.unreflect(rc.getAccessor());
        }
      }
    }
    this.key = k;
    this.eventId = accessor(lookup, type, "eventId", "triggerId");
    this.source = accessor(lookup, type, "source");
    this.validator = Validator.create(JsonSchema.of(JsonSchemas.load(type)), new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012).setBaseUri(JsonSchemas.BASE_URI).setOutputFormat(OutputFormat.Basic));
  }

  /**
   * The type whose schema is named {@code name} ({@code tick}, {@code bar}, {@code risk-score}, …).
   *
   * @throws IllegalArgumentException naming the known types
   */
  static PayloadType named(String name) {
    List<String> known = new ArrayList<>();
    for (Class<?> c : JsonSchemas.messageTypes()) {
      String n = JsonSchemas.name(c);
      known.add(n);
      if (n.equals(name)) {
        try {
          return new PayloadType(n, c);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(c + " lacks toJson/fromJson", e);
        }
      }
    }
    throw new IllegalArgumentException("unknown type '" + name + "' (known: " + String.join(", ", new TreeSet<>(known))
        + ")");
  }

  String name() {
    return name;
  }

  Class<?> type() {
    return type;
  }

  /** The message's JSON form; throws when the message is not of this type. */
  JsonObject toJson(Object message) {
    if (!type.isInstance(message)) {
      throw new IllegalArgumentException("expected a " + type.getSimpleName() + ", got "
          + (message == null ? "null" : message.getClass().getSimpleName()));
    }
    try {
      return (JsonObject) toJson.invoke(message);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a JSON form (already schema-valid) into the record; throws IllegalArgumentException when invalid. */
  Object fromJson(JsonObject json) {
    try {
      return fromJson.invoke(json);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The Kafka key of a message: its symbol, else its source, else null. */
  String key(Object message) {
    if (key == null) {
      return null;
    }
    try {
      return (String) key.invoke(message);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** The message's own event id (ticks, raw records, dead letters, alert firings), else null. */
  String eventId(Object message) {
    return invoke(eventId, message);
  }

  /** The message's source, else null. */
  String source(Object message) {
    return invoke(source, message);
  }

  private static String invoke(MethodHandle h, Object message) {
    if (h == null) {
      return null;
    }
    try {
      return (String) h.invoke(message);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static MethodHandle accessor(MethodHandles.Lookup lookup, Class<?> type, String... names)
      throws IllegalAccessException {
    for (String name : names) {
      for (RecordComponent rc : type.getRecordComponents()) {
        if (rc.getName().equals(name) && rc.getType() == String.class) {
          return lookup.unreflect(rc.getAccessor());
        }
      }
    }
    return null;
  }

  /** Null when {@code json} matches the published schema, else what is wrong (first errors). */
  String schemaErrors(JsonObject json) {
    OutputUnit result = validator.validate(json);
    if (Boolean.TRUE.equals(result.getValid())) {
      return null;
    }
    List<String> errors = new ArrayList<>();
    if (result.getErrors() != null) {
      result.getErrors().stream().limit(3).forEach(u -> errors.add(u.getInstanceLocation() + ": " + u.getError()));
    }
    return errors.isEmpty() ? "does not match " + JsonSchemas.resourcePath(type) : String.join("; ", errors);
  }
}
