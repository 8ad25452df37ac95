package io.rwaprime.forecasting;

import io.rwaprime.events.BarInterval;

import java.time.Instant;

/**
 * The closes of one asset at one bar interval, oldest first.
 *
 * @param symbol   the asset
 * @param interval the bars the closes come from
 * @param first    open time of the first bar
 * @param last     open time of the last bar: the forecast's base time
 * @param closes   the closes
 */
record Series(String symbol, BarInterval interval, Instant first, Instant last, double[] closes) {

  int size() {
    return closes.length;
  }
}
