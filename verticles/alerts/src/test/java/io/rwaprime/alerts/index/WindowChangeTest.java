package io.rwaprime.alerts.index;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WindowChangeTest {

  @Test
  void changeIsAgainstTheLatestValueAtOrBeforeTheCutoff() {
    WindowChange w = new WindowChange(10);
    assertThat(w.update(0, 100)).isNaN();     // no base yet
    assertThat(w.update(5, 105)).isNaN();
    assertThat(w.update(10, 110)).isCloseTo(0.10, within(1e-12));   // base t=0 (exactly one window old)
    assertThat(w.update(14, 99)).isCloseTo(-0.01, within(1e-12));   // base still t=0 (t=5 is newer than 4)
    assertThat(w.update(15, 126)).isCloseTo(0.20, within(1e-12));   // base t=5
    assertThat(w.update(40, 100.8)).isCloseTo(-0.2, within(1e-12)); // after a gap: the latest ≤ 30 is t=15
    assertThat(w.retained()).isEqualTo(2);
  }

  @Test
  void refusesOutOfOrderAndNonFiniteSamplesAndZeroBases() {
    WindowChange w = new WindowChange(10);
    w.update(0, 0);
    assertThat(w.update(10, 5)).isNaN();      // base 0
    assertThat(w.update(9, 5)).isNaN();       // earlier than the last sample: refused
    assertThat(w.update(11, Double.NaN)).isNaN();
    assertThat(w.update(11, Double.POSITIVE_INFINITY)).isNaN();
    assertThat(w.update(20, 10)).isCloseTo(1.0, within(1e-12)); // base t=10, value 5
    assertThatThrownBy(() -> new WindowChange(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchesABruteForceSearchOnARandomStreamAndKeepsOnlyOneWindow() {
    Random rnd = new Random(8);
    WindowChange w = new WindowChange(1000);
    long[] times = new long[50_000];
    double[] values = new double[times.length];
    long t = 0;
    for (int i = 0; i < times.length; i++) {
      t += rnd.nextInt(40);                              // equal times happen
      times[i] = t;
      values[i] = 50 + rnd.nextDouble();
      double expected = Double.NaN;
      for (int j = i; j >= 0; j--) {
        if (times[j] <= t - 1000) {
          expected = values[i] / values[j] - 1;
          break;
        }
      }
      assertThat(Double.valueOf(w.update(t, values[i]))).as("sample %d", i).isEqualTo(Double.valueOf(expected));
      assertThat(w.retained()).isLessThanOrEqualTo(1002);
    }
  }
}
