package io.rwaprime.cleansing.bars;

import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;
import io.rwaprime.events.Tick;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Event-time OHLCV bars of every symbol for several intervals at once (by default 1m, 5m, 1h and 1d),
 * from a stream of accepted ticks, with VWAP, tick count, late corrections and multi-source
 * reconciliation. Plain Java, one thread (a verticle's event loop), no I/O.
 *
 * <h2>Time</h2>
 * Each symbol has a <em>clock</em>: the greatest event time of its accepted ticks, raised to the wall
 * clock by {@link #onTime}. Its <em>watermark</em> is {@code clock − closeDelay}. A bucket
 * {@code [start, end)} (UTC-aligned, {@link BarInterval#floor}) is
 * <ul>
 *   <li><b>open</b> while {@code watermark < end}: ticks accumulate, nothing is published;</li>
 *   <li><b>published</b> (revision 0) when {@code watermark >= end}, by the tick or the {@link #onTime}
 *       call that moved the watermark there;</li>
 *   <li><b>corrected</b> while {@code watermark < end + allowedLateness}: each tick landing in it
 *       re-publishes the whole bar with {@code revision + 1};</li>
 *   <li><b>final</b> once {@code watermark >= end + allowedLateness}: its state is dropped, so a symbol
 *       holds at most {@code ⌈(closeDelay + allowedLateness) / interval⌉ + 1} buckets per interval.</li>
 * </ul>
 * A tick whose finest-interval bucket is final is refused whole with {@link #TOO_LATE}, not added to the
 * coarser bars that are still open: every interval's bars are built from the same accepted ticks, so a
 * 1h bar always agrees with its 1m bars. An accepted tick that lands in a bucket which closed while it
 * was empty publishes that bucket late at revision 0. Empty buckets publish nothing (no forward fill).
 *
 * <p>{@code onTime(now)} is the live-mode trigger that makes a quiet symbol's bar close:
 * {@code closeDelay} after the bucket end by the wall clock. It treats {@code now} as a lower bound on
 * every feed's event time, so {@code closeDelay} must cover the feeds' delivery delay and clock skew
 * (otherwise ticks arrive after their bar closed and come out as corrections). A replay or backfill
 * does not call it (or passes its own replay clock), so its bars depend on event times only.
 *
 * <h2>Bar values</h2>
 * Per source: open and close are the prices of the first and last tick by (event time, sequence),
 * whatever the arrival order; high and low the extreme prices; volume the exact sum; VWAP
 * {@code Σ price × volume / Σ volume} (the mean price when all volumes are zero), rounded half-even
 * to six digits past the finest price scale, trailing zeros dropped. Sums are exact (128-bit unscaled
 * integers, {@link BigDecimal} past that); prices keep the tick's own decimals. When several sources
 * reported in a bucket, each source's series is first reduced to its own bar as above; then open, high,
 * low, close and VWAP are each the median of that field over the sources (the mean of the two middle
 * values for an even count, which halves exactly), volume and tick count are sums, and
 * {@link Bar#sourceSpread()} = (max − min) / median of the sources' closes, rounded half-even to 10
 * places (null for one source). Medians taken field by field keep the bar valid: every source has
 * low ≤ open, close ≤ high, so the medians do too. The final revision of a bar depends only on the set
 * of ticks accepted into it, not on their order.
 *
 * <p>Bar revisions restart at 0 in a new instance (after a restart): a store should upsert on
 * (symbol, interval, open time) and let the newest write win. The caller rejects duplicates, outliers
 * and future timestamps before this class ({@link Deduplicator}, {@link HampelFilter}).
 */
public final class BarAggregator {

  /** Reason code of a tick older than its bucket's allowed lateness. */
  public static final String TOO_LATE = "time.too-late";
  /** Reason code of a tick whose event time is outside 1780–2160 (the nanosecond clock's safe range). */
  public static final String OUT_OF_RANGE = "time.out-of-range";
  /** Default wait after a bucket's end before it is published. */
  public static final Duration DEFAULT_CLOSE_DELAY = Duration.ofSeconds(2);
  /** Default time after publication during which late ticks still correct a bar. */
  public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofSeconds(60);
  /** Longest accepted close delay or allowed lateness. */
  public static final Duration MAX_DELAY = Duration.ofDays(7);

  private static final long NANOS = 1_000_000_000L;
  private static final long MAX_EPOCH_SECOND = 6_000_000_000L;
  private static final Update NOTHING = new Update(List.of(), null);

  /** Why a tick was refused, for the caller's dead letter. */
  public record Rejection(String reasonCode, String detail) {}

  /**
   * What one tick did: the bars it published (late first publications and corrections of the buckets
   * it landed in, or the bars its watermark advance closed), or why it was refused.
   *
   * @param bars      bars to publish, by interval (finest first) and then open time; never null
   * @param rejection null when the tick was accepted
   */
  public record Update(List<Bar> bars, Rejection rejection) {
    /** Whether the tick was added to the bars. */
    public boolean accepted() {
      return rejection == null;
    }
  }

  private final BarInterval[] intervals;
  private final long[] seconds;
  private final long closeDelay;
  private final long lateness;
  private final Map<String, SymbolState> symbols = new LinkedHashMap<>();
  private final Decoded decoded = new Decoded();

  /** All four intervals, with the given delays. */
  public BarAggregator(Duration closeDelay, Duration allowedLateness) {
    this(closeDelay, allowedLateness, EnumSet.allOf(BarInterval.class));
  }

  /**
   * @param closeDelay      wait after a bucket's end (in watermark time) before publishing it; 0 to 7 days
   * @param allowedLateness time after publication during which late ticks correct it; 0 to 7 days
   * @param intervals       the intervals to build; at least one
   */
  public BarAggregator(Duration closeDelay, Duration allowedLateness, Set<BarInterval> intervals) {
    this.closeDelay = checkDelay(closeDelay, "closeDelay");
    this.lateness = checkDelay(allowedLateness, "allowedLateness");
    if (intervals == null || intervals.isEmpty()) {
      throw new IllegalArgumentException("intervals must name at least one interval");
    }
    this.intervals = intervals.stream().sorted(Comparator.comparing(BarInterval::duration)).toArray(BarInterval[]::new);
    this.seconds = Arrays.stream(this.intervals).mapToLong(i -> i.duration().toSeconds()).toArray();
  }

  private static long checkDelay(Duration d, String name) {
    if (d == null || d.isNegative() || d.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(name + " must be between 0 and " + MAX_DELAY + ", was " + d);
    }
    return d.toNanos();
  }

  /**
   * Adds one accepted tick.
   *
   * @return the bars to publish now, or the rejection ({@link #TOO_LATE}, {@link #OUT_OF_RANGE})
   */
  public Update onTick(Tick tick) {
    Instant et = tick.eventTime();
    long sec = et.getEpochSecond();
    if (sec > MAX_EPOCH_SECOND || sec < -MAX_EPOCH_SECOND) {
      return new Update(List.of(), new Rejection(OUT_OF_RANGE, "event time " + et + " is outside 1780-2160"));
    }
    long nanos = sec * NANOS + et.getNano();
    SymbolState s = symbols.get(tick.symbol());
    if (s == null) {
      s = new SymbolState(tick.symbol(), intervals.length);
      symbols.put(tick.symbol(), s);
    }
    long fineLength = seconds[0];
    long fineStart = Math.floorDiv(sec, fineLength) * fineLength;
    long fineFinal = (fineStart + fineLength) * NANOS + closeDelay + lateness;
    if (s.clock >= fineFinal) {
      return new Update(List.of(), new Rejection(TOO_LATE, "event time " + et + " is in the " + intervals[0].label()
          + " bar of " + Instant.ofEpochSecond(fineStart) + ", final since the watermark passed "
          + Instant.ofEpochSecond(0, fineFinal - closeDelay) + "; watermark is "
          + Instant.ofEpochSecond(0, s.clock - closeDelay)));
    }
    decode(tick, nanos);
    List<Bar> out = null;
    for (int i = 0; i < intervals.length; i++) {
      long length = seconds[i];
      long start = i == 0 ? fineStart : Math.floorDiv(sec, length) * length;
      Bucket b = s.bucket(i, start, length, this);
      b.add(tick, decoded);
      if (s.clock >= b.closeAt) {
        // the bucket closed before this tick came: a correction, or a late first publication
        out = append(out, publish(s, i, b));
      }
    }
    if (nanos > s.clock) {
      s.clock = nanos;
      if (nanos >= s.nextDeadline) {
        out = advance(s, out);
      }
    }
    return out == null ? NOTHING : new Update(out, null);
  }

  /**
   * Moves every symbol's clock up to the wall clock {@code now} and publishes the buckets that closes
   * (and drops those that become final). Call it periodically in live mode, e.g. every 250 ms.
   *
   * @return bars closed by the wall clock, by symbol (first seen first), interval, open time
   */
  public List<Bar> onTime(Instant now) {
    long sec = Math.max(-MAX_EPOCH_SECOND, Math.min(MAX_EPOCH_SECOND, now.getEpochSecond()));
    long nanos = sec * NANOS + now.getNano();
    List<Bar> out = null;
    for (SymbolState s : symbols.values()) {
      if (nanos > s.clock) {
        s.clock = nanos;
        if (nanos >= s.nextDeadline) {
          out = advance(s, out);
        }
      }
    }
    return out == null ? List.of() : out;
  }

  /** The symbol's watermark ({@code clock − closeDelay}), empty before its first tick. */
  public Optional<Instant> watermark(String symbol) {
    SymbolState s = symbols.get(symbol);
    return s == null || s.clock == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(0, s.clock - closeDelay));
  }

  /** Buckets held in memory over all symbols and intervals (open or still correctable). */
  public int bucketCount() {
    int n = 0;
    for (SymbolState s : symbols.values()) {
      for (int size : s.sizes) {
        n += size;
      }
    }
    return n;
  }

  private Bar publish(SymbolState s, int interval, Bucket b) {
    if (!b.published()) {
      s.nextDeadline = Math.min(s.nextDeadline, b.finalAt);
    }
    b.revision++;
    return b.toBar(s.symbol, intervals[interval], b.revision);
  }

  /** Publishes the buckets the clock closed, drops the final ones, and recomputes the next deadline. */
  private List<Bar> advance(SymbolState s, List<Bar> out) {
    long next = Long.MAX_VALUE;
    for (int i = 0; i < intervals.length; i++) {
      Bucket[] list = s.buckets[i];
      int kept = 0;
      for (int j = 0; j < s.sizes[i]; j++) {
        Bucket b = list[j];
        if (!b.published() && s.clock >= b.closeAt) {
          out = append(out, publish(s, i, b));
        }
        if (b.published() && s.clock >= b.finalAt) {
          continue;
        }
        next = Math.min(next, b.published() ? b.finalAt : b.closeAt);
        list[kept++] = b;
      }
      Arrays.fill(list, kept, s.sizes[i], null);
      s.sizes[i] = kept;
    }
    s.nextDeadline = next;
    return out;
  }

  private static List<Bar> append(List<Bar> out, Bar bar) {
    if (out == null) {
      out = new ArrayList<>(4);
    }
    out.add(bar);
    return out;
  }

  private void decode(Tick tick, long nanos) {
    Decoded d = decoded;
    d.nanos = nanos;
    BigDecimal p = tick.price();
    d.priceScale = p.scale();
    d.priceFits = p.precision() <= 18;
    if (d.priceFits) {
      // scaleByPowerOfTen keeps the compact long: no BigInteger as unscaledValue() would allocate
      d.priceUnscaled = p.scaleByPowerOfTen(d.priceScale).longValueExact();
    }
    BigDecimal v = tick.volume();
    d.volumeScale = v.scale();
    d.volumeFits = v.precision() <= 18;
    if (d.volumeFits) {
      d.volumeUnscaled = v.scaleByPowerOfTen(d.volumeScale).longValueExact();
    }
  }

  /** The tick being added, in the integer form the accumulators use; reused, one thread. */
  static final class Decoded {
    long nanos;
    long priceUnscaled;
    int priceScale;
    boolean priceFits;
    long volumeUnscaled;
    int volumeScale;
    boolean volumeFits;
  }

  /** One symbol's clock and buckets (per interval, sorted by start). */
  private static final class SymbolState {
    final String symbol;
    long clock = Long.MIN_VALUE;
    /** Earliest closeAt/finalAt of its buckets: below it a clock advance has nothing to do. */
    long nextDeadline = Long.MAX_VALUE;
    final Bucket[][] buckets;
    final int[] sizes;

    SymbolState(String symbol, int intervals) {
      this.symbol = Objects.requireNonNull(symbol);
      this.buckets = new Bucket[intervals][4];
      this.sizes = new int[intervals];
    }

    Bucket bucket(int interval, long start, long length, BarAggregator agg) {
      Bucket[] list = buckets[interval];
      int size = sizes[interval];
      int j = size - 1;
      // the newest bucket is the usual hit; out-of-order ticks search back a few
      while (j >= 0 && list[j].startSecond > start) {
        j--;
      }
      if (j >= 0 && list[j].startSecond == start) {
        return list[j];
      }
      Bucket b = new Bucket(start, length, agg.closeDelay, agg.lateness);
      if (size == list.length) {
        list = buckets[interval] = Arrays.copyOf(list, size * 2);
      }
      System.arraycopy(list, j + 1, list, j + 2, size - j - 1);
      list[j + 1] = b;
      sizes[interval] = size + 1;
      nextDeadline = Math.min(nextDeadline, b.closeAt);
      return b;
    }
  }
}
