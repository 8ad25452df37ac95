package io.rwaprime.common.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed values out of the merged configuration tree by dotted path, validating each one, and
 * remembers which keys were read so that {@link #unusedKeys()} can refuse typos.
 */
final class ConfigReader {

  private final JsonObject root;
  private final Set<String> consumed = new TreeSet<>();

  ConfigReader(JsonObject root) {
    this.root = root;
  }

  String string(String path) {
    Object v = raw(path);
    if (v == null) {
      return "";
    }
    if (v instanceof JsonObject || v instanceof JsonArray) {
      throw new ConfigException(path, "expected a text value, got " + describe(v));
    }
    return String.valueOf(v).trim();
  }

  String nonBlank(String path) {
    String s = string(path);
    if (s.isEmpty()) {
      throw new ConfigException(path, "must not be empty");
    }
    return s;
  }

  int integer(String path, int min, int max) {
    Object v = raw(path);
    long n;
    if (v instanceof Number num) {
      if (num.doubleValue() != Math.rint(num.doubleValue())) {
        throw new ConfigException(path, "expected a whole number, got " + v);
      }
      n = num.longValue();
    } else if (v instanceof String s) {
      try {
        n = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(path, "expected a whole number, got '" + s + "'");
      }
    } else {
      throw new ConfigException(path, "expected a whole number, got " + describe(v));
    }
    if (n < min || n > max) {
      throw new ConfigException(path, "must be between " + min + " and " + max + ", got " + n);
    }
    return (int) n;
  }

  long longValue(String path) {
    Object v = raw(path);
    if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
      return num.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(path, "expected a whole number, got '" + s + "'");
      }
    }
    throw new ConfigException(path, "expected a whole number, got " + describe(v));
  }

  double decimal(String path, double min, double max) {
    Object v = raw(path);
    double d;
    if (v instanceof Number num) {
      d = num.doubleValue();
    } else if (v instanceof String s) {
      try {
        d = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(path, "expected a number, got '" + s + "'");
      }
    } else {
      throw new ConfigException(path, "expected a number, got " + describe(v));
    }
    if (!Double.isFinite(d) || d < min || d > max) {
      throw new ConfigException(path, "must be between " + min + " and " + max + ", got " + d);
    }
    return d;
  }

  boolean bool(String path) {
    Object v = raw(path);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      switch (s.trim().toLowerCase()) {
        case "true", "yes", "on", "1" -> {
          return true;
        }
        case "false", "no", "off", "0" -> {
          return false;
        }
        default -> throw new ConfigException(path, "expected true or false, got '" + s + "'");
      }
    }
    throw new ConfigException(path, "expected true or false, got " + describe(v));
  }

  Duration duration(String path, Duration min, Duration max) {
    String s = nonBlank(path);
    Duration d;
    try {
      d = Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw new ConfigException(path, "expected an ISO-8601 duration such as PT20S, got '" + s + "'");
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new ConfigException(path, "must be between " + min + " and " + max + ", got " + d);
    }
    return d;
  }

  List<String> strings(String path) {
    Object v = raw(path);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v instanceof JsonArray arr) {
      for (int i = 0; i < arr.size(); i++) {
        Object item = arr.getValue(i);
        if (item == null || item instanceof JsonObject || item instanceof JsonArray) {
          throw new ConfigException(path + "[" + i + "]", "expected a text value, got " + describe(item));
        }
        String s = String.valueOf(item).trim();
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
      return out;
    }
    if (v instanceof String s) {
      // environment variables carry lists as comma-separated text
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
      return out;
    }
    throw new ConfigException(path, "expected a list, got " + describe(v));
  }

  /** A list of maps (e.g. connector definitions), read as a whole; each map is checked by its user. */
  List<JsonObject> objects(String path) {
    Object v = raw(path);
    List<JsonObject> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof JsonArray arr)) {
      throw new ConfigException(path, "expected a list of maps, got " + describe(v));
    }
    for (int i = 0; i < arr.size(); i++) {
      if (!(arr.getValue(i) instanceof JsonObject obj)) {
        throw new ConfigException(path + "[" + i + "]", "expected a map, got " + describe(arr.getValue(i)));
      }
      out.add(obj);
    }
    return out;
  }

  /** A map of names to whole numbers, e.g. {@code roles.instances}; its keys are whatever the file says. */
  Map<String, Integer> integerMap(String path, int min, int max) {
    Object v = raw(path);
    Map<String, Integer> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof JsonObject obj)) {
      throw new ConfigException(path, "expected a map, got " + describe(v));
    }
    for (String name : obj.fieldNames()) {
      out.put(name, integer(path + "." + name, min, max));
    }
    return out;
  }

  /** A map of names to texts (e.g. client properties), each value read as text. */
  Map<String, String> stringMap(String path) {
    Object v = raw(path);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof JsonObject obj)) {
      throw new ConfigException(path, "expected a map, got " + describe(v));
    }
    for (String name : obj.fieldNames()) {
      Object value = obj.getValue(name);
      if (value instanceof JsonObject || value instanceof io.vertx.core.json.JsonArray || value == null) {
        throw new ConfigException(path + "." + name, "expected a single value, got " + describe(value));
      }
      out.put(name, String.valueOf(value));
    }
    return out;
  }

  /** Leaf keys present in the configuration that nothing read: most often a typo. */
  Set<String> unusedKeys() {
    Set<String> leaves = new TreeSet<>();
    collectLeaves("", root, leaves);
    leaves.removeIf(leaf -> consumed.stream().anyMatch(c -> leaf.equals(c) || leaf.startsWith(c + ".")));
    return leaves;
  }

  private Object raw(String path) {
    consumed.add(path);
    Object node = root;
    for (String part : path.split("\\.")) {
      if (!(node instanceof JsonObject obj)) {
        return null;
      }
      node = obj.getValue(part);
    }
    return node;
  }

  private static void collectLeaves(String prefix, JsonObject obj, Set<String> out) {
    for (Map.Entry<String, Object> e : obj) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue() instanceof JsonObject child && !child.isEmpty()) {
        collectLeaves(path, child, out);
      } else {
        out.add(path);
      }
    }
  }

  private static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof JsonObject) {
      return "a map";
    }
    if (v instanceof JsonArray) {
      return "a list";
    }
    return "'" + v + "'";
  }
}
