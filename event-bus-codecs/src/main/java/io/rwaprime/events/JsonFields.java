package io.rwaprime.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Strict reader of the JSON form of one message, shared by every {@code fromJson}. It rejects
 * unknown fields up front and every missing or ill-typed field with an
 * {@link IllegalArgumentException} naming the message and the field, so that a bad document from a
 * polyglot producer fails with a message its author can act on. The mapping mirrors the published
 * JSON Schemas: decimals are strings, instants and durations ISO-8601 strings, absent means null.
 */
final class JsonFields {

  /** Same pattern as the schemas' decimal strings. */
  static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  private final JsonObject json;
  private final String type;

  private JsonFields(JsonObject json, String type) {
    this.json = json;
    this.type = type;
  }

  /** Opens {@code json} as message {@code type}, rejecting fields not in {@code known}. */
  static JsonFields open(JsonObject json, String type, Set<String> known) {
    if (json == null) {
      throw new IllegalArgumentException(type + " JSON must not be null");
    }
    for (String name : json.fieldNames()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(type + " JSON has unknown field " + Checks.show(name)
            + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
    return new JsonFields(json, type);
  }

  String string(String field) {
    return nonNull(optString(field), field, "a string");
  }

  String optString(String field) {
    Object v = json.getValue(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw wrongType(field, "a string", v);
  }

  BigDecimal decimal(String field) {
    return nonNull(optDecimal(field), field, "a decimal string");
  }

  BigDecimal optDecimal(String field) {
    String s = optTyped(field, "a decimal string");
    if (s == null) {
      return null;
    }
    if (!DECIMAL.matcher(s).matches()) {
      throw new IllegalArgumentException(type + " JSON field '" + field + "' must be a decimal string like \"12.5\" or \"1E+3\", was "
          + Checks.show(s));
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      // only an exponent beyond the int scale range gets here
      throw new IllegalArgumentException(type + " JSON field '" + field + "' is out of the decimal range, was " + Checks.show(s), e);
    }
  }

  Instant instant(String field) {
    String s = nonNull(optTyped(field, "an ISO-8601 instant string"), field, "an ISO-8601 instant string");
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(type + " JSON field '" + field + "' must be an ISO-8601 instant like "
          + "\"2025-01-31T12:00:00Z\", was " + Checks.show(s), e);
    }
  }

  Duration duration(String field) {
    return nonNull(optDuration(field), field, "an ISO-8601 duration string");
  }

  Duration optDuration(String field) {
    String s = optTyped(field, "an ISO-8601 duration string");
    if (s == null) {
      return null;
    }
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(type + " JSON field '" + field + "' must be an ISO-8601 duration like \"PT5M\", was "
          + Checks.show(s), e);
    }
  }

  long longValue(String field) {
    return nonNull(optLong(field), field, "an integer");
  }

  Long optLong(String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    throw wrongType(field, "an integer in the 64-bit range", v);
  }

  int intValue(String field) {
    long v = longValue(field);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(type + " JSON field '" + field + "' must be an integer in the 32-bit range, was " + v);
    }
    return (int) v;
  }

  double doubleValue(String field) {
    Object v = json.getValue(field);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw wrongType(field, "a number", v);
  }

  boolean bool(String field) {
    Object v = json.getValue(field);
    if (v instanceof Boolean b) {
      return b;
    }
    throw wrongType(field, "a boolean", v);
  }

  /** A list of strings; each element must be a string. */
  List<String> strings(String field) {
    JsonArray array = array(field);
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object e = array.getValue(i);
      if (!(e instanceof String s)) {
        throw new IllegalArgumentException(type + " JSON field '" + field + "[" + i + "]' must be a string, was " + kind(e));
      }
      out.add(s);
    }
    return out;
  }

  /** A set of strings; duplicates are rejected, as the schemas say {@code uniqueItems}. */
  Set<String> stringSet(String field) {
    List<String> list = strings(field);
    Set<String> out = new HashSet<>(list);
    if (out.size() != list.size()) {
      throw new IllegalArgumentException(type + " JSON field '" + field + "' must not repeat an element");
    }
    return out;
  }

  /** A list of nested messages, each read by {@code reader}; failures name the element. */
  <T> List<T> objects(String field, Function<JsonObject, T> reader) {
    JsonArray array = array(field);
    List<T> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object e = array.getValue(i);
      if (!(e instanceof JsonObject o)) {
        throw new IllegalArgumentException(type + " JSON field '" + field + "[" + i + "]' must be an object, was " + kind(e));
      }
      try {
        out.add(reader.apply(o));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(type + " JSON field '" + field + "[" + i + "]': " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  private JsonArray array(String field) {
    Object v = json.getValue(field);
    if (v instanceof JsonArray a) {
      return a;
    }
    throw wrongType(field, "an array", v);
  }

  private String optTyped(String field, String expected) {
    Object v = json.getValue(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw wrongType(field, expected, v);
  }

  private <T> T nonNull(T value, String field, String expected) {
    if (value == null) {
      throw new IllegalArgumentException(type + " JSON field '" + field + "' is missing (expected " + expected + ")");
    }
    return value;
  }

  private IllegalArgumentException wrongType(String field, String expected, Object actual) {
    if (actual == null) {
      return new IllegalArgumentException(type + " JSON field '" + field + "' is missing (expected " + expected + ")");
    }
    return new IllegalArgumentException(type + " JSON field '" + field + "' must be " + expected + ", was " + kind(actual));
  }

  private static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof JsonObject) {
      return "an object";
    }
    if (v instanceof JsonArray) {
      return "an array";
    }
    return v.getClass().getSimpleName();
  }

  // ---- writing: the same mapping in the other direction; nulls are omitted ----

  static void putDecimal(JsonObject json, String field, BigDecimal value) {
    if (value != null) {
      // toString, not toPlainString: it keeps the scale, so the value reads back equal
      json.put(field, value.toString());
    }
  }

  static void putInstant(JsonObject json, String field, Instant value) {
    if (value != null) {
      json.put(field, value.toString());
    }
  }

  static void putDuration(JsonObject json, String field, Duration value) {
    if (value != null) {
      json.put(field, value.toString());
    }
  }

  static void putIfPresent(JsonObject json, String field, Object value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
