package io.rwaprime.cleansing.bars;

import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;
import io.rwaprime.events.Tick;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.rwaprime.events.BarInterval.D1;
import static io.rwaprime.events.BarInterval.H1;
import static io.rwaprime.events.BarInterval.M1;
import static io.rwaprime.events.BarInterval.M5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarAggregatorTest {

  private static final Duration CLOSE_DELAY = Duration.ofSeconds(2);
  private static final Duration LATENESS = Duration.ofSeconds(60);

  private final BarAggregator agg = new BarAggregator(CLOSE_DELAY, LATENESS);
  private long seq;

  static Tick tick(String symbol, String source, String price, String volume, String time, long seq) {
    Instant t = Instant.parse(time);
    return new Tick("e-" + source + "-" + seq, symbol, source, new BigDecimal(price), new BigDecimal(volume), "USD", t,
        t, seq);
  }

  private Tick tick(String price, String volume, String time) {
    return tick("OUSG", "sim", price, volume, time, ++seq);
  }

  private List<Bar> add(Tick t) {
    BarAggregator.Update u = agg.onTick(t);
    assertThat(u.accepted()).as("accepted %s", t).isTrue();
    return u.bars();
  }

  private static Bar only(List<Bar> bars, BarInterval interval) {
    List<Bar> of = bars.stream().filter(b -> b.interval() == interval).toList();
    assertThat(of).as("%s bars in %s", interval, bars).hasSize(1);
    return of.get(0);
  }

  private static void assertBar(Bar bar, String open, String high, String low, String close, String volume, String vwap,
                                long count) {
    // isEqualTo, not isEqualByComparingTo: the scale is part of the exact output
    assertThat(bar.open()).isEqualTo(new BigDecimal(open));
    assertThat(bar.high()).isEqualTo(new BigDecimal(high));
    assertThat(bar.low()).isEqualTo(new BigDecimal(low));
    assertThat(bar.close()).isEqualTo(new BigDecimal(close));
    assertThat(bar.volume()).isEqualTo(new BigDecimal(volume));
    assertThat(bar.vwap()).isEqualTo(new BigDecimal(vwap));
    assertThat(bar.tickCount()).isEqualTo(count);
  }

  @Test
  @DisplayName("OHLC, volume, VWAP and tick count are exact for 1m, 5m, 1h and 1d on a hand-made sequence")
  void buildsExactBarsForEveryInterval() {
    assertThat(add(tick("108.40", "10", "2025-03-14T10:00:05Z"))).isEmpty();
    assertThat(add(tick("108.55", "5.5", "2025-03-14T10:00:20Z"))).isEmpty();
    assertThat(add(tick("108.30", "20", "2025-03-14T10:00:40Z"))).isEmpty();
    assertThat(add(tick("108.45", "15", "2025-03-14T10:00:59.999Z"))).isEmpty();
    // next minute: the watermark (10:01:10 − 2 s) passes 10:01:00 and closes the 10:00 bar
    List<Bar> closed = add(tick("108.60", "10", "2025-03-14T10:01:10Z"));
    Bar m1 = only(closed, M1);
    assertThat(m1.openTime()).isEqualTo(Instant.parse("2025-03-14T10:00:00Z"));
    assertThat(m1.revision()).isZero();
    assertThat(m1.sourceSpread()).isNull();
    // VWAP = (108.40×10 + 108.55×5.5 + 108.30×20 + 108.45×15) / 50.5 = 5473.775 / 50.5
    assertBar(m1, "108.40", "108.55", "108.30", "108.45", "50.5", "108.39158416", 4);

    closed = add(tick("108.50", "1.25", "2025-03-14T10:05:03Z"));
    assertThat(closed).extracting(Bar::interval).containsExactly(M1, M5);
    Bar minute2 = only(closed, M1);
    assertThat(minute2.openTime()).isEqualTo(Instant.parse("2025-03-14T10:01:00Z"));
    assertBar(minute2, "108.60", "108.60", "108.60", "108.60", "10", "108.60", 1);
    Bar m5 = only(closed, M5);
    assertThat(m5.openTime()).isEqualTo(Instant.parse("2025-03-14T10:00:00Z"));
    // (5473.775 + 108.60×10) / 60.5 = 6559.775 / 60.5
    assertBar(m5, "108.40", "108.60", "108.30", "108.60", "60.5", "108.42603306", 5);

    // the hour and the day close by the wall clock
    List<Bar> byClock = agg.onTime(Instant.parse("2025-03-14T11:00:02Z"));
    assertThat(byClock).extracting(Bar::interval).containsExactly(M1, M5, H1);
    Bar h1 = only(byClock, H1);
    assertThat(h1.openTime()).isEqualTo(Instant.parse("2025-03-14T10:00:00Z"));
    // (6559.775 + 108.50×1.25) / 61.75 = 6695.4 / 61.75
    assertBar(h1, "108.40", "108.60", "108.30", "108.50", "61.75", "108.42753036", 6);
    assertThat(agg.onTime(Instant.parse("2025-03-15T00:00:01.999Z"))).isEmpty();
    Bar d1 = only(agg.onTime(Instant.parse("2025-03-15T00:00:02Z")), D1);
    assertThat(d1.openTime()).isEqualTo(Instant.parse("2025-03-14T00:00:00Z"));
    assertBar(d1, "108.40", "108.60", "108.30", "108.50", "61.75", "108.42753036", 6);
  }

  @Test
  @DisplayName("buckets are UTC-aligned: one tick either side of midnight lands in different bars of every interval")
  void alignsBucketsAcrossHourAndDayBoundaries() {
    List<Bar> bars = new ArrayList<>();
    bars.addAll(add(tick("100.00", "1", "2025-12-31T23:59:59.500Z")));
    bars.addAll(add(tick("101.00", "2", "2026-01-01T00:00:00.500Z")));
    bars.addAll(add(tick("102.00", "3", "2026-01-01T00:59:59.999Z")));
    bars.addAll(add(tick("103.00", "4", "2026-01-01T01:00:00Z")));
    bars.addAll(agg.onTime(Instant.parse("2026-01-03T00:00:00Z")));
    Map<BarInterval, List<String>> opens = new HashMap<>();
    for (Bar b : bars) {
      opens.computeIfAbsent(b.interval(), i -> new ArrayList<>()).add(b.openTime() + " " + b.close() + " " + b.tickCount());
    }
    assertThat(opens.get(M1)).containsExactly("2025-12-31T23:59:00Z 100.00 1", "2026-01-01T00:00:00Z 101.00 1",
        "2026-01-01T00:59:00Z 102.00 1", "2026-01-01T01:00:00Z 103.00 1");
    assertThat(opens.get(M5)).containsExactly("2025-12-31T23:55:00Z 100.00 1", "2026-01-01T00:00:00Z 101.00 1",
        "2026-01-01T00:55:00Z 102.00 1", "2026-01-01T01:00:00Z 103.00 1");
    assertThat(opens.get(H1)).containsExactly("2025-12-31T23:00:00Z 100.00 1", "2026-01-01T00:00:00Z 102.00 2",
        "2026-01-01T01:00:00Z 103.00 1");
    assertThat(opens.get(D1)).containsExactly("2025-12-31T00:00:00Z 100.00 1", "2026-01-01T00:00:00Z 103.00 3");
    assertThat(agg.bucketCount()).isZero();
  }

  @Test
  @DisplayName("a bucket closes when the symbol's watermark (max event time − close delay) reaches its end")
  void closesOnWatermark() {
    add(tick("100", "1", "2025-03-14T10:00:30Z"));
    assertThat(add(tick("100", "1", "2025-03-14T10:01:01.999Z"))).isEmpty();
    assertThat(agg.watermark("OUSG")).contains(Instant.parse("2025-03-14T10:00:59.999Z"));
    List<Bar> closed = add(tick("100", "1", "2025-03-14T10:01:02Z"));
    assertThat(closed).hasSize(1);
    assertThat(closed.get(0).openTime()).isEqualTo(Instant.parse("2025-03-14T10:00:00Z"));
    assertThat(closed.get(0).tickCount()).isEqualTo(1);
    assertThat(agg.watermark("NOPE")).isEmpty();
  }

  @Test
  @DisplayName("a quiet symbol's bar closes by the wall clock; another symbol's ticks do not move its watermark")
  void closesQuietSymbolByWallClock() {
    agg.onTick(tick("PAXG", "sim", "2650.10", "1", "2025-03-14T10:00:10Z", 1));
    // OUSG keeps ticking for five minutes: its bars close, PAXG's does not
    Instant t0 = Instant.parse("2025-03-14T10:00:00Z");
    for (int s = 0; s < 300; s += 10) {
      List<Bar> bars = agg.onTick(tick("OUSG", "sim", "108", "1", t0.plusSeconds(s).toString(), 100 + s)).bars();
      assertThat(bars).noneMatch(b -> b.symbol().equals("PAXG"));
    }
    assertThat(agg.onTime(Instant.parse("2025-03-14T10:01:01.999Z"))).noneMatch(b -> b.symbol().equals("PAXG"));
    List<Bar> closed = agg.onTime(Instant.parse("2025-03-14T10:01:02Z"));
    assertThat(closed).filteredOn(b -> b.symbol().equals("PAXG")).singleElement()
        .satisfies(b -> {
          assertThat(b.interval()).isEqualTo(M1);
          assertThat(b.close()).isEqualTo(new BigDecimal("2650.10"));
        });
  }

  @Test
  @DisplayName("a late tick within the allowed lateness re-publishes the bar with revision + 1 and the new values")
  void correctsBarWithLateTick() {
    add(tick("100.00", "1", "2025-03-14T10:00:10Z"));
    add(tick("101.00", "1", "2025-03-14T10:00:50Z"));
    Bar first = only(add(tick("102.00", "1", "2025-03-14T10:01:05Z")), M1);
    assertBar(first, "100.00", "101.00", "100.00", "101.00", "2", "100.50", 2);

    List<Bar> corrected = add(tick("99.00", "2", "2025-03-14T10:00:30Z"));
    // only the 1m bar was published; the 5m, 1h and 1d buckets are still open and just take the tick
    Bar rev1 = only(corrected, M1);
    assertThat(rev1.openTime()).isEqualTo(first.openTime());
    assertThat(rev1.revision()).isEqualTo(1);
    // (100 + 101 + 99×2) / 4 = 99.75; open and close still by event time
    assertBar(rev1, "100.00", "101.00", "99.00", "101.00", "4", "99.75", 3);

    Bar rev2 = only(add(tick("103.00", "0", "2025-03-14T10:00:00Z")), M1);
    assertThat(rev2.revision()).isEqualTo(2);
    assertBar(rev2, "103.00", "103.00", "99.00", "101.00", "4", "99.75", 4);

    List<Bar> m5 = agg.onTime(Instant.parse("2025-03-14T10:05:02Z"));
    assertBar(only(m5, M5), "103.00", "103.00", "99.00", "102.00", "5", "100.20", 5);
  }

  @Test
  @DisplayName("a late tick in a bucket that closed empty publishes it late at revision 0")
  void publishesLateFirstBarOfEmptyBucket() {
    add(tick("100", "1", "2025-03-14T10:00:10Z"));
    add(tick("100", "1", "2025-03-14T10:02:10Z"));
    Bar late = only(add(tick("99", "1", "2025-03-14T10:01:30Z")), M1);
    assertThat(late.openTime()).isEqualTo(Instant.parse("2025-03-14T10:01:00Z"));
    assertThat(late.revision()).isZero();
  }

  @Test
  @DisplayName("a tick beyond the allowed lateness is rejected with time.too-late and changes no bar of any interval")
  void rejectsTickBeyondLateness() {
    add(tick("100", "1", "2025-03-14T10:00:10Z"));
    add(tick("100", "1", "2025-03-14T10:01:05Z"));
    // 1m 10:00 is final once the watermark passes 10:01:00 + 60 s, i.e. clock 10:02:02
    add(tick("100", "1", "2025-03-14T10:02:02Z"));
    BarAggregator.Update late = agg.onTick(tick("50", "100", "2025-03-14T10:00:30Z"));
    assertThat(late.accepted()).isFalse();
    assertThat(late.bars()).isEmpty();
    assertThat(late.rejection().reasonCode()).isEqualTo(BarAggregator.TOO_LATE).isEqualTo("time.too-late");
    assertThat(late.rejection().detail()).contains("2025-03-14T10:00:30Z");
    // not in the 5m bar either, though that one is still open
    Bar m5 = only(agg.onTime(Instant.parse("2025-03-14T10:05:02Z")), M5);
    assertThat(m5.tickCount()).isEqualTo(3);
    assertThat(m5.low()).isEqualTo(new BigDecimal("100"));
  }

  @Test
  @DisplayName("an out-of-order burst within the lateness gives the same final bars as the ordered stream")
  void outOfOrderBurstGivesSameFinalBars() {
    Random rnd = new Random(42);
    List<Tick> ordered = new ArrayList<>();
    Instant t0 = Instant.parse("2025-03-14T09:58:00Z");
    BigDecimal price = new BigDecimal("2650.00");
    for (int i = 0; i < 2_000; i++) {
      price = price.add(BigDecimal.valueOf(rnd.nextInt(21) - 10, 2)).max(BigDecimal.ONE);
      String source = i % 3 == 0 ? "venue-b" : "sim";
      ordered.add(new Tick("e" + i, "PAXG", source, price, BigDecimal.valueOf(rnd.nextInt(500), 3), "USD",
          t0.plusMillis(i * 250L), t0, i));
    }
    // shuffle in blocks of 100 ticks (25 s): every tick is at most 25 s late, within the 60 s lateness
    List<Tick> shuffled = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i += 100) {
      List<Tick> block = new ArrayList<>(ordered.subList(i, i + 100));
      Collections.shuffle(block, rnd);
      shuffled.addAll(block);
    }
    Map<String, Bar> a = finalBars(ordered);
    Map<String, Bar> b = finalBars(shuffled);
    assertThat(a).hasSize(b.size());
    assertThat(a.size()).isGreaterThan(10);
    a.forEach((key, bar) -> assertThat(withoutRevision(b.get(key))).as(key).isEqualTo(withoutRevision(bar)));
    assertThat(b.values()).anyMatch(bar -> bar.revision() > 0);
  }

  private static Map<String, Bar> finalBars(List<Tick> ticks) {
    BarAggregator a = new BarAggregator(CLOSE_DELAY, LATENESS);
    Map<String, Bar> latest = new HashMap<>();
    List<Bar> all = new ArrayList<>();
    for (Tick t : ticks) {
      BarAggregator.Update u = a.onTick(t);
      assertThat(u.accepted()).isTrue();
      all.addAll(u.bars());
    }
    all.addAll(a.onTime(Instant.parse("2025-03-16T00:00:00Z")));
    for (Bar bar : all) {
      latest.merge(bar.interval() + " " + bar.openTime(), bar, (x, y) -> y.revision() > x.revision() ? y : x);
    }
    return latest;
  }

  private static Bar withoutRevision(Bar b) {
    return new Bar(b.symbol(), b.interval(), b.openTime(), b.open(), b.high(), b.low(), b.close(), b.volume(), b.vwap(),
        b.tickCount(), 0, b.sourceSpread());
  }

  @Test
  @DisplayName("state stays bounded: buckets past the lateness are dropped")
  void keepsStateBounded() {
    Instant t0 = Instant.parse("2025-03-14T00:00:00Z");
    int most = 0;
    for (int i = 0; i < 3 * 24 * 3600; i += 5) {
      agg.onTick(new Tick("e" + i, "OUSG", "sim", BigDecimal.TEN, BigDecimal.ONE, "USD", t0.plusSeconds(i), t0, i));
      most = Math.max(most, agg.bucketCount());
    }
    // per interval: the open bucket and those within close delay + lateness (62 s) of their end:
    // at most 3 for 1m, 2 each for 5m, 1h and 1d
    assertThat(most).isLessThanOrEqualTo(9);
  }

  @Test
  @DisplayName("zero-volume quotes get the mean price as VWAP; huge decimals fall back to exact BigDecimal sums")
  void handlesZeroVolumeAndHugeDecimals() {
    add(tick("100.1", "0", "2025-03-14T10:00:01Z"));
    add(tick("100.4", "0", "2025-03-14T10:00:02Z"));
    Bar quotes = only(add(tick("1", "0", "2025-03-14T10:01:05Z")), M1);
    assertThat(quotes.vwap()).isEqualTo(new BigDecimal("100.25"));
    assertThat(quotes.volume()).isEqualByComparingTo("0");

    BarAggregator big = new BarAggregator(CLOSE_DELAY, LATENESS, EnumSet.of(M1));
    big.onTick(tick("ETHX", "chain", "3512.123456789012345678", "123456789012345678901.000000000000000001",
        "2025-03-14T10:00:01Z", 1));
    big.onTick(tick("ETHX", "chain", "3512.5", "0.5", "2025-03-14T10:00:02Z", 2));
    Bar bar = big.onTime(Instant.parse("2025-03-14T10:01:02Z")).get(0);
    assertThat(bar.volume()).isEqualTo(new BigDecimal("123456789012345678901.500000000000000001"));
    BigDecimal notional = new BigDecimal("3512.123456789012345678")
        .multiply(new BigDecimal("123456789012345678901.000000000000000001"))
        .add(new BigDecimal("3512.5").multiply(new BigDecimal("0.5")));
    assertThat(bar.vwap()).isEqualTo(Bucket.tidy(notional.divide(bar.volume(), 18 + Bucket.VWAP_EXTRA_DIGITS,
        java.math.RoundingMode.HALF_EVEN), 18));
  }

  @Test
  void rejectsEventTimesOutsideTheClockRange() {
    BarAggregator.Update u = agg.onTick(tick("1", "1", "2400-01-01T00:00:00Z"));
    assertThat(u.rejection().reasonCode()).isEqualTo(BarAggregator.OUT_OF_RANGE);
  }

  @Test
  void refusesInvalidSettings() {
    assertThatThrownBy(() -> new BarAggregator(Duration.ofSeconds(-1), LATENESS)).hasMessageContaining("closeDelay");
    assertThatThrownBy(() -> new BarAggregator(CLOSE_DELAY, Duration.ofDays(8))).hasMessageContaining("allowedLateness");
    assertThatThrownBy(() -> new BarAggregator(CLOSE_DELAY, LATENESS, EnumSet.noneOf(BarInterval.class)))
        .hasMessageContaining("intervals");
  }
}
