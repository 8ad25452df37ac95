package io.rwaprime.alerts.index;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.rwaprime.alerts.index.Direction.ABOVE;
import static io.rwaprime.alerts.index.Direction.BELOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The semantics of {@link ThresholdRules}, case by case, for the index and for the scan alike. */
class ThresholdRulesTest {

  static Stream<Arguments> implementations() {
    return Stream.of(
        Arguments.of("index", (Supplier<ThresholdRules>) ThresholdIndex::new),
        Arguments.of("scan", (Supplier<ThresholdRules>) LinearScan::new));
  }

  /** The ids fired by each value, one list per value. */
  private static List<List<Long>> feed(ThresholdRules rules, double... values) {
    List<List<Long>> out = new ArrayList<>();
    for (double v : values) {
      List<Long> fired = new ArrayList<>();
      int n = rules.observe(v, fired::add);
      assertThat(n).as("count returned for %s", v).isEqualTo(fired.size());
      out.add(fired);
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void aboveFiresOnceThenRearmsBelowThresholdMinusHysteresis(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    r.add(1, ABOVE, 100, 2, false);
    assertThat(feed(r, 99, 100, 100.5, 101, 99, 98.5, 98, 101, 98, 100.01))
        .containsExactly(List.of(), List.of(), List.of(1L), List.of(), List.of(), List.of(), List.of(), List.of(1L),
            List.of(), List.of(1L));
    assertThat(r.rearmed()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void belowIsTheMirrorImage(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    r.add(1, BELOW, 100, 2, false);
    assertThat(feed(r, 101, 100, 99.5, 99, 101, 101.5, 102, 99, 102, 99.99))
        .containsExactly(List.of(), List.of(), List.of(1L), List.of(), List.of(), List.of(), List.of(), List.of(1L),
            List.of(), List.of(1L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void withoutRequireCrossTheFirstValueBeyondFiresEvenIfAlreadyBeyond(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    r.observe(150, id -> {});
    r.add(1, ABOVE, 100, 0, false);
    r.add(2, BELOW, 200, 0, false);
    assertThat(feed(r, 150, 150)).containsExactly(List.of(1L, 2L), List.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void requireCrossWaitsForAValueOnTheOtherSideWithoutHysteresis(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    r.add(1, ABOVE, 100, 5, true);
    // already above: nothing until a value ≤ 100 arms it (the hysteresis of 5 applies only after a firing)
    assertThat(feed(r, 150, 101, 100, 100.5, 99, 100.5)).containsExactly(
        List.of(), List.of(), List.of(), List.of(1L), List.of(), List.of());
    r.add(2, BELOW, 100, 5, true);
    // rule 2 arms at 100 and fires at 99; rule 1 re-arms at 95 = 100 − 5 (and 96 was not enough)
    assertThat(feed(r, 99, 100, 99, 96, 101, 95, 101)).containsExactly(
        List.of(), List.of(), List.of(2L), List.of(), List.of(), List.of(), List.of(1L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void crossingEitherWayIsTwoRules(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    r.add(10, ABOVE, 50, 0, true);
    r.add(11, BELOW, 50, 0, true);
    assertThat(feed(r, 52, 49, 51, 51, 50, 49, 50.5)).containsExactly(
        List.of(), List.of(11L), List.of(10L), List.of(), List.of(), List.of(11L), List.of(10L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void aValueEqualToTheThresholdNeverFiresButRearmsWithoutHysteresis(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    r.add(1, ABOVE, 100, 0, false);
    r.add(2, BELOW, 100, 0, false);
    assertThat(feed(r, 100, 101, 100, 101, 99, 100, 99)).containsExactly(
        List.of(), List.of(1L), List.of(), List.of(1L), List.of(2L), List.of(), List.of(2L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void rulesWithEqualThresholdsAllFire(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    for (long id = 1; id <= 5; id++) {
      r.add(id, ABOVE, 10, id % 2, false);
    }
    assertThat(feed(r, 11).get(0)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    assertThat(feed(r, 10, 11).get(1)).containsExactlyInAnyOrder(2L, 4L); // hysteresis 0 re-armed at 10
    assertThat(feed(r, 9.5, 11).get(1)).containsExactlyInAnyOrder(2L, 4L);   // 9.5 is not ≤ 10 − 1
    assertThat(feed(r, 9, 11).get(1)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void oneJumpFiresEveryArmedRuleItCrosses(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    for (int i = 0; i < 100; i++) {
      r.add(i, ABOVE, i, 0, false);
      r.add(1000 + i, BELOW, i, 0, false);
    }
    assertThat(feed(r, 49.5).get(0)).hasSize(50 + 50);   // ABOVE 0..49 and BELOW 50..99
    assertThat(feed(r, 1000).get(0)).hasSize(50);        // ABOVE 50..99; BELOW 50..99 re-arm, don't fire
    assertThat(r.rearmed()).isEqualTo(50);
    assertThat(feed(r, -1).get(0)).hasSize(100);         // every BELOW; every ABOVE re-arms
    assertThat(r.rearmed()).isEqualTo(50 + 100);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void removeWorksArmedOrDisarmedAndReportsWhetherItExisted(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    r.add(1, ABOVE, 10, 0, false);
    r.add(2, ABOVE, 10, 0, false);
    r.add(3, ABOVE, 10, 0, true);
    r.observe(11, id -> {}); // 1 and 2 fire and are disarmed; 3 is waiting for a cross
    assertThat(r.remove(1)).isTrue();
    assertThat(r.remove(3)).isTrue();
    assertThat(r.remove(1)).isFalse();
    assertThat(r.remove(99)).isFalse();
    assertThat(r.size()).isEqualTo(1);
    assertThat(r.contains(2)).isTrue();
    assertThat(r.contains(1)).isFalse();
    assertThat(feed(r, 9, 11)).containsExactly(List.of(), List.of(2L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void reAddingAnIdReplacesTheRuleWithAFreshState(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    r.add(7, ABOVE, 10, 0, false);
    assertThat(feed(r, 11)).containsExactly(List.of(7L));
    r.add(7, BELOW, 20, 0, false);                      // replaced: now BELOW 20, armed
    assertThat(r.size()).isEqualTo(1);
    assertThat(feed(r, 12, 25)).containsExactly(List.of(7L), List.of());
    r.remove(7);
    r.add(7, ABOVE, 10, 0, false);                      // removed then added again: armed again
    assertThat(feed(r, 12)).containsExactly(List.of(7L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void nanIsIgnoredAndInfinitiesAreOrdinaryValues(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    r.add(1, ABOVE, 10, 0, false);
    r.add(2, BELOW, 10, 0, false);
    assertThat(feed(r, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY))
        .containsExactly(List.of(), List.of(1L), List.of(), List.of(2L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void invalidRulesAreRefusedAndChangeNothing(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    r.add(1, ABOVE, 10, 0, false);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThatThrownBy(() -> r.add(1, ABOVE, bad, 0, false)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> r.add(1, ABOVE, 10, bad, false)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> r.add(1, ABOVE, 10, -0.1, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.add(1, null, 10, 0, false)).isInstanceOf(NullPointerException.class);
    assertThat(r.size()).isEqualTo(1);
    assertThat(feed(r, 11)).containsExactly(List.of(1L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void slotsOfRemovedRulesAreReused(String name, Supplier<ThresholdRules> impl) {
    ThresholdRules r = impl.get();
    for (int round = 0; round < 3; round++) {
      for (long id = 0; id < 1000; id++) {
        r.add(round * 1000L + id, id % 2 == 0 ? ABOVE : BELOW, id, 0, false);
      }
      for (long id = 0; id < 1000; id++) {
        assertThat(r.remove(round * 1000L + id)).isTrue();
      }
    }
    assertThat(r.size()).isZero();
    r.add(-1, ABOVE, 0, 0, false);
    assertThat(feed(r, 1)).containsExactly(List.of(-1L));
  }
}
