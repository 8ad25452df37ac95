package io.rwaprime.events;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * One cleaned price observation of one instrument: the unit of the live stream.
 *
 * <p>Travels on {@link Addresses#TICKS} and {@link Addresses#ticks(String)} (cleansing → alerts,
 * fanout, storage, Kafka {@link Topics#TICKS_CLEAN}). JSON Schema: {@code schemas/tick.schema.json}.
 * Decimals compare with {@link BigDecimal#equals}, so {@code 1.0} and {@code 1.00} are different
 * ticks; the codecs and the JSON form keep the scale.
 *
 * @param eventId    id of the raw record it was cleaned from; non-blank
 * @param symbol     instrument symbol, {@code [A-Z0-9][A-Z0-9._-]{0,31}}
 * @param source     source label, non-blank
 * @param price      trade or quote price in {@code currency}; &gt; 0
 * @param volume     traded quantity; &gt;= 0
 * @param currency   three upper-case letters, e.g. {@code USD}
 * @param eventTime  when it happened at the source
 * @param receivedAt when ingestion received it
 * @param sequence   per-source sequence number; &gt;= 0
 */
public record Tick(String eventId, String symbol, String source, BigDecimal price, BigDecimal volume, String currency,
                   Instant eventTime, Instant receivedAt, long sequence) {

  private static final Set<String> FIELDS = Set.of("event_id", "symbol", "source", "price", "volume", "currency",
      "event_time", "received_at", "sequence");

  /** Validates every component; see the parameter descriptions. */
  public Tick {
    Checks.nonBlank(eventId, "eventId");
    Checks.symbol(symbol, "symbol");
    Checks.nonBlank(source, "source");
    Checks.positive(price, "price");
    Checks.nonNegative(volume, "volume");
    Checks.currency(currency, "currency");
    Checks.nonNull(eventTime, "eventTime");
    Checks.nonNull(receivedAt, "receivedAt");
    Checks.nonNegative(sequence, "sequence");
  }

  /** The JSON form described by {@code tick.schema.json}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("event_id", eventId)
        .put("symbol", symbol)
        .put("source", source);
    JsonFields.putDecimal(json, "price", price);
    JsonFields.putDecimal(json, "volume", volume);
    json.put("currency", currency);
    JsonFields.putInstant(json, "event_time", eventTime);
    JsonFields.putInstant(json, "received_at", receivedAt);
    return json.put("sequence", sequence);
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static Tick fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "Tick", FIELDS);
    return new Tick(in.string("event_id"), in.string("symbol"), in.string("source"), in.decimal("price"),
        in.decimal("volume"), in.string("currency"), in.instant("event_time"), in.instant("received_at"),
        in.longValue("sequence"));
  }
}
