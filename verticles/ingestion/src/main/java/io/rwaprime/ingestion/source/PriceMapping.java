package io.rwaprime.ingestion.source;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Applies a {@link FieldMapping} to a parsed provider document and builds the PRICE payload that cleansing reads:
 * <pre>{"symbol":"PAXG","price":"2650.25","volume":"3.5","currency":"USD","ts":"2026-11-23T11:59:59.500Z","seq":7}</pre>
 *
 * <p>Values are extracted, not validated: whatever the provider put at a pointer is passed on (a price of
 * {@code "NaN"} stays {@code "NaN"}) and cleansing dead-letters what is wrong. Three conversions only:
 * <ul>
 *   <li>a price or volume that is a JSON number becomes its exact decimal text ({@code 2650.10} →
 *       {@code "2650.10"}), so no consumer's JSON parser can round it through a {@code double};</li>
 *   <li>a {@code ts} that is a JSON number is epoch time, turned into ISO-8601: milliseconds when it is at least
 *       10<sup>12</sup> (i.e. after 2001-09-09 as milliseconds, after year 33658 as seconds), seconds otherwise,
 *       fractions kept. A {@code ts} text is passed through unchanged (a string of digits too: it could be a
 *       compact date); a number too large for an instant is passed through as its text;</li>
 *   <li>without a {@code ts} pointer the time is the receive time.</li>
 * </ul>
 * Absent values (pointer unresolved, or JSON {@code null}) are left out of the payload.
 */
final class PriceMapping {

  /** Epoch values at or above this are milliseconds. */
  static final BigDecimal MILLIS_THRESHOLD = BigDecimal.valueOf(1_000_000_000_000L);
  private static final BigDecimal EPOCH_LIMIT = new BigDecimal("1e17");
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** One mapped element. */
  record Mapped(String symbol, JsonObject payload, OptionalLong seq, String idPart) {
  }

  private final JsonPointer items;
  private final JsonPointer price;
  private final JsonPointer volume;
  private final JsonPointer ts;
  private final JsonPointer seq;
  private final JsonPointer symbol;
  private final JsonPointer currencyPointer;
  private final String currency;
  private final Map<String, String> symbols;

  /**
   * @param currency the constant currency when the mapping has no currency pointer or the document no value
   * @param symbols  provider symbol → mesh symbol; a provider symbol not in it is passed through
   */
  PriceMapping(FieldMapping m, Optional<String> currency, Map<String, String> symbols) {
    this.items = compile(m.items());
    this.price = JsonPointer.from(m.price());
    this.volume = compile(m.volume());
    this.ts = compile(m.ts());
    this.seq = compile(m.seq());
    this.symbol = compile(m.symbol());
    this.currencyPointer = compile(m.currency());
    this.currency = currency.orElse(null);
    this.symbols = symbols;
  }

  private static JsonPointer compile(Optional<String> pointer) {
    return pointer.map(JsonPointer::from).orElse(null);
  }

  /** The elements to map: those of the {@code items} array, or the document itself; null when no such array. */
  List<Object> elements(Object document) {
    if (items == null) {
      return List.of(document);
    }
    Object arr = query(items, document);
    if (!(arr instanceof JsonArray a)) {
      return null;
    }
    List<Object> out = new ArrayList<>(a.size());
    a.forEach(out::add);
    return out;
  }

  /** Whether the element has a (non-null) value at the price pointer: how a stream tells ticks from other messages. */
  boolean hasPrice(Object element) {
    return query(price, element) != null;
  }

  /**
   * The mesh symbol of the element: its provider symbol (at the symbol pointer) through the symbol map, else
   * {@code fallback}; null when neither.
   */
  String symbolOf(Object element, String fallback) {
    Object provider = symbol == null ? null : query(symbol, element);
    if (provider == null || provider instanceof JsonObject || provider instanceof JsonArray) {
      return fallback;
    }
    String p = String.valueOf(provider);
    return symbols.getOrDefault(p, p);
  }

  /** The payload of one element for {@code meshSymbol}. */
  Mapped map(Object element, String meshSymbol, Instant receivedAt) {
    JsonObject payload = new JsonObject().put("symbol", meshSymbol);
    putIfPresent(payload, "price", decimal(query(price, element)));
    if (volume != null) {
      putIfPresent(payload, "volume", decimal(query(volume, element)));
    }
    Object cur = currencyPointer == null ? null : query(currencyPointer, element);
    putIfPresent(payload, "currency", cur != null ? cur : currency);
    if (ts == null) {
      payload.put("ts", receivedAt.toString());
    } else {
      Object t = query(ts, element);
      putIfPresent(payload, "ts", t instanceof Number n ? epochToIso(n) : t);
    }
    OptionalLong seqNumber = OptionalLong.empty();
    String idPart = null;
    if (seq != null) {
      Object s = query(seq, element);
      putIfPresent(payload, "seq", s);
      seqNumber = sequence(s);
      if (seqNumber.isPresent()) {
        idPart = Long.toString(seqNumber.getAsLong());
      } else if (s instanceof String str && SAFE_ID.matcher(str).matches()) {
        idPart = str;
      }
    }
    if (idPart == null) {
      idPart = "h" + EventIds.hash(meshSymbol, String.valueOf(payload.getValue("ts")),
          String.valueOf(payload.getValue("price")));
    }
    return new Mapped(meshSymbol, payload, seqNumber, idPart);
  }

  private static Object query(JsonPointer pointer, Object document) {
    if (pointer.isRootPointer()) {
      return document;
    }
    if (!(document instanceof JsonObject) && !(document instanceof JsonArray)) {
      return null;
    }
    try {
      return pointer.queryJson(document);
    } catch (RuntimeException e) {
      return null; // e.g. an array index that is not a number: the value is simply not there
    }
  }

  private static void putIfPresent(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  /** Numbers as their exact decimal text; anything else unchanged. */
  static Object decimal(Object v) {
    if (v instanceof BigDecimal || v instanceof BigInteger || v instanceof Long || v instanceof Integer
        || v instanceof Short || v instanceof Byte) {
      return v.toString();
    }
    if (v instanceof Double || v instanceof Float) {
      return BigDecimal.valueOf(((Number) v).doubleValue()).toString();
    }
    return v;
  }

  /** Epoch seconds or milliseconds (see the class description) as ISO-8601; the number's text when out of range. */
  static String epochToIso(Number n) {
    BigDecimal v;
    try {
      v = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
    } catch (NumberFormatException e) {
      return n.toString(); // NaN or infinity of a double
    }
    if (v.abs().compareTo(EPOCH_LIMIT) >= 0) {
      return v.toString();
    }
    try {
      BigDecimal seconds = v.compareTo(MILLIS_THRESHOLD) >= 0 ? v.movePointLeft(3) : v;
      BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
      long s = whole.longValueExact();
      int nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.DOWN).intValueExact();
      return Instant.ofEpochSecond(s, nanos).toString();
    } catch (ArithmeticException | DateTimeException e) {
      return v.toString();
    }
  }

  /** A sequence number: a whole JSON number or a text of digits in the range of a long. */
  static OptionalLong sequence(Object v) {
    try {
      if (v instanceof Integer || v instanceof Long || v instanceof Short) {
        return OptionalLong.of(((Number) v).longValue());
      }
      if (v instanceof BigInteger b) {
        return OptionalLong.of(b.longValueExact());
      }
      if (v instanceof BigDecimal d) {
        return OptionalLong.of(d.longValueExact());
      }
      if (v instanceof String s && !s.isEmpty() && s.length() <= 19 && s.chars().allMatch(Character::isDigit)) {
        return OptionalLong.of(Long.parseLong(s));
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
