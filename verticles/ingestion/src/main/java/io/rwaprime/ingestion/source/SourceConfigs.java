package io.rwaprime.ingestion.source;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads connector definitions (the entries of {@code ingestion.sources}) into validated config records.
 * Keys are kebab-case, durations ISO-8601 ({@code PT5S}, {@code P30D}); an unknown key is refused, since it is
 * most often a typo. Every error is an {@link IllegalArgumentException} whose message starts with the full key
 * path, e.g. {@code ingestion.sources[2].url: must be an absolute http or https URL}.
 */
public final class SourceConfigs {

  /** {@code type} of {@link HttpPollingConfig}. */
  public static final String HTTP_POLL = "http-poll";
  /** {@code type} of {@link WebSocketConfig}. */
  public static final String WEBSOCKET = "websocket";
  /** {@code type} of {@link FredConfig}. */
  public static final String FRED = "fred";
  /** The types this class reads. */
  public static final Set<String> TYPES = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(HTTP_POLL, WEBSOCKET, FRED)));

  /** A source name: also the {@code source} of its records and a bronze partition, so kept path-safe. */
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  /** A provider or mesh symbol: safe inside a JSON string, a URL query and an event id. */
  static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private SourceConfigs() {
  }

  /**
   * The config of one connector, chosen by its {@code type} ({@value #HTTP_POLL}, {@value #WEBSOCKET},
   * {@value #FRED}).
   *
   * @param keyPath where {@code json} sits in the configuration, e.g. {@code ingestion.sources[2]}
   * @throws IllegalArgumentException starting with the key path of the offending value
   */
  public static SourceConfig fromJson(JsonObject json, String keyPath) {
    Object type = json == null ? null : json.getValue("type");
    if (!(type instanceof String t) || !TYPES.contains(t)) {
      throw new IllegalArgumentException(keyPath + ".type: must be one of " + TYPES + ", was " + show(type));
    }
    return switch (t) {
      case HTTP_POLL -> HttpPollingConfig.fromJson(json, keyPath);
      case WEBSOCKET -> WebSocketConfig.fromJson(json, keyPath);
      default -> FredConfig.fromJson(json, keyPath);
    };
  }

  /** Runs a record constructor, prefixing its message ({@code field: problem}) with the key path. */
  static <T> T build(String keyPath, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(keyPath + "." + e.getMessage(), e);
    }
  }

  // ---- checks shared by the config records' compact constructors; messages start with the field name ----

  static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name: must match " + NAME.pattern() + ", was " + show(name));
    }
  }

  /** Parses an absolute URL whose scheme is one of {@code schemes}, after blanking placeholders. */
  static URI checkUrl(String field, String url, List<String> schemes) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(field + ": is required");
    }
    URI uri;
    try {
      uri = new URI(url.replaceAll("\\$\\{[^}]*}", "x").replaceAll("\\{[a-z]+}", "x"));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(field + ": is not a valid URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!schemes.contains(scheme) || uri.getHost() == null) {
      throw new IllegalArgumentException(field + ": must be an absolute " + String.join(" or ", schemes) + " URL");
    }
    EnvTemplate.check(field, url);
    return uri;
  }

  /** Copies the provider → mesh symbol map, checking both sides. */
  static Map<String, String> checkSymbols(Map<String, String> symbols) {
    if (symbols == null || symbols.isEmpty()) {
      throw new IllegalArgumentException("symbols: at least one symbol is required");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    symbols.forEach((provider, mesh) -> {
      for (String s : new String[] {provider, mesh}) {
        if (s == null || !SYMBOL.matcher(s).matches()) {
          throw new IllegalArgumentException("symbols: " + show(s) + " is not a valid symbol (" + SYMBOL.pattern() + ")");
        }
      }
      copy.put(provider, mesh);
    });
    return Collections.unmodifiableMap(copy);
  }

  /** Copies the headers, checking names, CR/LF and {@code ${NAME}} syntax. */
  static Map<String, String> checkHeaders(Map<String, String> headers) {
    if (headers == null) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach((name, value) -> {
      if (name == null || !HEADER_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("headers: " + show(name) + " is not a valid header name");
      }
      if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("headers." + name + ": must be one line of text");
      }
      EnvTemplate.check("headers." + name, value);
      copy.put(name, value);
    });
    return Collections.unmodifiableMap(copy);
  }

  static void checkDuration(String field, Duration d, Duration min, Duration max) {
    if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(field + ": must be between " + min + " and " + max + ", was " + d);
    }
  }

  static void checkRange(String field, long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(field + ": must be between " + min + " and " + max + ", was " + v);
    }
  }

  static String show(Object v) {
    return v == null ? "nothing" : v instanceof String s ? "'" + s + "'" : v instanceof JsonObject ? "a map"
        : v instanceof JsonArray ? "a list" : String.valueOf(v);
  }

  /** Typed, path-aware reads of one JSON object; refuses keys it does not know. */
  static final class Reader {
    private final JsonObject json;
    private final String keyPath;

    Reader(JsonObject json, String keyPath, Set<String> known) {
      if (json == null) {
        throw new IllegalArgumentException(keyPath + ": expected a map, got nothing");
      }
      this.json = json;
      this.keyPath = keyPath;
      for (String key : json.fieldNames()) {
        if (!known.contains(key)) {
          throw new IllegalArgumentException(path(key) + ": unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")");
        }
      }
    }

    String path(String key) {
      return keyPath + "." + key;
    }

    IllegalArgumentException fail(String key, String problem) {
      return new IllegalArgumentException(path(key) + ": " + problem);
    }

    String string(String key) {
      return optString(key).orElseThrow(() -> fail(key, "is required"));
    }

    String string(String key, String fallback) {
      return optString(key).orElse(fallback);
    }

    Optional<String> optString(String key) {
      Object v = json.getValue(key);
      if (v == null) {
        return Optional.empty();
      }
      if (v instanceof JsonObject || v instanceof JsonArray || v instanceof Boolean) {
        throw fail(key, "expected a text value, got " + show(v));
      }
      String s = String.valueOf(v).strip();
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** A JSON pointer as written: {@code ""} (the whole document) is a value, not an absence. */
    Optional<String> pointer(String key) {
      Object v = json.getValue(key);
      if (v == null) {
        return Optional.empty();
      }
      if (!(v instanceof String s)) {
        throw fail(key, "expected a JSON pointer as text, got " + show(v));
      }
      return Optional.of(s);
    }

    Duration duration(String key, Duration fallback) {
      Optional<String> s = optString(key);
      if (s.isEmpty()) {
        if (fallback == null) {
          throw fail(key, "is required");
        }
        return fallback;
      }
      try {
        return Duration.parse(s.get());
      } catch (DateTimeParseException e) {
        throw fail(key, "expected an ISO-8601 duration such as PT5S, got '" + s.get() + "'");
      }
    }

    int integer(String key, int fallback) {
      Object v = json.getValue(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
          && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
        return n.intValue();
      }
      if (v instanceof String s) {
        try {
          return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
          // falls through to the error below
        }
      }
      throw fail(key, "expected a whole number, got " + show(v));
    }

    /** A list of symbols ({@code [A, B]}, or comma-separated text) or a map of provider symbol to mesh symbol. */
    Map<String, String> symbols(String key) {
      Object v = json.getValue(key);
      Map<String, String> out = new LinkedHashMap<>();
      if (v instanceof JsonObject obj) {
        for (String provider : obj.fieldNames()) {
          Object mesh = obj.getValue(provider);
          if (!(mesh instanceof String m) || m.isBlank()) {
            throw fail(key + "." + provider, "expected the mesh symbol as text, got " + show(mesh));
          }
          out.put(provider, m.strip());
        }
      } else {
        for (String s : strings(key)) {
          out.put(s, s);
        }
      }
      if (out.isEmpty()) {
        throw fail(key, "at least one symbol is required (a list, or a map of provider symbol to mesh symbol)");
      }
      return out;
    }

    /** A list of text values, or comma-separated text (as environment variables carry lists). */
    List<String> strings(String key) {
      Object v = json.getValue(key);
      List<String> out = new ArrayList<>();
      if (v == null) {
        return out;
      }
      if (v instanceof String s) {
        for (String part : s.split(",")) {
          if (!part.isBlank()) {
            out.add(part.strip());
          }
        }
        return out;
      }
      if (!(v instanceof JsonArray arr)) {
        throw fail(key, "expected a list, got " + show(v));
      }
      for (int i = 0; i < arr.size(); i++) {
        Object item = arr.getValue(i);
        if (!(item instanceof String) && !(item instanceof Number)) {
          throw fail(key + "[" + i + "]", "expected a text value, got " + show(item));
        }
        out.add(String.valueOf(item).strip());
      }
      return out;
    }

    /** A map of names to text values; empty when absent. */
    Map<String, String> stringMap(String key) {
      Object v = json.getValue(key);
      Map<String, String> out = new LinkedHashMap<>();
      if (v == null) {
        return out;
      }
      if (!(v instanceof JsonObject obj)) {
        throw fail(key, "expected a map, got " + show(v));
      }
      for (String name : obj.fieldNames()) {
        Object value = obj.getValue(name);
        if (value == null || value instanceof JsonObject || value instanceof JsonArray) {
          throw fail(key + "." + name, "expected a text value, got " + show(value));
        }
        out.put(name, String.valueOf(value));
      }
      return out;
    }

    JsonObject object(String key) {
      Object v = json.getValue(key);
      if (v == null) {
        throw fail(key, "is required");
      }
      if (!(v instanceof JsonObject obj)) {
        throw fail(key, "expected a map, got " + show(v));
      }
      return obj;
    }

    Backoff backoff(Backoff fallback) {
      Duration base = duration("backoff-base", fallback.base());
      Duration max = duration("backoff-max", base.compareTo(fallback.max()) > 0 ? base : fallback.max());
      return build(keyPath, () -> new Backoff(base, max));
    }
  }
}
