package io.rwaprime.cleansing.bars;

import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;
import io.rwaprime.events.Tick;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Function;

/**
 * One (symbol, interval, open time) bucket of {@link BarAggregator}: a per-source accumulator for each
 * source that reported in it, and the rules that turn them into one {@link Bar}. Plain mutable state,
 * used by one thread.
 */
final class Bucket {

  /** Digits a VWAP carries beyond the finest price scale seen before trailing zeros are dropped. */
  static final int VWAP_EXTRA_DIGITS = 6;
  /** Decimal places of {@link Bar#sourceSpread()} before trailing zeros are dropped. */
  static final int SPREAD_SCALE = 10;
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final long NANOS = 1_000_000_000L;

  final long startSecond;
  /** Watermark clock (epoch nanos) at which the bucket is published. */
  final long closeAt;
  /** Watermark clock (epoch nanos) from which it takes no more ticks and is dropped. */
  final long finalAt;
  /** -1 until published, then the revision of the last publication. */
  int revision = -1;
  private Series[] series = new Series[1];
  private int count;

  Bucket(long startSecond, long lengthSeconds, long closeDelayNanos, long latenessNanos) {
    this.startSecond = startSecond;
    this.closeAt = (startSecond + lengthSeconds) * NANOS + closeDelayNanos;
    this.finalAt = closeAt + latenessNanos;
  }

  boolean published() {
    return revision >= 0;
  }

  void add(Tick tick, BarAggregator.Decoded d) {
    String source = tick.source();
    Series s = null;
    for (int i = 0; i < count; i++) {
      Series c = series[i];
      if (c.source == source || c.source.equals(source)) {
        s = c;
        break;
      }
    }
    if (s == null) {
      if (count == series.length) {
        series = Arrays.copyOf(series, count * 2);
      }
      s = new Series(source);
      series[count++] = s;
    }
    s.add(tick, d);
  }

  /**
   * The bar of this bucket. One source: its own OHLC, volume, VWAP and count, spread null. Several:
   * each of open, high, low, close and VWAP is the median of that field over the sources (the mean of
   * the two middle values for an even number), volume and tick count are sums, and the spread is
   * (max − min) / median of the sources' closes.
   */
  Bar toBar(String symbol, BarInterval interval, int revision) {
    Instant openTime = Instant.ofEpochSecond(startSecond);
    if (count == 1) {
      Series s = series[0];
      return new Bar(symbol, interval, openTime, s.open, s.high, s.low, s.close, s.volume.value(), s.vwap(), s.ticks,
          revision, null);
    }
    Series[] all = Arrays.copyOf(series, count);
    BigDecimal volume = BigDecimal.ZERO;
    long ticks = 0;
    for (Series s : all) {
      volume = volume.add(s.volume.value());
      ticks += s.ticks;
    }
    BigDecimal close = median(all, s -> s.close);
    BigDecimal[] closes = sorted(all, s -> s.close);
    BigDecimal spread = closes[closes.length - 1].subtract(closes[0]).divide(close, SPREAD_SCALE, RoundingMode.HALF_EVEN);
    return new Bar(symbol, interval, openTime, median(all, s -> s.open), median(all, s -> s.high),
        median(all, s -> s.low), close, volume, median(all, Series::vwap), ticks, revision, tidy(spread, 0));
  }

  private static BigDecimal[] sorted(Series[] all, Function<Series, BigDecimal> field) {
    BigDecimal[] v = new BigDecimal[all.length];
    for (int i = 0; i < all.length; i++) {
      v[i] = field.apply(all[i]);
    }
    Arrays.sort(v, Comparator.naturalOrder());
    return v;
  }

  private static BigDecimal median(Series[] all, Function<Series, BigDecimal> field) {
    BigDecimal[] v = sorted(all, field);
    int n = v.length;
    // halving a sum of two decimals always terminates, so the median stays exact
    return n % 2 == 1 ? v[n / 2] : v[n / 2 - 1].add(v[n / 2]).divide(TWO);
  }

  /** Drops trailing zeros, keeping at least {@code minScale} decimals (and never a negative scale). */
  static BigDecimal tidy(BigDecimal v, int minScale) {
    BigDecimal s = v.stripTrailingZeros();
    int floor = Math.max(0, minScale);
    return s.scale() < floor ? s.setScale(floor) : s;
  }

  /** One source's ticks in the bucket. */
  static final class Series {
    final String source;
    BigDecimal open;
    BigDecimal high;
    BigDecimal low;
    BigDecimal close;
    long ticks;
    private long openNanos;
    private long openSeq;
    private long closeNanos;
    private long closeSeq;
    private int priceScale;
    final ExactSum volume = new ExactSum();
    private final ExactSum notional = new ExactSum();
    private final ExactSum prices = new ExactSum();

    Series(String source) {
      this.source = source;
    }

    void add(Tick t, BarAggregator.Decoded d) {
      BigDecimal p = t.price();
      long seq = t.sequence();
      if (ticks++ == 0) {
        open = high = low = close = p;
        openNanos = closeNanos = d.nanos;
        openSeq = closeSeq = seq;
        priceScale = p.scale();
      } else {
        // open and close follow (event time, sequence), not arrival, so a reordered stream gives the same bar
        if (d.nanos < openNanos || (d.nanos == openNanos && seq < openSeq)) {
          open = p;
          openNanos = d.nanos;
          openSeq = seq;
        }
        if (d.nanos > closeNanos || (d.nanos == closeNanos && seq >= closeSeq)) {
          close = p;
          closeNanos = d.nanos;
          closeSeq = seq;
        }
        if (p.compareTo(high) > 0) {
          high = p;
        } else if (p.compareTo(low) < 0) {
          low = p;
        }
        priceScale = Math.max(priceScale, p.scale());
      }
      if (d.priceFits) {
        prices.add(d.priceUnscaled, d.priceScale);
      } else {
        prices.add(p);
      }
      if (d.volumeFits) {
        volume.add(d.volumeUnscaled, d.volumeScale);
      } else {
        volume.add(t.volume());
      }
      if (d.priceFits && d.volumeFits) {
        notional.addProduct(d.priceUnscaled, d.priceScale, d.volumeUnscaled, d.volumeScale);
      } else {
        notional.add(p.multiply(t.volume()));
      }
    }

    /**
     * Σ price × volume / Σ volume, or the mean price when every tick had zero volume (quotes), rounded
     * half-even to {@link #VWAP_EXTRA_DIGITS} digits past the finest price scale, trailing zeros dropped
     * down to that price scale (a one-tick bar's VWAP equals its price, scale included).
     */
    BigDecimal vwap() {
      int scale = Math.max(0, priceScale) + VWAP_EXTRA_DIGITS;
      BigDecimal v = volume.isZero()
          ? prices.value().divide(BigDecimal.valueOf(ticks), scale, RoundingMode.HALF_EVEN)
          : notional.value().divide(volume.value(), scale, RoundingMode.HALF_EVEN);
      return tidy(v, priceScale);
    }
  }
}
