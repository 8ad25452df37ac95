package io.rwaprime.ingestion.source;

import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;

import java.util.Optional;
import java.util.Set;

/**
 * Where a provider's JSON keeps the fields of a price record: JSON pointers (RFC 6901, {@code ~0} for
 * {@code ~} and {@code ~1} for {@code /}).
 *
 * <p>Without {@code items} every pointer is resolved from the root of the provider's document and one record
 * is made of it. With {@code items}, the pointer must lead to an array and one record is made of each element,
 * the other pointers being resolved from the element, e.g.
 * <pre>{@code mapping: {items: /data, price: /last, volume: /vol, ts: /time}}</pre>
 * maps {@code {"data":[{"last":"2650.2","vol":3,"time":1764000000}]}}.
 *
 * <p>Configuration keys: {@code items}, {@code price} (required), {@code volume}, {@code ts}, {@code seq},
 * {@code symbol}, {@code currency}.
 *
 * @param items    the array of elements, if the provider sends several records in one document
 * @param price    the price
 * @param volume   the traded volume
 * @param ts       the event time: an ISO-8601 text, or epoch seconds / milliseconds as a JSON number;
 *                 without it the record's time is the time it was received
 * @param seq      the provider's per-symbol sequence number (gap detection, event id)
 * @param symbol   the provider's symbol of the record, translated through the source's symbol map; without
 *                 it (or when absent from a document) the symbol is the one the request or subscription was for
 * @param currency the quote currency; without it, the source's configured {@code currency}, if any
 */
public record FieldMapping(Optional<String> items, String price, Optional<String> volume, Optional<String> ts,
                           Optional<String> seq, Optional<String> symbol, Optional<String> currency) {

  private static final Set<String> KEYS = Set.of("items", "price", "volume", "ts", "seq", "symbol", "currency");

  /** Validates every pointer; messages start with the field name. */
  public FieldMapping {
    checkPointer("price", price);
    items = checkOptional("items", items);
    volume = checkOptional("volume", volume);
    ts = checkOptional("ts", ts);
    seq = checkOptional("seq", seq);
    symbol = checkOptional("symbol", symbol);
    currency = checkOptional("currency", currency);
  }

  /** A mapping of price only, from the root of the document. */
  public static FieldMapping price(String price) {
    return new FieldMapping(Optional.empty(), price, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  /**
   * Reads a {@code mapping} map.
   *
   * @param keyPath where the map sits, e.g. {@code ingestion.sources[2].mapping}
   * @throws IllegalArgumentException starting with the key path of the offending value
   */
  public static FieldMapping fromJson(JsonObject json, String keyPath) {
    SourceConfigs.Reader r = new SourceConfigs.Reader(json, keyPath, KEYS);
    String price = r.pointer("price").orElseThrow(() -> r.fail("price", "is required"));
    return SourceConfigs.build(keyPath, () -> new FieldMapping(r.pointer("items"), price, r.pointer("volume"),
        r.pointer("ts"), r.pointer("seq"), r.pointer("symbol"), r.pointer("currency")));
  }

  /** This mapping as its configuration map. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    items.ifPresent(p -> json.put("items", p));
    json.put("price", price);
    volume.ifPresent(p -> json.put("volume", p));
    ts.ifPresent(p -> json.put("ts", p));
    seq.ifPresent(p -> json.put("seq", p));
    symbol.ifPresent(p -> json.put("symbol", p));
    currency.ifPresent(p -> json.put("currency", p));
    return json;
  }

  private static Optional<String> checkOptional(String field, Optional<String> pointer) {
    if (pointer == null) {
      return Optional.empty();
    }
    pointer.ifPresent(p -> checkPointer(field, p));
    return pointer;
  }

  private static void checkPointer(String field, String pointer) {
    if (pointer == null) {
      throw new IllegalArgumentException(field + ": is required");
    }
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw new IllegalArgumentException(field + ": must be a JSON pointer (RFC 6901) such as /data/0/last, was '"
          + pointer + "'");
    }
    try {
      JsonPointer.from(pointer);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": is not a valid JSON pointer (" + e.getMessage() + ")", e);
    }
  }
}
