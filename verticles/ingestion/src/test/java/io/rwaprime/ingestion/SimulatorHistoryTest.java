package io.rwaprime.ingestion;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.ingestion.simulator.MarketSimulator;
import io.rwaprime.ingestion.simulator.SimulatedTick;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimulatorHistoryTest {

  private static final List<Asset> CATALOGUE = AssetCatalogue.load().assets();

  @Test
  void theHistoryEndsAtEachAssetsStartPriceWhereTheLiveSimulatorBegins() {
    Instant end = Instant.parse("2026-06-01T00:00:00Z");
    Instant start = end.minus(Duration.ofDays(30));
    double rate = 4.0 * CATALOGUE.size() / 3600.0;
    Map<String, BigDecimal> scale = SimulatorHistory.scaleToStart(CATALOGUE, new MarketSimulator(CATALOGUE, 42, start, rate), end);

    MarketSimulator sim = new MarketSimulator(CATALOGUE, 42, start, rate);
    Map<String, BigDecimal> first = new HashMap<>();
    Map<String, BigDecimal> last = new HashMap<>();
    Map<String, BigDecimal> rawFirst = new HashMap<>();
    Map<String, BigDecimal> rawLast = new HashMap<>();
    for (SimulatedTick t = sim.next(); !t.eventTime().isAfter(end); t = sim.next()) {
      first.putIfAbsent(t.symbol(), SimulatorHistory.scaled(t, scale));
      last.put(t.symbol(), SimulatorHistory.scaled(t, scale));
      rawFirst.putIfAbsent(t.symbol(), t.price());
      rawLast.put(t.symbol(), t.price());
    }
    assertThat(last).hasSize(CATALOGUE.size());
    boolean someMoved = false;
    for (Asset a : CATALOGUE) {
      double startPrice = a.simulation().startPrice().doubleValue();
      assertThat(last.get(a.symbol()).doubleValue()).as(a.symbol()).isCloseTo(startPrice, within(startPrice * 1e-3));
      // scaling keeps the path's returns
      double rawReturn = rawLast.get(a.symbol()).doubleValue() / rawFirst.get(a.symbol()).doubleValue();
      double scaledReturn = last.get(a.symbol()).doubleValue() / first.get(a.symbol()).doubleValue();
      assertThat(scaledReturn).as(a.symbol()).isCloseTo(rawReturn, within(2e-3));
      someMoved |= Math.abs(rawLast.get(a.symbol()).doubleValue() / startPrice - 1) > 0.01;
    }
    assertThat(someMoved).as("without scaling some paths would end away from their start price").isTrue();
  }
}
