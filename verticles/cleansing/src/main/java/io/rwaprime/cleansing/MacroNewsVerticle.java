package io.rwaprime.cleansing;

import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.bus.Inbound;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.MacroPoint;
import io.rwaprime.events.NewsItem;
import io.rwaprime.events.RawRecord;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Silver and gold for macro series and news: validates raw macro observations into {@link MacroPoint}s
 * (stored in {@code macro_points}, published on {@link Addresses#MACRO}) and scored articles into
 * {@link NewsItem}s (stored in {@code news_items}, published on {@link Addresses#NEWS}), and keeps the
 * daily per-asset sentiment in {@code sentiment_scores} derived from the stored articles, so a replayed
 * article is counted once. Bad records go to dead-letter with their reason.
 */
final class MacroNewsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MacroNewsVerticle.class);
  static final String STAGE = "cleansing";

  private static final String UPSERT_MACRO = """
      INSERT INTO macro_points (series, time, value, source) VALUES ($1, $2, $3, $4)
      ON CONFLICT (series, time) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source""";
  private static final String INSERT_NEWS = """
      INSERT INTO news_items (id, source, title, url, published_at, symbols, sentiment) VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (id) DO NOTHING""";
  /** Recomputes one (symbol, day) from the stored articles. */
  private static final String UPSERT_DAILY = """
      INSERT INTO sentiment_scores (symbol, time, sentiment_score, article_count, source)
      SELECT $1, date_trunc('day', $2::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
             round(avg(sentiment), 3), count(*), 'news'
      FROM news_items
      WHERE $1 = ANY(symbols)
        AND published_at >= date_trunc('day', $2::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
        AND published_at < (date_trunc('day', $2::timestamptz AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC'
      HAVING count(*) > 0
      ON CONFLICT (symbol, time, source) DO UPDATE
        SET sentiment_score = EXCLUDED.sentiment_score, article_count = EXCLUDED.article_count""";

  private final Pool pool;
  private final DeadLetters deadLetters;
  private MessageConsumer<RawRecord> macro;
  private MessageConsumer<RawRecord> news;
  /** Writes run one after the other: the later observation wins, and a daily recompute sees every earlier article. */
  private Future<Void> writes = Future.succeededFuture();

  MacroNewsVerticle(Pool pool, DeadLetters deadLetters) {
    this.pool = pool;
    this.deadLetters = deadLetters;
  }

  @Override
  public Future<?> start() {
    macro = vertx.eventBus().consumer(Addresses.RAW_MACRO, this::onMacro);
    news = vertx.eventBus().consumer(Addresses.RAW_NEWS, this::onNews);
    return Future.join(macro.completion(), news.completion());
  }

  private void onMacro(Message<RawRecord> msg) {
    RawRecord raw = Inbound.body(msg, STAGE, deadLetters).orElse(null);
    if (raw == null) {
      return;
    }
    MacroPoint point;
    try {
      JsonObject json = object(raw);
      String series = requireText(json, "series");
      Instant time = instant(requireText(json, "time"));
      Object v = json.getValue("value");
      if (v == null) {
        throw new Rejected("field.missing", "value is missing");
      }
      BigDecimal value;
      try {
        value = new BigDecimal(v.toString().trim());
      } catch (NumberFormatException e) {
        throw new Rejected("value.not-a-number", "value is not a decimal number");
      }
      point = new MacroPoint(series, time, value, json.getString("source", raw.source()));
    } catch (Rejected r) {
      deadLetters.reject(raw.eventId(), raw.source(), STAGE, r.code, r.getMessage(), raw.payload());
      return;
    } catch (IllegalArgumentException e) {
      deadLetters.reject(raw.eventId(), raw.source(), STAGE, "macro.invalid", e.getMessage(), raw.payload());
      return;
    }
    vertx.eventBus().publish(Addresses.MACRO, point);
    write(() -> pool.preparedQuery(UPSERT_MACRO).execute(Tuple.of(point.series(), utc(point.time()), point.value(),
        point.source())).mapEmpty(), "macro point");
  }

  private void onNews(Message<RawRecord> msg) {
    RawRecord raw = Inbound.body(msg, STAGE, deadLetters).orElse(null);
    if (raw == null) {
      return;
    }
    NewsItem item;
    try {
      JsonObject json = object(raw);
      JsonArray symbols = json.getJsonArray("symbols", new JsonArray());
      List<String> syms = new ArrayList<>();
      for (Object s : symbols) {
        if (s instanceof String str) {
          syms.add(str);
        }
      }
      Object sentiment = json.getValue("sentiment");
      if (!(sentiment instanceof Number n)) {
        throw new Rejected("field.missing", "sentiment is missing or not a number");
      }
      item = new NewsItem(requireText(json, "id"), json.getString("source", raw.source()), requireText(json, "title"),
          requireText(json, "url"), instant(requireText(json, "published_at")), syms, n.doubleValue());
    } catch (Rejected r) {
      deadLetters.reject(raw.eventId(), raw.source(), STAGE, r.code, r.getMessage(), raw.payload());
      return;
    } catch (IllegalArgumentException | ClassCastException e) {
      deadLetters.reject(raw.eventId(), raw.source(), STAGE, "news.invalid", String.valueOf(e.getMessage()), raw.payload());
      return;
    }
    vertx.eventBus().publish(Addresses.NEWS, item);
    NewsItem stored = item;
    write(() -> pool.preparedQuery(INSERT_NEWS).execute(Tuple.of(item.id(), item.source(), item.title(),
            item.url(), utc(item.publishedAt()), item.symbols().toArray(new String[0]),
            BigDecimal.valueOf(item.sentiment()).setScale(4, java.math.RoundingMode.HALF_EVEN)))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.succeededFuture();
          }
          List<Future<?>> daily = new ArrayList<>();
          for (String symbol : stored.symbols()) {
            daily.add(pool.preparedQuery(UPSERT_DAILY).execute(Tuple.of(symbol, utc(stored.publishedAt()))));
          }
          return Future.all(daily).mapEmpty();
        }), "news item");
  }

  private void write(java.util.function.Supplier<Future<Void>> op, String what) {
    writes = writes.transform(ar -> op.get()
        .onFailure(err -> LOG.warn("{} not stored [reason: {}]", what, err.getMessage()))
        .otherwiseEmpty());
  }

  @Override
  public Future<?> stop() {
    return Future.join(macro.unregister(), news.unregister()).transform(ar -> writes);
  }

  private static JsonObject object(RawRecord raw) {
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(raw.payload());
      if (parsed instanceof JsonObject obj) {
        return obj;
      }
      throw new Rejected("json.not-object", "the payload is not a JSON object");
    } catch (DecodeException e) {
      throw new Rejected("json.malformed", "the payload is not valid JSON");
    }
  }

  private static String requireText(JsonObject json, String field) {
    if (!(json.getValue(field) instanceof String s) || s.isBlank()) {
      throw new Rejected("field.missing", field + " is missing or not text");
    }
    return s;
  }

  private static Instant instant(String s) {
    try {
      if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return Instant.parse(s + "T00:00:00Z");
      }
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new Rejected("time.malformed", "not an ISO-8601 time: '" + (s.length() > 40 ? s.substring(0, 40) : s) + "'");
    }
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  /** A rejection with its reason code. */
  private static final class Rejected extends RuntimeException {
    final String code;

    Rejected(String code, String detail) {
      super(detail, null, false, false);
      this.code = code;
    }
  }
}
