package io.rwaprime.cleansing;

import io.rwaprime.events.RawRecord;
import io.rwaprime.events.Tick;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Validates a raw price record into a {@link Tick}, or names why it cannot be one. The payload is a JSON
 * object {@code {symbol, price, volume?, currency?, ts, seq?}} with decimals as strings or numbers and
 * {@code ts} as ISO-8601.
 */
public final class TickParser {

  /** Why a record was refused: a stable reason code and a detail for people. */
  public record Rejection(String reasonCode, String detail) {}

  /** Either a tick or a rejection. */
  public record Result(Tick tick, Rejection rejection) {
    public boolean ok() {
      return tick != null;
    }
  }

  private static final Set<String> FIELDS = Set.of("symbol", "price", "volume", "currency", "ts", "seq");
  /** Clock skew tolerated for event times ahead of the receive time. */
  static final Duration MAX_FUTURE = Duration.ofSeconds(5);
  /** Sources of historical data (the backfill command): exempt from {@link #MAX_AGE}. */
  static final String HISTORICAL_PREFIX = "backfill:";
  /** Oldest event time accepted on the live path (older data comes through backfill). */
  static final Duration MAX_AGE = Duration.ofDays(7);

  private final Predicate<String> knownSymbol;

  public TickParser(Predicate<String> knownSymbol) {
    this.knownSymbol = knownSymbol;
  }

  public Result parse(RawRecord raw) {
    JsonObject json;
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(raw.payload());
      if (!(parsed instanceof JsonObject obj)) {
        return reject("json.not-object", "the payload is not a JSON object");
      }
      json = obj;
    } catch (DecodeException e) {
      return reject("json.malformed", "the payload is not valid JSON");
    }
    if (json.getValue("csv_error") instanceof String csvError) {
      return reject("csv.malformed-row", "CSV row " + json.getValue("csv_line") + ": " + truncate(csvError));
    }
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        return reject("field.unknown", "unknown field '" + truncate(field) + "'");
      }
    }
    if (!(json.getValue("symbol") instanceof String symbol) || symbol.isBlank()) {
      return reject("field.missing", "symbol is missing or not text");
    }
    if (!knownSymbol.test(symbol)) {
      return reject("symbol.unknown", "unknown symbol '" + truncate(symbol) + "'");
    }
    BigDecimal price;
    try {
      price = decimal(json, "price");
    } catch (IllegalArgumentException e) {
      return reject(e.getMessage().startsWith("missing") ? "field.missing" : "price.not-a-number", "price: " + e.getMessage());
    }
    if (price.signum() <= 0) {
      return reject("price.non-positive", "price must be greater than zero, got " + price.toPlainString());
    }
    BigDecimal volume;
    try {
      volume = json.containsKey("volume") ? decimal(json, "volume") : BigDecimal.ZERO;
    } catch (IllegalArgumentException e) {
      return reject("volume.not-a-number", "volume: " + e.getMessage());
    }
    if (volume.signum() < 0) {
      return reject("volume.negative", "volume must not be negative, got " + volume.toPlainString());
    }
    Object currency = json.getValue("currency", "USD");
    if (!(currency instanceof String cur) || !cur.matches("[A-Z]{3}")) {
      return reject("currency.invalid", "currency must be an ISO 4217 code such as USD");
    }
    if (!(json.getValue("ts") instanceof String ts)) {
      return reject("field.missing", "ts is missing or not text");
    }
    Instant eventTime;
    try {
      // the precision PostgreSQL stores: a tick read back after a restart has the same key as the one received
      eventTime = Instant.parse(ts).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      return reject("time.malformed", "ts is not an ISO-8601 instant: '" + truncate(ts) + "'");
    }
    if (eventTime.isAfter(raw.receivedAt().plus(MAX_FUTURE))) {
      return reject("time.future", "event time " + eventTime + " is ahead of the receive time " + raw.receivedAt());
    }
    if (!raw.source().startsWith(HISTORICAL_PREFIX) && eventTime.isBefore(raw.receivedAt().minus(MAX_AGE))) {
      return reject("time.too-old", "event time " + eventTime + " is older than " + MAX_AGE.toDays() + " days");
    }
    long seq = 0;
    Object s = json.getValue("seq");
    if (s != null) {
      if (!(s instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
        return reject("seq.invalid", "seq must be a non-negative whole number");
      }
      seq = n.longValue();
    }
    try {
      return new Result(new Tick(raw.eventId(), symbol, raw.source(), price, volume, (String) currency, eventTime,
          raw.receivedAt(), seq), null);
    } catch (IllegalArgumentException e) {
      return reject("tick.invalid", e.getMessage());
    }
  }

  private static BigDecimal decimal(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      throw new IllegalArgumentException("missing");
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("not a finite number");
      }
      return v instanceof BigDecimal bd ? bd : new BigDecimal(v.toString());
    }
    if (v instanceof String str) {
      try {
        BigDecimal bd = new BigDecimal(str.trim());
        if (bd.precision() - bd.scale() > 30 || bd.scale() > 18) {
          throw new IllegalArgumentException("out of range: '" + truncate(str) + "'");
        }
        return bd;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a decimal number: '" + truncate(str) + "'");
      }
    }
    throw new IllegalArgumentException("not a number");
  }

  private static Result reject(String code, String detail) {
    return new Result(null, new Rejection(code, detail));
  }

  private static String truncate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
