package io.rwaprime.alerts.index;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.rwaprime.alerts.index.Direction.ABOVE;
import static io.rwaprime.alerts.index.Direction.BELOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleBookTest {

  private static List<Long> observe(RuleBook book, String symbol, String metric, double value) {
    List<Long> fired = new ArrayList<>();
    assertThat(book.observe(symbol, metric, value, fired::add)).isEqualTo(fired.size());
    return fired;
  }

  @Test
  void rulesAreEvaluatedOnlyForTheirSymbolAndMetric() {
    RuleBook book = new RuleBook();
    book.add(1, "OUSG", Metrics.PRICE, ABOVE, 110, 0, false);
    book.add(2, "OUSG", Metrics.RISK_SCORE, ABOVE, 50, 0, false);
    book.add(3, "PAXG", Metrics.PRICE, ABOVE, 100, 0, false);
    assertThat(observe(book, "OUSG", Metrics.PRICE, 200)).containsExactly(1L);
    assertThat(observe(book, "OUSG", Metrics.RISK_SCORE, 60)).containsExactly(2L);
    assertThat(observe(book, "BUIDL", Metrics.PRICE, 200)).isEmpty();
    assertThat(observe(book, "PAXG", "NO_SUCH_METRIC", 200)).isEmpty();
    assertThat(observe(book, "PAXG", Metrics.PRICE, 200)).containsExactly(3L);
    assertThat(book.size()).isEqualTo(3);
  }

  @Test
  void anIdAddedUnderAnotherKeyMovesAndRemoveFindsIt() {
    RuleBook book = new RuleBook();
    book.add(1, "OUSG", Metrics.PRICE, ABOVE, 110, 0, false);
    book.add(1, "PAXG", Metrics.PRICE, BELOW, 4000, 0, false);
    assertThat(book.size()).isEqualTo(1);
    assertThat(observe(book, "OUSG", Metrics.PRICE, 200)).isEmpty();
    assertThat(observe(book, "PAXG", Metrics.PRICE, 3900)).containsExactly(1L);
    assertThat(book.remove(1)).isTrue();
    assertThat(book.remove(1)).isFalse();
    assertThat(book.contains(1)).isFalse();
    assertThat(observe(book, "PAXG", Metrics.PRICE, 4100)).isEmpty();
    assertThat(observe(book, "PAXG", Metrics.PRICE, 3900)).isEmpty();
  }

  @Test
  void invalidArgumentsChangeNothing() {
    RuleBook book = new RuleBook();
    book.add(1, "OUSG", Metrics.PRICE, ABOVE, 110, 0, false);
    assertThatThrownBy(() -> book.add(1, "PAXG", Metrics.PRICE, ABOVE, Double.NaN, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> book.add(1, "", Metrics.PRICE, ABOVE, 1, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> book.add(1, "PAXG", null, ABOVE, 1, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(observe(book, "OUSG", Metrics.PRICE, 111)).containsExactly(1L);
  }

  @Test
  void countsReArmsAcrossIndexesAndTakesAnyImplementation() {
    for (RuleBook book : List.of(new RuleBook(), new RuleBook(LinearScan::new))) {
      book.add(1, "A", Metrics.PRICE, ABOVE, 10, 1, false);
      book.add(2, "B", Metrics.PRICE, BELOW, 10, 1, false);
      observe(book, "A", Metrics.PRICE, 11);
      observe(book, "B", Metrics.PRICE, 9);
      observe(book, "A", Metrics.PRICE, 9);
      observe(book, "B", Metrics.PRICE, 11);
      assertThat(book.rearmed()).isEqualTo(2);
    }
  }

  @Test
  void aPercentChangeRuleIsAThresholdOnTheDerivedMetric() {
    RuleBook book = new RuleBook();
    book.add(1, "NVDAX", Metrics.PCT_CHANGE_1H, ABOVE, 0.03, 0.01, false);
    book.add(2, "NVDAX", Metrics.PCT_CHANGE_1H, BELOW, -0.03, 0.01, false);
    WindowChange hour = new WindowChange(3_600_000);
    List<Long> fired = new ArrayList<>();
    double[] prices = {100, 101, 102, 104, 104, 100, 97};
    for (int i = 0; i < prices.length; i++) {
      // one price every 30 minutes: the change is against the price an hour (two samples) before
      fired.addAll(observe(book, "NVDAX", Metrics.PCT_CHANGE_1H, hour.update(i * 1_800_000L, prices[i])));
    }
    // changes: NaN, NaN, +2 %, +2.97 %, +1.96 %, −3.85 % (fires 2), −6.7 % (2 is disarmed)
    assertThat(fired).containsExactly(2L);
  }
}
