package io.rwaprime.api;

import io.rwaprime.events.BarInterval;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Reads the gold tables: bars, features, sentiment, macro series, and the dead-letter store. */
final class PipelineRepository {

  private final Pool pool;

  PipelineRepository(Pool pool) {
    this.pool = pool;
  }

  /** The last {@code limit} bars in [from, to), oldest first. */
  Future<JsonArray> bars(String symbol, BarInterval interval, Instant from, Instant to, int limit) {
    // the table name comes from the enum, never from the request
    String sql = "SELECT * FROM (SELECT open_time, open, high, low, close, volume, vwap, tick_count, revision, source_spread"
        + " FROM bars_" + interval.label() + " WHERE symbol = $1 AND open_time >= $2 AND open_time < $3"
        + " ORDER BY open_time DESC LIMIT $4) b ORDER BY open_time";
    return pool.preparedQuery(sql).execute(Tuple.of(symbol, utc(from), utc(to), limit)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        JsonObject bar = new JsonObject()
            .put("open_time", r.getOffsetDateTime("open_time").toInstant().toString())
            .put("open", plain(r.getBigDecimal("open")))
            .put("high", plain(r.getBigDecimal("high")))
            .put("low", plain(r.getBigDecimal("low")))
            .put("close", plain(r.getBigDecimal("close")))
            .put("volume", plain(r.getBigDecimal("volume")))
            .put("vwap", plain(r.getBigDecimal("vwap")))
            .put("tick_count", r.getLong("tick_count"))
            .put("revision", r.getInteger("revision"));
        BigDecimal spread = r.getBigDecimal("source_spread");
        if (spread != null) {
          bar.put("source_spread", plain(spread));
        }
        out.add(bar);
      }
      return out;
    });
  }

  Future<Optional<JsonObject>> features(String symbol) {
    return pool.preparedQuery("SELECT as_of, features FROM asset_features WHERE symbol = $1").execute(Tuple.of(symbol))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          Object f = r.getValue("features");
          JsonObject features = f instanceof JsonObject j ? j : new JsonObject(String.valueOf(f));
          return Optional.of(features.put("as_of", r.getOffsetDateTime("as_of").toInstant().toString()));
        });
  }

  /** Daily sentiment per source, newest first. */
  Future<JsonArray> sentiment(String symbol, Instant from) {
    return pool.preparedQuery("""
            SELECT time, source, sentiment_score, article_count FROM sentiment_scores
            WHERE symbol = $1 AND time >= $2 ORDER BY time DESC, source""")
        .execute(Tuple.of(symbol, utc(from)))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject()
                .put("day", r.getOffsetDateTime("time").toLocalDate().toString())
                .put("source", r.getString("source"))
                .put("score", plain(r.getBigDecimal("sentiment_score")))
                .put("articles", r.getInteger("article_count")));
          }
          return out;
        });
  }

  Future<JsonArray> macro(String series, Instant from, Instant to, int limit) {
    return pool.preparedQuery("""
            SELECT * FROM (SELECT time, value, source FROM macro_points
                           WHERE series = $1 AND time >= $2 AND time < $3 ORDER BY time DESC LIMIT $4) m
            ORDER BY time""")
        .execute(Tuple.of(series, utc(from), utc(to), limit))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject()
                .put("time", r.getOffsetDateTime("time").toInstant().toString())
                .put("value", plain(r.getBigDecimal("value")))
                .put("source", r.getString("source")));
          }
          return out;
        });
  }

  /** Dead letters, newest first, optionally filtered, keyset-paginated by id. */
  Future<JsonArray> deadLetters(Optional<String> reason, Optional<String> stage, Optional<Long> beforeId, int limit) {
    return pool.preparedQuery("""
            SELECT id, event_id, source, stage, reason_code, detail, payload, rejected_at FROM dead_letters
            WHERE ($1::text IS NULL OR reason_code = $1) AND ($2::text IS NULL OR stage = $2)
              AND ($3::bigint IS NULL OR id < $3)
            ORDER BY id DESC LIMIT $4""")
        .execute(Tuple.of(reason.orElse(null), stage.orElse(null), beforeId.orElse(null), limit))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            String payload = r.getString("payload");
            out.add(new JsonObject()
                .put("id", r.getLong("id"))
                .put("event_id", r.getString("event_id"))
                .put("source", r.getString("source"))
                .put("stage", r.getString("stage"))
                .put("reason_code", r.getString("reason_code"))
                .put("detail", r.getString("detail"))
                .put("payload", payload != null && payload.length() > 4096 ? payload.substring(0, 4096) + "…" : payload)
                .put("rejected_at", r.getOffsetDateTime("rejected_at").toInstant().toString()));
          }
          return out;
        });
  }

  /** Counts of dead letters per reason code. */
  Future<JsonObject> deadLetterCounts() {
    return pool.query("SELECT reason_code, count(*) AS n FROM dead_letters GROUP BY reason_code ORDER BY n DESC")
        .execute()
        .map(rows -> {
          JsonObject out = new JsonObject();
          rows.forEach(r -> out.put(r.getString("reason_code"), r.getLong("n")));
          return out;
        });
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static String plain(BigDecimal v) {
    return v == null ? null : v.stripTrailingZeros().toPlainString();
  }
}
