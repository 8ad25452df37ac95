package io.rwaprime.events;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * An OHLCV bar of one instrument over one UTC-aligned interval. A bar may be re-published with a
 * higher {@code revision} when late ticks arrive after it closed; consumers keep the highest.
 *
 * <p>Travels on {@link Addresses#bars(BarInterval)} (cleansing → forecasting, risk, storage, fanout,
 * Kafka {@link Topics#bars(BarInterval)}). JSON Schema: {@code schemas/bar.schema.json}.
 *
 * @param symbol       instrument symbol, {@code [A-Z0-9][A-Z0-9._-]{0,31}}
 * @param interval     bar length
 * @param openTime     bucket start; must equal {@code interval.floor(openTime)}
 * @param open         first price
 * @param high         highest price; &gt;= open, close and low
 * @param low          lowest price; &gt; 0 and &lt;= open and close
 * @param close        last price
 * @param volume       summed volume; &gt;= 0
 * @param vwap         volume-weighted average price; &gt; 0
 * @param tickCount    ticks aggregated; &gt;= 1
 * @param revision     0 for the first publication, incremented on each correction
 * @param sourceSpread relative spread between sources' prices in the bucket, or null when only one
 *                     source reported; &gt;= 0 when present
 */
public record Bar(String symbol, BarInterval interval, Instant openTime, BigDecimal open, BigDecimal high,
                  BigDecimal low, BigDecimal close, BigDecimal volume, BigDecimal vwap, long tickCount, int revision,
                  BigDecimal sourceSpread) {

  private static final Set<String> FIELDS = Set.of("symbol", "interval", "open_time", "open", "high", "low", "close",
      "volume", "vwap", "tick_count", "revision", "source_spread");

  /** Validates every component; see the parameter descriptions. */
  public Bar {
    Checks.symbol(symbol, "symbol");
    Checks.nonNull(interval, "interval");
    Checks.nonNull(openTime, "openTime");
    if (!interval.floor(openTime).equals(openTime)) {
      throw new IllegalArgumentException("openTime must be aligned to the " + interval.label() + " interval (e.g. "
          + interval.floor(openTime) + "), was " + openTime);
    }
    Checks.nonNull(open, "open");
    Checks.nonNull(high, "high");
    Checks.positive(low, "low");
    Checks.nonNull(close, "close");
    if (low.compareTo(open) > 0 || low.compareTo(close) > 0) {
      throw new IllegalArgumentException("low must be <= open and close, was low " + Checks.show(low) + ", open " + Checks.show(open)
          + ", close " + Checks.show(close));
    }
    if (high.compareTo(open) < 0 || high.compareTo(close) < 0 || high.compareTo(low) < 0) {
      throw new IllegalArgumentException("high must be >= open, close and low, was high " + Checks.show(high) + ", open "
          + Checks.show(open) + ", close " + Checks.show(close) + ", low " + Checks.show(low));
    }
    Checks.nonNegative(volume, "volume");
    Checks.positive(vwap, "vwap");
    if (tickCount < 1) {
      throw new IllegalArgumentException("tickCount must be >= 1, was " + tickCount);
    }
    Checks.atLeast(revision, 0, "revision");
    Checks.nonNegativeOrNull(sourceSpread, "sourceSpread");
  }

  /** The JSON form described by {@code bar.schema.json}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("symbol", symbol)
        .put("interval", interval.label());
    JsonFields.putInstant(json, "open_time", openTime);
    JsonFields.putDecimal(json, "open", open);
    JsonFields.putDecimal(json, "high", high);
    JsonFields.putDecimal(json, "low", low);
    JsonFields.putDecimal(json, "close", close);
    JsonFields.putDecimal(json, "volume", volume);
    JsonFields.putDecimal(json, "vwap", vwap);
    json.put("tick_count", tickCount).put("revision", revision);
    JsonFields.putDecimal(json, "source_spread", sourceSpread);
    return json;
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static Bar fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "Bar", FIELDS);
    return new Bar(in.string("symbol"), BarInterval.fromLabel(in.string("interval")), in.instant("open_time"),
        in.decimal("open"), in.decimal("high"), in.decimal("low"), in.decimal("close"), in.decimal("volume"),
        in.decimal("vwap"), in.longValue("tick_count"), in.intValue("revision"), in.optDecimal("source_spread"));
  }
}
