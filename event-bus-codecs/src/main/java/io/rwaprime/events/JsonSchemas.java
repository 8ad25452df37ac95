package io.rwaprime.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where the published JSON Schemas (draft 2020-12) of the messages live. Each top-level message
 * has one schema on the class path at {@code schemas/<kebab-name>.schema.json} with {@code $id}
 * {@code https://rwa-prime.io/schemas/<kebab-name>.schema.json}; {@link ForecastStep} and
 * {@link RiskDriver} are {@code $defs} inside the forecast and risk-score schemas.
 */
public final class JsonSchemas {

  /** Base of every schema {@code $id}. */
  public static final String BASE_URI = "https://rwa-prime.io/schemas/";

  private static final Map<Class<?>, String> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put(RawRecord.class, "raw-record");
    NAMES.put(Tick.class, "tick");
    NAMES.put(Bar.class, "bar");
    NAMES.put(OnchainMetric.class, "onchain-metric");
    NAMES.put(OnchainEvent.class, "onchain-event");
    NAMES.put(MacroPoint.class, "macro-point");
    NAMES.put(NewsItem.class, "news-item");
    NAMES.put(Forecast.class, "forecast");
    NAMES.put(RiskScore.class, "risk-score");
    NAMES.put(AlertRule.class, "alert-rule");
    NAMES.put(AlertEvent.class, "alert-event");
    NAMES.put(DeadLetter.class, "dead-letter");
  }

  private JsonSchemas() {}

  /** The message types that have a schema, in a stable order. */
  public static Set<Class<?>> messageTypes() {
    return Collections.unmodifiableSet(NAMES.keySet());
  }

  /** The kebab-case schema name of {@code type}, e.g. {@code onchain-metric}. */
  public static String name(Class<?> type) {
    String name = NAMES.get(type);
    if (name == null) {
      throw new IllegalArgumentException("no JSON Schema for " + type.getName() + " (schemas exist for: "
          + String.join(", ", NAMES.values()) + "; ForecastStep and RiskDriver are $defs of forecast and risk-score)");
    }
    return name;
  }

  /** The class-path resource of {@code type}'s schema, e.g. {@code schemas/tick.schema.json}. */
  public static String resourcePath(Class<?> type) {
    return "schemas/" + name(type) + ".schema.json";
  }

  /** The {@code $id} of {@code type}'s schema. */
  public static String id(Class<?> type) {
    return BASE_URI + name(type) + ".schema.json";
  }

  /** Reads {@code type}'s schema from the class path. */
  public static JsonObject load(Class<?> type) {
    String path = resourcePath(type);
    try (InputStream in = JsonSchemas.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("schema resource " + path + " is missing from the class path");
      }
      return new JsonObject(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource " + path, e);
    }
  }
}
