package io.rwaprime.forecasting;

import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.BarInterval;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The verticle's ensemble with and without its LSTM member (TensorFlow Java on the CPU). */
class AssetForecasterTest {

  private static RwaConfig.Forecasting config(boolean lstm) {
    return new RwaConfig.Forecasting(Duration.ofHours(1), Duration.ZERO, 60, 72, 500, 6, 2.5, Duration.ofHours(1),
        new RwaConfig.Lstm(lstm, "cpu", 10, 8, 3));
  }

  private static Series series() {
    Random r = new Random(7);
    double[] closes = new double[140];
    double p = 100;
    for (int i = 0; i < closes.length; i++) {
      p *= Math.exp(0.0005 + 0.01 * r.nextGaussian());
      closes[i] = p;
    }
    Instant last = Instant.parse("2026-06-01T00:00:00Z");
    return new Series("TEST", BarInterval.D1, last.minus(Duration.ofDays(closes.length - 1)), last, closes);
  }

  @Test
  void theLstmJoinsTheEnsembleWhenEnabledAndIsWeightedByItsBacktest() {
    AssetForecast f = new AssetForecaster(config(true)).fit(series(), Instant.parse("2026-06-01T01:00:00Z"));
    assertThat(f.family()).isEqualTo("ensemble");
    assertThat(f.weights()).containsKeys("auto-arima", "naive", "drift", "lstm");
    assertThat(f.weights().get("lstm")).isGreaterThan(0);
    assertThat(f.weights().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(f.model()).contains("lstm");
    assertThat(f.horizons()).extracting(AssetForecast.Horizon::days).containsExactly(7, 30);
    assertThat(f.horizons().get(1).steps()).hasSize(30);
  }

  @Test
  void withoutItTheEnsembleHasTheThreeClassicalMembers() {
    AssetForecast f = new AssetForecaster(config(false)).fit(series(), Instant.parse("2026-06-01T01:00:00Z"));
    assertThat(f.weights()).containsOnlyKeys("auto-arima", "naive", "drift");
  }
}
