package io.rwaprime.alerts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VolumeRatioTest {

  private static final long MIN = 60_000;

  @Test
  void isTheLastWindowsVolumeAgainstItsUsualShareOfTheDayBefore() {
    VolumeRatio r = new VolumeRatio(60 * MIN);
    long t = 0;
    double last = Double.NaN;
    // 25 hours of 1 unit every 10 minutes: 6 an hour
    for (; t <= 25 * 60 * MIN; t += 10 * MIN) {
      last = r.update(t, 1);
    }
    assertThat(last).isCloseTo(1.0, within(0.05));
    // the next hour trades 30 in six trades: five times the usual
    for (int i = 0; i < 6; i++) {
      t += 10 * MIN;
      last = r.update(t, 5);
    }
    assertThat(last).isCloseTo(5.0, within(0.3));
  }

  @Test
  void isUnknownUntilADayAndAWindowAreSeenAndRefusesDisorder() {
    VolumeRatio r = new VolumeRatio(60 * MIN);
    assertThat(r.update(0, 5)).isNaN();
    assertThat(r.update(24 * 60 * MIN, 5)).isNaN();
    assertThat(r.update(24 * 60 * MIN - 1, 5)).isNaN(); // out of order: refused
    // the first sample left the baseline; 5 in the last hour against 5 over the day before: 24 times the usual
    assertThat(r.update(25 * 60 * MIN + 1, 5)).isCloseTo(24.0, within(1e-9));
  }
}
