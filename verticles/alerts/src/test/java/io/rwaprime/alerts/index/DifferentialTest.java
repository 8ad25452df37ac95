package io.rwaprime.alerts.index;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ThresholdIndex} against {@link LinearScan} as an oracle: random rules (both directions, with and without
 * requireCross and hysteresis, on a coarse grid so that equal thresholds and values exactly at a threshold or a
 * re-arm level are common), adds, replacements and removals interleaved with a random walk that sometimes jumps,
 * and NaN. Every observation must fire the same set of ids and re-arm as many rules. A third model, written in the
 * words of the definition ({@link Definition}: no mirroring, no levels), checks the scan itself.
 */
class DifferentialTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void indexFiresExactlyWhatTheScanFires(long seed) {
    Random rnd = new Random(seed);
    ThresholdIndex index = new ThresholdIndex();
    LinearScan scan = new LinearScan();
    Definition definition = new Definition();
    List<Long> ids = new ArrayList<>();
    long nextId = (seed - 10) * 1_000_000L; // negative ids for some seeds
    double grid = rnd.nextBoolean() ? 0.25 : 0.1; // 0.1 is inexact in binary: thresholds ± hysteresis round
    double value = 0;
    int fired = 0;
    for (int step = 0; step < 10_000; step++) {
      int op = rnd.nextInt(10);
      if (op < 3 || ids.isEmpty()) {
        long id = ids.isEmpty() || rnd.nextInt(10) > 0 ? nextId++ : ids.get(rnd.nextInt(ids.size()));
        Direction dir = rnd.nextBoolean() ? Direction.ABOVE : Direction.BELOW;
        double threshold = value + grid * (rnd.nextInt(41) - 20);
        double hysteresis = rnd.nextInt(3) == 0 ? 0 : grid * rnd.nextInt(6);
        boolean cross = rnd.nextBoolean();
        index.add(id, dir, threshold, hysteresis, cross);
        scan.add(id, dir, threshold, hysteresis, cross);
        definition.add(id, dir, threshold, hysteresis, cross);
        if (!ids.contains(id)) {
          ids.add(id);
        }
      } else if (op < 4) {
        long id = rnd.nextInt(20) == 0 ? -42_000_000_000L : ids.remove(rnd.nextInt(ids.size()));
        assertThat(index.remove(id)).isEqualTo(scan.remove(id)).isEqualTo(definition.rules.remove(id) != null);
      } else {
        value = nextValue(rnd, value, grid);
        double observed = rnd.nextInt(100) == 0 ? Double.NaN : value;
        Set<Long> fromIndex = new HashSet<>();
        Set<Long> fromScan = new HashSet<>();
        int n = index.observe(observed, id -> assertThat(fromIndex.add(id)).as("fired twice: %s", id).isTrue());
        int m = scan.observe(observed, fromScan::add);
        assertThat(fromIndex).as("step %d, value %s", step, value).isEqualTo(fromScan)
            .isEqualTo(definition.observe(observed));
        assertThat(n).isEqualTo(fromIndex.size()).isEqualTo(m);
        assertThat(index.rearmed()).as("re-arms at step %d", step).isEqualTo(scan.rearmed());
        fired += n;
      }
      assertThat(index.size()).isEqualTo(scan.size()).isEqualTo(ids.size());
    }
    assertThat(fired).as("the walk fires rules").isGreaterThan(1000);
    assertThat(index.rearmed()).as("and re-arms them").isGreaterThan(1000);
  }

  private static double nextValue(Random rnd, double value, double grid) {
    return switch (rnd.nextInt(50)) {
      case 0 -> value + grid * (rnd.nextInt(81) - 40);            // a jump across many rules
      case 1 -> value + rnd.nextGaussian();                       // off the grid
      default -> value + grid * (rnd.nextInt(5) - 2);
    };
  }

  /** The semantics as the documentation states them, one rule object at a time. */
  private static final class Definition {

    private static final class Rule {
      final Direction dir;
      final double threshold;
      final double hysteresis;
      boolean armed;
      boolean firedOnce;

      Rule(Direction dir, double threshold, double hysteresis, boolean requireCross) {
        this.dir = dir;
        this.threshold = threshold;
        this.hysteresis = hysteresis;
        this.armed = !requireCross;
      }
    }

    final java.util.Map<Long, Rule> rules = new java.util.HashMap<>();

    void add(long id, Direction dir, double threshold, double hysteresis, boolean requireCross) {
      rules.put(id, new Rule(dir, threshold, hysteresis, requireCross));
    }

    Set<Long> observe(double v) {
      Set<Long> fired = new HashSet<>();
      if (Double.isNaN(v)) {
        return fired;
      }
      rules.forEach((id, r) -> {
        double h = r.firedOnce ? r.hysteresis : 0; // before the first firing: the first cross, no hysteresis
        boolean above = r.dir == Direction.ABOVE;
        if (r.armed && (above ? v > r.threshold : v < r.threshold)) {
          r.armed = false;
          r.firedOnce = true;
          fired.add(id);
        } else if (!r.armed && (above ? v <= r.threshold - h : v >= r.threshold + h)) {
          r.armed = true;
        }
      });
      return fired;
    }
  }
}
