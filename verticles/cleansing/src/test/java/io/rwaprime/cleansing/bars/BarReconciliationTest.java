package io.rwaprime.cleansing.bars;

import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;
import io.rwaprime.events.Tick;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import static io.rwaprime.cleansing.bars.BarAggregatorTest.tick;
import static org.assertj.core.api.Assertions.assertThat;

class BarReconciliationTest {

  private final BarAggregator agg = new BarAggregator(Duration.ofSeconds(2), Duration.ofSeconds(60),
      EnumSet.of(BarInterval.M1));

  private void feed(Tick... ticks) {
    for (Tick t : ticks) {
      assertThat(agg.onTick(t).accepted()).isTrue();
    }
  }

  private Bar close() {
    List<Bar> bars = agg.onTime(Instant.parse("2025-03-14T10:01:02Z"));
    assertThat(bars).hasSize(1);
    return bars.get(0);
  }

  private static Tick[] sourceA() {
    // O 100.00 H 101.00 L 100.00 C 101.00, V 2, VWAP 100.50
    return new Tick[] {tick("BUIDL", "a", "100.00", "1", "2025-03-14T10:00:10Z", 1),
        tick("BUIDL", "a", "101.00", "1", "2025-03-14T10:00:40Z", 2)};
  }

  private static Tick[] sourceB() {
    // O 100.20 H 100.80 L 100.20 C 100.80, V 4, VWAP 100.50
    return new Tick[] {tick("BUIDL", "b", "100.20", "2", "2025-03-14T10:00:15Z", 7),
        tick("BUIDL", "b", "100.80", "2", "2025-03-14T10:00:45Z", 8)};
  }

  @Test
  @DisplayName("three sources: each of O, H, L, C and VWAP is the median over sources; volume and count are sums")
  void takesMedianOfThreeSources() {
    feed(sourceA());
    feed(sourceB());
    // a source far off the others is outvoted
    feed(tick("BUIDL", "c", "110.00", "1", "2025-03-14T10:00:20Z", 3));
    Bar bar = close();
    assertThat(bar.open()).isEqualTo(new BigDecimal("100.20"));   // median(100.00, 100.20, 110.00)
    assertThat(bar.high()).isEqualTo(new BigDecimal("101.00"));   // median(101.00, 100.80, 110.00)
    assertThat(bar.low()).isEqualTo(new BigDecimal("100.20"));    // median(100.00, 100.20, 110.00)
    assertThat(bar.close()).isEqualTo(new BigDecimal("101.00"));  // median(101.00, 100.80, 110.00)
    assertThat(bar.vwap()).isEqualTo(new BigDecimal("100.50"));   // median(100.50, 100.50, 110.00)
    assertThat(bar.volume()).isEqualTo(new BigDecimal("7"));
    assertThat(bar.tickCount()).isEqualTo(5);
    // (110.00 − 100.80) / 101.00, 10 places
    assertThat(bar.sourceSpread()).isEqualTo(new BigDecimal("0.0910891089"));
  }

  @Test
  @DisplayName("two sources: the median is the mean of the two values")
  void averagesTwoSources() {
    feed(sourceA());
    feed(sourceB());
    Bar bar = close();
    assertThat(bar.open()).isEqualTo(new BigDecimal("100.10"));
    assertThat(bar.high()).isEqualTo(new BigDecimal("100.90"));
    assertThat(bar.low()).isEqualTo(new BigDecimal("100.10"));
    assertThat(bar.close()).isEqualTo(new BigDecimal("100.90"));
    assertThat(bar.volume()).isEqualTo(new BigDecimal("6"));
    assertThat(bar.tickCount()).isEqualTo(4);
    // (101.00 − 100.80) / 100.90
    assertThat(bar.sourceSpread()).isEqualTo(new BigDecimal("0.0019821606"));
  }

  @Test
  void agreeingSourcesHaveZeroSpreadAndOneSourceNone() {
    feed(tick("BUIDL", "a", "1.0000", "5", "2025-03-14T10:00:10Z", 1),
        tick("BUIDL", "b", "1.0000", "5", "2025-03-14T10:00:11Z", 1));
    assertThat(close().sourceSpread()).isEqualTo(BigDecimal.ZERO);

    BarAggregator single = new BarAggregator(Duration.ZERO, Duration.ZERO, EnumSet.of(BarInterval.M1));
    single.onTick(tick("BUIDL", "a", "1.0000", "5", "2025-03-14T10:00:10Z", 1));
    assertThat(single.onTime(Instant.parse("2025-03-14T10:01:00Z")).get(0).sourceSpread()).isNull();
  }

  @Test
  @DisplayName("a late tick of one source re-reconciles the corrected bar")
  void correctionReconcilesAgain() {
    feed(sourceA());
    feed(sourceB());
    close();
    Bar corrected = agg.onTick(tick("BUIDL", "c", "110.00", "1", "2025-03-14T10:00:20Z", 3)).bars().get(0);
    assertThat(corrected.revision()).isEqualTo(1);
    assertThat(corrected.close()).isEqualTo(new BigDecimal("101.00"));
    assertThat(corrected.sourceSpread()).isEqualTo(new BigDecimal("0.0910891089"));
  }
}
