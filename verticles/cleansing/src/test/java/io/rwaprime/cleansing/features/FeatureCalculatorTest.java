package io.rwaprime.cleansing.features;

import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FeatureCalculatorTest {

  private static final Instant DAY0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final double[] DAILY = {100, 102, 101, 105, 107, 106, 110, 108, 111, 115};
  private static final double EPS = 1e-12;

  private final FeatureCalculator calc = new FeatureCalculator(new FeatureCalculator.Config(3, 5, 1.0, 40));

  static Bar bar(String symbol, BarInterval interval, Instant open, String close, int revision) {
    BigDecimal c = new BigDecimal(close);
    return new Bar(symbol, interval, open, c, c, c, c, BigDecimal.ONE, c, 1, revision, null);
  }

  private Features feedDaily() {
    Features f = null;
    for (int i = 0; i < DAILY.length; i++) {
      f = calc.onBar(bar("PAXG", BarInterval.D1, DAY0.plus(Duration.ofDays(i)), Double.toString(DAILY[i]), 0)).orElseThrow();
    }
    return f;
  }

  @Test
  @DisplayName("daily features match a hand computation: SMA, EMA, 1d return, 7d volatility, drawdown")
  void dailyFeaturesByHand() {
    Features f = feedDaily();
    assertThat(f.asOf()).isEqualTo(Instant.parse("2025-01-11T00:00:00Z"));
    assertThat(f.lastPrice()).isEqualByComparingTo("115");
    assertThat(f.logReturn1d()).isCloseTo(Math.log(115.0 / 111.0), within(EPS));

    assertThat(f.fastPeriod()).isEqualTo(3);
    assertThat(f.smaFast()).isCloseTo((108 + 111 + 115) / 3.0, within(EPS));
    assertThat(f.smaSlow()).isCloseTo((106 + 110 + 108 + 111 + 115) / 5.0, within(EPS));
    // EMA(3): seed (100 + 102 + 101) / 3 = 101, then α = 0.5 per close
    double ema3 = 101;
    for (double c : new double[] {105, 107, 106, 110, 108, 111, 115}) {
      ema3 = 0.5 * c + 0.5 * ema3;
    }
    assertThat(ema3).isEqualTo(112.21875);
    assertThat(f.emaFast()).isCloseTo(112.21875, within(EPS));
    // EMA(5): seed (100 + 102 + 101 + 105 + 107) / 5 = 103, then α = 1/3: 104, 106, 106.67, 108.11, 110.41
    double ema5 = 103;
    for (double c : new double[] {106, 110, 108, 111, 115}) {
      ema5 = c / 3 + ema5 * 2 / 3;
    }
    assertThat(f.emaSlow()).isCloseTo(ema5, within(1e-9)).isCloseTo(110.4074, within(1e-4));

    // 7d: the 7 daily returns from day 2 to day 9, annualized with √365
    double[] r = {Math.log(105 / 101.0), Math.log(107 / 105.0), Math.log(106 / 107.0), Math.log(110 / 106.0),
        Math.log(108 / 110.0), Math.log(111 / 108.0), Math.log(115 / 111.0)};
    double sumSquares = 0;
    for (double x : r) {
      sumSquares += x * x;
    }
    assertThat(f.realizedVol7d()).isCloseTo(Math.sqrt(sumSquares / 7 * 365), within(EPS));
    assertThat(f.realizedVol30d()).isNull();
    assertThat(f.realizedVol1d()).isNull();
    // peak 110, then 108
    assertThat(f.maxDrawdown()).isCloseTo(2 / 110.0, within(EPS));
    assertThat(f.nav()).isNull();
    assertThat(f.navPremium()).isNull();
    assertThat(f.yieldSpreadOverTbill()).isNull();
  }

  @Test
  @DisplayName("too little history gives nulls, not misleading numbers")
  void nullsWithoutEnoughData() {
    Features f = calc.onBar(bar("PAXG", BarInterval.D1, DAY0, "100", 0)).orElseThrow();
    assertThat(f.lastPrice()).isEqualByComparingTo("100");
    assertThat(f.logReturn1d()).isNull();
    assertThat(f.smaFast()).isNull();
    assertThat(f.emaFast()).isNull();
    assertThat(f.realizedVol7d()).isNull();
    assertThat(f.maxDrawdown()).isZero();
    for (int i = 1; i < 7; i++) {
      f = calc.onBar(bar("PAXG", BarInterval.D1, DAY0.plus(Duration.ofDays(i)), "10" + i, 0)).orElseThrow();
    }
    // 7 closes span 6 days: not a 7-day window yet
    assertThat(f.smaFast()).isNotNull();
    assertThat(f.realizedVol7d()).isNull();
  }

  @Test
  @DisplayName("1d realized volatility from a full day of 1m closes: |ln 1.01| × √525600")
  void intradayVolatility() {
    Features f = null;
    for (int i = 0; i <= 1440; i++) {
      f = calc.onBar(bar("XAUT", BarInterval.M1, DAY0.plus(Duration.ofMinutes(i)), i % 2 == 0 ? "100" : "101", 0))
          .orElseThrow();
      if (i == 1439) {
        assertThat(f.realizedVol1d()).as("23 h 59 min of returns").isNull();
      }
    }
    assertThat(f.realizedVol1d()).isCloseTo(Math.log(1.01) * Math.sqrt(525_600), within(1e-9));
    assertThat(f.maxDrawdown()).isCloseTo(1 / 101.0, within(EPS));
    // two more days: old closes are pruned, the figure stays the same
    for (int i = 1441; i <= 3 * 1440; i++) {
      f = calc.onBar(bar("XAUT", BarInterval.M1, DAY0.plus(Duration.ofMinutes(i)), i % 2 == 0 ? "100" : "101", 0))
          .orElseThrow();
    }
    assertThat(f.realizedVol1d()).isCloseTo(Math.log(1.01) * Math.sqrt(525_600), within(1e-9));
  }

  @Test
  @DisplayName("a return across a missing minute counts for the two minutes it spans")
  void gapsDoNotInflateVolatility() {
    Features f = null;
    for (int i = 0; i <= 1440; i += 2) {
      f = calc.onBar(bar("XAUT", BarInterval.M1, DAY0.plus(Duration.ofMinutes(i)), i % 4 == 0 ? "100" : "101", 0))
          .orElseThrow();
    }
    // 720 returns of ±ln 1.01 over 1440 minutes
    assertThat(f.realizedVol1d()).isCloseTo(Math.sqrt(720 * Math.pow(Math.log(1.01), 2) / 1440 * 525_600), within(1e-9));
  }

  @Test
  @DisplayName("the 1d log return compares with the 1m close 24 h before the newest bar's end")
  void logReturnFromMinuteBars() {
    Features f = null;
    for (int i = 0; i <= 1440; i++) {
      f = calc.onBar(bar("XAUT", BarInterval.M1, DAY0.plus(Duration.ofMinutes(i)),
          BigDecimal.valueOf(10_000 + i, 2).toPlainString(), 0)).orElseThrow();
    }
    assertThat(f.asOf()).isEqualTo(DAY0.plus(Duration.ofMinutes(1441)));
    assertThat(f.lastPrice()).isEqualTo(new BigDecimal("114.40"));
    assertThat(f.logReturn1d()).isCloseTo(Math.log(114.40 / 100.00), within(EPS));
  }

  @Test
  @DisplayName("yield spread over the 3-month T-bill (DTB3 discount rate → APY) and premium to NAV")
  void yieldAndNav() {
    calc.setReference("BUIDL", new BigDecimal("1.00"), new BigDecimal("0.0375"));
    calc.setTbillDiscountRate(new BigDecimal("4.19"));
    Features f = calc.onBar(bar("BUIDL", BarInterval.D1, DAY0, "1.0012", 0)).orElseThrow();
    // price of the 91-day bill 1 − 0.0419 × 91/360; APY (1/price)^(365/91) − 1
    double tbill = Math.pow(1 / (1 - 0.0419 * 91 / 360), 365.0 / 91) - 1;
    assertThat(tbill).isCloseTo(0.0436336, within(1e-7));
    assertThat(f.tbillYield()).isCloseTo(tbill, within(EPS));
    assertThat(f.yieldApy()).isEqualTo(0.0375);
    assertThat(f.yieldSpreadOverTbill()).isCloseTo(0.0375 - tbill, within(EPS));
    assertThat(f.nav()).isEqualTo(new BigDecimal("1.00"));
    assertThat(f.navPremium()).isCloseTo(0.0012, within(EPS));

    calc.setReference("BUIDL", new BigDecimal("1.01"), null);
    f = calc.features("BUIDL").orElseThrow();
    assertThat(f.navPremium()).isCloseTo((1.0012 - 1.01) / 1.01, within(EPS));
    assertThat(f.yieldApy()).isNull();
    assertThat(f.yieldSpreadOverTbill()).isNull();
  }

  @Test
  @DisplayName("a corrected bar replaces the one with the same open time")
  void correctionReplaces() {
    feedDaily();
    Features f = calc.onBar(bar("PAXG", BarInterval.D1, DAY0.plus(Duration.ofDays(9)), "112", 1)).orElseThrow();
    assertThat(f.lastPrice()).isEqualByComparingTo("112");
    assertThat(f.smaFast()).isCloseTo((108 + 111 + 112) / 3.0, within(EPS));
    assertThat(f.logReturn1d()).isCloseTo(Math.log(112 / 111.0), within(EPS));
  }

  @Test
  void ignoresOtherIntervalsAndUnknownSymbols() {
    assertThat(calc.onBar(bar("PAXG", BarInterval.M5, DAY0, "1", 0))).isEmpty();
    assertThat(calc.onBar(bar("PAXG", BarInterval.H1, DAY0, "1", 0))).isEmpty();
    assertThat(calc.features("PAXG")).isEmpty();
    calc.setReference("NEW", BigDecimal.ONE, null);
    assertThat(calc.features("NEW")).isEmpty();
  }

  @Test
  @DisplayName("JSON has snake_case keys, SMA/EMA keyed by period, explicit nulls and exact decimals")
  void json() {
    Features f = feedDaily();
    JsonObject json = f.toJson();
    assertThat(json.getString("symbol")).isEqualTo("PAXG");
    assertThat(json.getString("as_of")).isEqualTo("2025-01-11T00:00:00Z");
    assertThat(json.getString("last_price")).isEqualTo("115.0");
    assertThat(json.getDouble("sma3")).isEqualTo(f.smaFast());
    assertThat(json.getDouble("ema5")).isEqualTo(f.emaSlow());
    assertThat(json.getDouble("realized_vol_7d")).isEqualTo(f.realizedVol7d());
    assertThat(json.containsKey("realized_vol_30d")).isTrue();
    assertThat(json.getValue("realized_vol_30d")).isNull();
    assertThat(json.fieldNames()).contains("log_return_1d", "realized_vol_1d", "max_drawdown", "nav", "nav_premium",
        "yield_apy", "tbill_yield", "yield_spread_over_tbill");
    assertThat(new JsonObject(json.encode())).isEqualTo(json);

    FeatureCalculator defaults = new FeatureCalculator(FeatureCalculator.Config.defaults());
    JsonObject d = defaults.onBar(bar("PAXG", BarInterval.D1, DAY0, "1", 0)).orElseThrow().toJson();
    assertThat(d.fieldNames()).contains("sma20", "ema20", "sma50", "ema50");
  }

  @Test
  void refusesInvalidSettings() {
    assertThatThrownBy(() -> new FeatureCalculator.Config(20, 20, 1, 400)).hasMessageContaining("periods");
    assertThatThrownBy(() -> new FeatureCalculator.Config(20, 50, 0, 400)).hasMessageContaining("minWindowCoverage");
    assertThatThrownBy(() -> new FeatureCalculator.Config(20, 50, 1, 30)).hasMessageContaining("dailyHistory");
    assertThatThrownBy(() -> calc.setReference("X", BigDecimal.ZERO, null)).hasMessageContaining("nav");
  }
}
