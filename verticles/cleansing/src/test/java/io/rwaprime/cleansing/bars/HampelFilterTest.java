package io.rwaprime.cleansing.bars;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HampelFilterTest {

  private final HampelFilter filter = new HampelFilter(25, 6);
  private final Random rnd = new Random(20250314);

  private boolean check(double price) {
    return filter.isOutlier("PAXG", "sim", price);
  }

  private void warmUp(int n) {
    for (int i = 0; i < n; i++) {
      assertThat(check(2650 * (1 + 0.001 * rnd.nextGaussian()))).isFalse();
    }
  }

  @Test
  @DisplayName("normal noise (σ = 0.1 %) is flagged at most once in 10,000 ticks by the default filter")
  void doesNotFlagNormalNoise() {
    HampelFilter defaults = new HampelFilter();
    int flagged = 0;
    for (int i = 0; i < 50_000; i++) {
      flagged += defaults.isOutlier("PAXG", "sim", 2650 * (1 + 0.001 * rnd.nextGaussian())) ? 1 : 0;
    }
    // the rate comes from the noise in a 51-return MAD estimate: about 1.2e-5
    assertThat(flagged).isLessThanOrEqualTo(5);
  }

  @Test
  @DisplayName("a trending random walk (σ = 0.05 % a tick) is flagged no more than noise: the test runs on returns")
  void doesNotFlagRandomWalk() {
    HampelFilter defaults = new HampelFilter();
    double price = 2650;
    int flagged = 0;
    for (int i = 0; i < 50_000; i++) {
      price *= Math.exp(0.0005 * rnd.nextGaussian());
      flagged += defaults.isOutlier("PAXG", "sim", price) ? 1 : 0;
    }
    // a trailing median of price levels would flag about 0.3 % here (150 ticks)
    assertThat(flagged).isLessThanOrEqualTo(5);
  }

  @Test
  @DisplayName("a random walk on a coarse price grid (σ = 2 grid steps) is not flagged")
  void doesNotFlagQuantizedRandomWalk() {
    HampelFilter defaults = new HampelFilter();
    long cents = 400_000;
    int flagged = 0;
    for (int i = 0; i < 50_000; i++) {
      cents = Math.round(cents * Math.exp(0.000005 * rnd.nextGaussian()));
      flagged += defaults.isOutlier("PAXG", "sim", cents / 100.0) ? 1 : 0;
    }
    assertThat(flagged).isLessThanOrEqualTo(5);
  }

  @Test
  @DisplayName("after a pause, the test widens with √(gap / usual gap): a random walk moves further in more time")
  void widensWithEventTimeGap() {
    HampelFilter timed = new HampelFilter(25, 6);
    HampelFilter untimed = new HampelFilter(25, 6);
    Instant t = Instant.parse("2025-03-14T10:00:00Z");
    double price = 100;
    for (int i = 0; i < 40; i++) {
      price *= 1 + 0.001 * rnd.nextGaussian();
      t = t.plusSeconds(1);
      assertThat(timed.isOutlier("PAXG", "sim", price, t)).isFalse();
      assertThat(untimed.isOutlier("PAXG", "sim", price)).isFalse();
    }
    // +3 % after 100 s of silence: 30 × the usual 1-s move, but only 3 × the move expected over 100 s
    assertThat(timed.isOutlier("PAXG", "sim", price * 1.03, t.plusSeconds(100))).isFalse();
    assertThat(untimed.isOutlier("PAXG", "sim", price * 1.03)).isTrue();
    // a spike is still a spike after the pause
    assertThat(timed.isOutlier("PAXG", "sim", price * 10, t.plusSeconds(101))).isTrue();
  }

  @Test
  @DisplayName("a bid/ask bounce (MAD of returns 0) is not flagged; a spike within it is")
  void toleratesBidAskBounce() {
    for (int i = 0; i < 60; i++) {
      assertThat(check(i % 2 == 0 ? 100.00 : 100.10)).as("tick %d", i).isFalse();
    }
    assertThat(check(1001.0)).isTrue();
    assertThat(check(100.00)).isFalse();
  }

  @Test
  @DisplayName("a 10× spike is flagged, stays out of the window, and does not mask the next spike")
  void flagsTenfoldSpike() {
    warmUp(40);
    assertThat(check(26_500)).isTrue();
    warmUp(3);
    assertThat(check(26_500)).isTrue();
    assertThat(check(265)).isTrue();
    warmUp(10);
    assertThat(filter.isOutlier(BarAggregatorTest.tick("PAXG", "sim", "26500.00", "1", "2025-03-14T10:00:00Z", 1)))
        .isTrue();
  }

  @Test
  @DisplayName("constant prices (MAD = 0): one-step moves pass, moves beyond 6 × 1e-4 are flagged")
  void handlesConstantSeries() {
    for (int i = 0; i < 30; i++) {
      assertThat(check(1.0000)).isFalse();
    }
    assertThat(check(1.0001)).isFalse();
    assertThat(check(0.9997)).isFalse();
    // +0.1 % from the last accepted price
    assertThat(check(1.0007)).isTrue();
    assertThat(check(1.01)).isTrue();
    assertThat(check(1.0000)).isFalse();
  }

  @Test
  @DisplayName("nothing is flagged during warm-up (half the window)")
  void warmUpFlagsNothing() {
    for (int i = 0; i < 12; i++) {
      assertThat(check(i % 2 == 0 ? 100 : 1000)).isFalse();
    }
  }

  @Test
  @DisplayName("a level shift is learned after 5 consistent outliers; those 5 stay flagged")
  void relearnsAfterConsistentLevelShift() {
    for (int i = 0; i < 30; i++) {
      check(100.00);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(check(110.00 + i * 0.01)).as("shifted tick %d", i).isTrue();
    }
    assertThat(check(110.02)).isFalse();
    assertThat(check(110.03)).isFalse();
    assertThat(check(100.00)).isTrue();
  }

  @Test
  @DisplayName("wild prices scattered around the level are not learned as a new level")
  void doesNotRelearnGarbageAsLevel() {
    for (int i = 0; i < 30; i++) {
      check(100.00);
    }
    for (int i = 0; i < 6; i++) {
      assertThat(check(i % 2 == 0 ? 1_000 : 10)).isTrue();
    }
    assertThat(check(100.00)).isFalse();
  }

  @Test
  @DisplayName("when the market turns 40× more volatile, the filter re-learns the volatility instead of flagging most ticks")
  void relearnsVolatility() {
    HampelFilter defaults = new HampelFilter();
    double price = 2650;
    for (int i = 0; i < 200; i++) {
      price *= Math.exp(0.0005 * rnd.nextGaussian());
      assertThat(defaults.isOutlier("PAXG", "sim", price)).isFalse();
    }
    int flagged = 0;
    for (int i = 0; i < 2_000; i++) {
      price *= Math.exp(0.02 * rnd.nextGaussian());
      flagged += defaults.isOutlier("PAXG", "sim", price) ? 1 : 0;
    }
    // a quarter of the 51-tick window, then it has learned: a handful in 2,000
    assertThat(flagged).isBetween(13, 30);
  }

  @Test
  void keepsOneWindowPerSymbolAndSource() {
    for (int i = 0; i < 30; i++) {
      assertThat(filter.isOutlier("PAXG", "a", 100)).isFalse();
      assertThat(filter.isOutlier("PAXG", "b", 200)).isFalse();
      assertThat(filter.isOutlier("XAUT", "a", 300)).isFalse();
    }
    assertThat(filter.isOutlier("PAXG", "a", 200)).isTrue();
    assertThat(filter.seriesCount()).isEqualTo(3);
  }

  @Test
  void nonFiniteOrNonPositivePricesAreOutliersAndStayOut() {
    warmUp(30);
    assertThat(check(Double.NaN)).isTrue();
    assertThat(check(Double.POSITIVE_INFINITY)).isTrue();
    assertThat(check(0)).isTrue();
    assertThat(check(2650)).isFalse();
  }

  @Test
  @DisplayName("the O(n) median absolute deviation matches a brute-force one")
  void madMatchesBruteForce() {
    for (int round = 0; round < 2_000; round++) {
      int n = 1 + rnd.nextInt(30);
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = rnd.nextInt(4) == 0 ? 5 : rnd.nextInt(20);
      }
      Arrays.sort(a);
      double m = HampelFilter.median(a, n);
      double[] dev = Arrays.stream(a).map(x -> Math.abs(x - m)).sorted().toArray();
      double expected = n % 2 == 1 ? dev[n / 2] : (dev[n / 2 - 1] + dev[n / 2]) / 2;
      assertThat(HampelFilter.mad(a, n, m)).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void refusesInvalidSettings() {
    assertThatThrownBy(() -> new HampelFilter(2, 6)).hasMessageContaining("window");
    assertThatThrownBy(() -> new HampelFilter(25, 0)).hasMessageContaining("threshold");
    assertThatThrownBy(() -> new HampelFilter(25, 6, -1, 10, 5)).hasMessageContaining("relativeFloor");
    assertThatThrownBy(() -> new HampelFilter(25, 6, 0, 26, 5)).hasMessageContaining("minSamples");
    assertThatThrownBy(() -> new HampelFilter(25, 6, 0, 10, 1)).hasMessageContaining("relearnAfter");
  }
}
