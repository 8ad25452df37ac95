package io.rwaprime.ingestion.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One simulated trade print.
 *
 * @param symbol    catalogue symbol
 * @param price     positive, rounded to the asset's tick size (its scale is the asset's price decimals, at most 8)
 * @param volume    positive traded units
 * @param eventTime simulated time of the trade
 * @param sequence  per-symbol sequence number, from 0, increasing by one
 */
public record SimulatedTick(String symbol, BigDecimal price, BigDecimal volume, Instant eventTime, long sequence) {

  public SimulatedTick {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(eventTime, "eventTime");
    if (price == null || price.signum() <= 0) {
      throw new IllegalArgumentException("price must be > 0 (was " + price + ")");
    }
    if (volume == null || volume.signum() <= 0) {
      throw new IllegalArgumentException("volume must be > 0 (was " + volume + ")");
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0 (was " + sequence + ")");
    }
  }
}
