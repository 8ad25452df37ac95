package io.rwaprime.ingestion.simulator;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.assets.AssetClass;
import io.rwaprime.common.assets.SimulationProfile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MarketSimulatorTest {

  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final double SECONDS_PER_YEAR = 365.25 * 86_400;
  private static final List<Asset> CATALOGUE = AssetCatalogue.load().assets();

  @Test
  @DisplayName("the same seed, assets and start give the same stream")
  void sameSeedReproducesTheStream() {
    MarketSimulator a = new MarketSimulator(CATALOGUE, 42, START);
    MarketSimulator b = new MarketSimulator(CATALOGUE, 42, START);

    for (int i = 0; i < 200_000; i++) {
      assertThat(b.next()).isEqualTo(a.next());
    }
  }

  @Test
  void differentSeedsGiveDifferentStreams() {
    MarketSimulator a = new MarketSimulator(CATALOGUE, 1, START);
    MarketSimulator b = new MarketSimulator(CATALOGUE, 2, START);

    int same = 0;
    for (int i = 0; i < 1_000; i++) {
      if (a.next().equals(b.next())) {
        same++;
      }
    }
    assertThat(same).isLessThan(10);
  }

  @Test
  @DisplayName("a treasury token stays within a few basis points of NAV for a month and accrues its yield")
  void treasuryTracksNavAndAccruesYield() {
    Asset accumulating = asset("ACC", AssetClass.TOKENIZED_TREASURY, "114.2000", 0.002, 20_000, 0, 0, false, "0.04");
    Asset stable = asset("STABLE", AssetClass.TOKENIZED_TREASURY, "1.0000", 0.002, 5_000_000, 0, 0, true, "0.0375");
    double month = 30 * 86_400;
    MarketSimulator sim = new MarketSimulator(List.of(accumulating, stable), 7, START, 100_000 / month);

    double lastAccumulating = 0;
    double worstAccumulating = 0;
    double worstStable = 0;
    SimulatedTick t;
    do {
      t = sim.next();
      double years = Duration.between(START, t.eventTime()).toNanos() / 1e9 / SECONDS_PER_YEAR;
      double price = t.price().doubleValue();
      if (t.symbol().equals("ACC")) {
        double nav = 114.2 * Math.pow(1.04, years);
        worstAccumulating = Math.max(worstAccumulating, Math.abs(price / nav - 1));
        lastAccumulating = price;
        assertThat(t.price().scale()).isEqualTo(4);
      } else {
        worstStable = Math.max(worstStable, Math.abs(price - 1));
      }
    } while (Duration.between(START, t.eventTime()).getSeconds() < month);

    assertThat(worstAccumulating).isLessThan(0.001);
    assertThat(worstStable).isLessThanOrEqualTo(0.0005);
    double expectedGrowth = Math.pow(1.04, month / SECONDS_PER_YEAR) - 1;   // ≈ 0.32 %
    assertThat(lastAccumulating / 114.2 - 1).isCloseTo(expectedGrowth, within(0.1 * expectedGrowth));
  }

  @Test
  @DisplayName("gold's realized annualized volatility over a simulated year is within 30 % of the configured 16 %")
  void goldRealizedVolatilityMatchesConfiguration() {
    Asset gold = CATALOGUE.stream().filter(a -> a.symbol().equals("PAXG")).findFirst().orElseThrow();
    double configured = gold.simulation().annualVolatility();
    MarketSimulator sim = new MarketSimulator(List.of(gold), 11, START, 100_000 / SECONDS_PER_YEAR);

    double sumSquares = 0;
    double previous = gold.simulation().startPrice().doubleValue();
    SimulatedTick t;
    do {
      t = sim.next();
      double p = t.price().doubleValue();
      double r = Math.log(p / previous);
      sumSquares += r * r;
      previous = p;
      assertThat(t.price().scale()).isEqualTo(2);
    } while (t.eventTime().isBefore(START.plus(Duration.ofSeconds((long) SECONDS_PER_YEAR))));

    double realized = Math.sqrt(sumSquares / 1.0);
    assertThat(realized).isBetween(configured * 0.7, configured * 1.3);
  }

  @Test
  @DisplayName("real estate moves by repricing jumps of both signs and barely at all in between")
  void realEstateRepricesByJumps() {
    Asset house = asset("HOUSE", AssetClass.REAL_ESTATE, "50.00", 0.01, 20, 12, 0.05, false, null);
    MarketSimulator sim = new MarketSimulator(List.of(house), 3, START, 50_000 / SECONDS_PER_YEAR);

    int up = 0;
    int down = 0;
    double quietSquares = 0;
    double quietMax = 0;
    int quiet = 0;
    double previous = 50.0;
    SimulatedTick t;
    do {
      t = sim.next();
      double p = t.price().doubleValue();
      double r = Math.log(p / previous);
      previous = p;
      if (Math.abs(r) > 0.01) {
        if (r > 0) {
          up++;
        } else {
          down++;
        }
      } else {
        quietSquares += r * r;
        quietMax = Math.max(quietMax, Math.abs(r));
        quiet++;
      }
    } while (t.eventTime().isBefore(START.plus(Duration.ofSeconds((long) SECONDS_PER_YEAR))));

    assertThat(up + down).isBetween(3, 30);
    assertThat(up).isPositive();
    assertThat(down).isPositive();
    assertThat(Math.sqrt(quietSquares / quiet)).isLessThan(0.0005);
    assertThat(quietMax).isLessThan(0.005);
  }

  @Test
  @DisplayName("private credit repricings skew down: occasional credit events")
  void privateCreditSkewsDown() {
    Asset pool = asset("POOL", AssetClass.PRIVATE_CREDIT, "1.0000", 0, 1_000_000, 50, 0.01, false, null);
    MarketSimulator sim = new MarketSimulator(List.of(pool), 5, START, 20_000 / SECONDS_PER_YEAR);

    double sumJumps = 0;
    double worst = 0;
    double previous = 1.0;
    SimulatedTick t;
    do {
      t = sim.next();
      double p = t.price().doubleValue();
      double r = Math.log(p / previous);
      previous = p;
      sumJumps += r;
      worst = Math.min(worst, r);
    } while (t.eventTime().isBefore(START.plus(Duration.ofSeconds((long) (4 * SECONDS_PER_YEAR)))));

    assertThat(sumJumps).isNegative();
    assertThat(worst).isLessThan(-0.04);
  }

  @Test
  @DisplayName("a million ticks: prices and volumes positive, sequences consecutive, times increasing")
  void millionTicksStayValid() {
    MarketSimulator sim = new MarketSimulator(CATALOGUE, 99, START, 0.05);
    Map<String, Long> nextSequence = new HashMap<>();
    Instant previous = START;

    for (int i = 0; i < 1_000_000; i++) {
      SimulatedTick t = sim.next();
      assertThat(t.price().signum()).isPositive();
      assertThat(t.volume().signum()).isPositive();
      assertThat(t.price().scale()).isBetween(0, SimulationProfile.MAX_DECIMALS);
      assertThat(t.eventTime()).isAfter(previous);
      long expected = nextSequence.getOrDefault(t.symbol(), 0L);
      assertThat(t.sequence()).isEqualTo(expected);
      nextSequence.put(t.symbol(), expected + 1);
      previous = t.eventTime();
    }
    assertThat(nextSequence).hasSize(CATALOGUE.size());
  }

  @Test
  @DisplayName("ticks arrive at the configured mean rate, liquid assets more often than thin ones")
  void respectsRateAndWeights() {
    for (double rate : new double[] {50, 0.5}) {
      MarketSimulator sim = new MarketSimulator(CATALOGUE, 17, START, rate);
      Map<String, Integer> counts = new HashMap<>();
      int n = 200_000;
      SimulatedTick t = null;
      for (int i = 0; i < n; i++) {
        t = sim.next();
        counts.merge(t.symbol(), 1, Integer::sum);
      }
      double seconds = Duration.between(START, t.eventTime()).toNanos() / 1e9;
      assertThat(n / seconds).as("rate").isCloseTo(rate, within(rate * 0.015));
      assertThat(counts.get("PAXG")).isGreaterThan(counts.get("REALT-13245-MONICA") * 5);
      sim.shares().forEach((symbol, share) ->
          assertThat(counts.getOrDefault(symbol, 0) / (double) n).as(symbol).isCloseTo(share, within(0.2 * share + 0.001)));
    }
  }

  @Test
  @DisplayName("gold tokens tracking the same reference move together, each with a small basis")
  void trackersOfOneReferenceMoveTogether() {
    List<Asset> gold = CATALOGUE.stream().filter(a -> "XAU".equals(a.simulation().tracks())).toList();
    assertThat(gold).extracting(Asset::symbol).contains("PAXG", "XAUT", "KAU");
    MarketSimulator sim = new MarketSimulator(gold, 23, START, 100_000 / SECONDS_PER_YEAR);

    Map<String, Double> last = new HashMap<>();
    double worstBasis = 0;
    SimulatedTick t;
    do {
      t = sim.next();
      last.put(t.symbol(), t.price().doubleValue());
      if (last.containsKey("PAXG") && last.containsKey("XAUT")) {
        double paxgMove = last.get("PAXG") / 4150.00;
        double xautMove = last.get("XAUT") / 4145.00;
        worstBasis = Math.max(worstBasis, Math.abs(paxgMove / xautMove - 1));
      }
    } while (t.eventTime().isBefore(START.plus(Duration.ofSeconds((long) SECONDS_PER_YEAR))));

    // independent paths at 16 % would typically be ~20 % apart after a year; trackers stay within ~1 %
    assertThat(worstBasis).isLessThan(0.01);
    assertThat(Math.abs(last.get("PAXG") / 4150.00 - 1)).isGreaterThan(worstBasis);
  }

  @Test
  void refusesTrackersThatDisagreeOnVolatility() {
    Asset a = CATALOGUE.stream().filter(x -> x.symbol().equals("PAXG")).findFirst().orElseThrow();
    SimulationProfile s = a.simulation();
    Asset b = new Asset("GOLD2", "Other gold", AssetClass.COMMODITY, "Test", "ethereum", Map.of(), "USD", null, null,
        Map.of(), List.of(), new SimulationProfile(s.startPrice(), 0.30, s.dailyVolume(), 0, 0, s.priceDecimals(),
        false, "XAU"));

    assertThatThrownBy(() -> new MarketSimulator(List.of(a, b), 1, START))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XAU");
  }

  @Test
  void roundsToEachAssetsTickSize() {
    MarketSimulator sim = new MarketSimulator(CATALOGUE, 1, START);
    Map<String, Integer> scales = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      SimulatedTick t = sim.next();
      scales.put(t.symbol(), t.price().scale());
    }
    assertThat(scales).containsEntry("BUIDL", 4).containsEntry("PAXG", 2).containsEntry("NVDAX", 2)
        .containsEntry("OUSG", 4);
  }

  @Test
  void refusesNoAssetsOrNoRate() {
    assertThatThrownBy(() -> new MarketSimulator(List.of(), 1, START)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MarketSimulator(CATALOGUE, 1, START, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MarketSimulator(CATALOGUE, 1, START, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Asset asset(String symbol, AssetClass assetClass, String start, double vol, double dailyVolume,
                             double repricingPerYear, double repricingSize, boolean stableNav, String apy) {
    BigDecimal startPrice = new BigDecimal(start);
    return new Asset(symbol, symbol + " test asset", assetClass, "Test", "ethereum", Map.of(), "USD", null,
        apy == null ? null : new BigDecimal(apy), Map.of(), List.of(),
        new SimulationProfile(startPrice, vol, dailyVolume, repricingPerYear, repricingSize,
            Math.max(SimulationProfile.defaultPriceDecimals(assetClass, startPrice), startPrice.scale()), stableNav,
            null));
  }
}
