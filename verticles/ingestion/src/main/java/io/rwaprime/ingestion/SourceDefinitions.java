package io.rwaprime.ingestion;

import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.config.ConfigException;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.RawRecord;
import io.rwaprime.ingestion.source.Source;
import io.rwaprime.ingestion.source.SourceConfig;
import io.rwaprime.ingestion.source.SourceConfigs;
import io.rwaprime.ingestion.news.AssetMatcher;
import io.rwaprime.ingestion.news.FeedParser;
import io.rwaprime.ingestion.news.NewsSource;
import io.rwaprime.ingestion.news.SentimentScorer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns the {@code ingestion.sources} entries of the configuration into connectors. Each entry has a
 * {@code type} and a unique {@code name}; the other fields depend on the type (see the README). Every
 * problem is reported as a {@link ConfigException} naming the entry and field, at start-up.
 */
final class SourceDefinitions {

  /** A connector ready to start. */
  interface Connector {
    String name();

    Future<Void> start();

    Future<Void> stop();
  }

  /** A validated definition that can build its connector. */
  interface Definition {
    String name();

    Connector create(Vertx vertx, AssetCatalogue assets, Consumer<RawRecord> sink);
  }

  private SourceDefinitions() {}

  static List<Definition> parse(List<JsonObject> entries) {
    List<Definition> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String key = "ingestion.sources[" + i + "]";
      JsonObject e = entries.get(i);
      String type = text(e, key, "type");
      String name = type.equals("fred") && !e.containsKey("name") ? "fred" : text(e, key, "name");
      if (!names.add(name)) {
        throw new ConfigException(key + ".name", "two sources are named '" + name + "'");
      }
      try {
        out.add(switch (type) {
          case "news" -> news(e, key, name);
          case "http-poll", "websocket", "fred" -> connector(e, key, name);
          default -> throw new ConfigException(key + ".type",
              "unknown source type '" + type + "' (known: http-poll, websocket, fred, news)");
        });
      } catch (ConfigException ex) {
        throw ex;
      } catch (IllegalArgumentException ex) {
        // the connectors' messages start with the key path already
        String msg = String.valueOf(ex.getMessage());
        int colon = msg.indexOf(": ");
        throw msg.startsWith(key) && colon > 0 ? new ConfigException(msg.substring(0, colon), msg.substring(colon + 2))
            : new ConfigException(key, msg);
      }
    }
    return out;
  }

  /** Price and macro connectors: HTTP polling, WebSocket streaming, FRED observations. */
  private static Definition connector(JsonObject e, String key, String name) {
    SourceConfig cfg = SourceConfigs.fromJson(e, key);
    return definition(name, (vertx, assets, sink) -> {
      Source source = Source.create(vertx, cfg, sink::accept, (src, symbol, expected, got) ->
          vertx.eventBus().publish(Addresses.FEED_STATUS, new JsonObject().put("source", src).put("symbol", symbol)
              .put("gap", true).put("expected_seq", expected).put("got_seq", got)));
      return connector(name, source::start, source::stop);
    });
  }

  private static Definition news(JsonObject e, String key, String name) {
    allowOnly(e, key, Set.of("type", "name", "url", "format", "interval", "max-body-bytes", "headers"));
    Map<String, String> headers = new LinkedHashMap<>();
    JsonObject h = e.getJsonObject("headers", new JsonObject());
    h.forEach(kv -> headers.put(kv.getKey(), String.valueOf(kv.getValue())));
    NewsSource.Config cfg = new NewsSource.Config(name, text(e, key, "url"),
        FeedParser.Format.fromLabel(e.getString("format", "auto")),
        duration(e, key, "interval", Duration.ofMinutes(5)),
        e.getInteger("max-body-bytes", NewsSource.Config.DEFAULT_MAX_BODY_BYTES), headers,
        NewsSource.Config.DEFAULT_DEDUP_CAPACITY);
    return definition(name, (vertx, assets, sink) -> {
      NewsSource source = new NewsSource(vertx, cfg, new FeedParser(), new SentimentScorer(), AssetMatcher.of(assets), sink);
      return connector(name, source::start, source::stop);
    });
  }

  /** How a definition builds its connector. */
  private interface Factory {
    Connector create(Vertx vertx, AssetCatalogue assets, Consumer<RawRecord> sink);
  }

  private static Definition definition(String name, Factory factory) {
    return new Definition() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Connector create(Vertx vertx, AssetCatalogue assets, Consumer<RawRecord> sink) {
        return factory.create(vertx, assets, sink);
      }
    };
  }

  private static Connector connector(String name, Supplier<Future<Void>> start, Supplier<Future<Void>> stop) {
    return new Connector() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Void> start() {
        return start.get();
      }

      @Override
      public Future<Void> stop() {
        return stop.get();
      }
    };
  }

  static String text(JsonObject e, String key, String field) {
    Object v = e.getValue(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new ConfigException(key + "." + field, "is required (text)");
    }
    return s.trim();
  }

  static Duration duration(JsonObject e, String key, String field, Duration dflt) {
    Object v = e.getValue(field);
    if (v == null) {
      return dflt;
    }
    try {
      return Duration.parse(String.valueOf(v));
    } catch (DateTimeParseException ex) {
      throw new ConfigException(key + "." + field, "expected an ISO-8601 duration such as PT5M, got '" + v + "'");
    }
  }

  static void allowOnly(JsonObject e, String key, Set<String> fields) {
    for (String f : e.fieldNames()) {
      if (!fields.contains(f)) {
        throw new ConfigException(key + "." + f, "unknown field for a source of type " + e.getValue("type"));
      }
    }
  }
}
