package io.rwaprime.ml.arima;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ArimaInputTest {

    private static final ArimaSpec AIRLINE = ArimaSpec.of(0, 1, 1).withSeasonal(0, 1, 1, 12);

    @Test
    void rejectsSeriesTooShortForTheOrder() {
        double[] y = java.util.Arrays.copyOf(Datasets.load("USAccDeaths"), 14);
        assertThatThrownBy(() -> Arima.fit(y, AIRLINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short").hasMessageContaining("ARIMA(0,1,1)(0,1,1)[12]");
    }

    @Test
    void rejectsConstantSeriesWithAPointerToAutoArima() {
        double[] y = new double[20];
        java.util.Arrays.fill(y, 2.5);
        assertThatThrownBy(() -> Arima.fit(y, ArimaSpec.of(1, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("constant").hasMessageContaining("AutoArima");
    }

    @Test
    void rejectsBadSpecsAndData() {
        assertThatThrownBy(() -> ArimaSpec.of(-1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> ArimaSpec.of(1, 2, 0).withDrift(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d + D = 1");
        assertThatThrownBy(() -> ArimaSpec.of(0, 0, 0).withSeasonal(1, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
        assertThatThrownBy(() -> Arima.fit(new double[] {1, Double.NEGATIVE_INFINITY, 2, 3},
                ArimaSpec.of(0, 0, 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> Arima.fit(new double[] {Double.NaN, Double.NaN},
                ArimaSpec.of(0, 0, 0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no non-missing");
        ArimaFit fit = Arima.fit(Datasets.load("lh"), ArimaSpec.of(1, 0, 0));
        assertThatThrownBy(() -> fit.forecast(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fit.forecast(3, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fit.coefficient("ma1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ar1");
    }

    @Test
    void forecastIntervalsUseNormalQuantiles() {
        var step = Arima.fit(Datasets.load("lh"), ArimaSpec.of(3, 0, 0)).forecast(1, 95, 80).get(0);
        assertThat(step.intervals()).extracting(ForecastStep.Interval::level).containsExactly(80.0, 95.0);
        assertThat(step.interval(95).upper() - step.mean()).isCloseTo(1.959964 * step.se(), within(1e-6));
        assertThat(step.interval(80).upper() - step.mean()).isCloseTo(1.281552 * step.se(), within(1e-6));
    }

    @Test
    void driftModelForecastsAlongTheTrend() {
        double[] y = new double[60];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 1; i < y.length; i++) {
            y[i] = y[i - 1] + 2 + rnd.nextGaussian();
        }
        ArimaFit fit = Arima.fit(y, ArimaSpec.of(0, 1, 1).withDrift(true));
        assertThat(fit.coefficients().keySet()).containsExactly("ma1", "drift");
        assertThat(fit.coefficient("drift")).isCloseTo(2.0, within(0.5));
        var fc = fit.forecast(10);
        assertThat(fc.get(9).mean() - fc.get(0).mean()).isCloseTo(9 * fit.coefficient("drift"), within(1e-9));
        assertThat(fc.get(9).se()).isGreaterThan(fc.get(0).se());
    }

    @Test
    void reportsInvertibleMaWhenDataFavourANonInvertibleStart() {
        // maInvert reflects roots inside the unit circle: 1 + 2.5z has root -0.4 -> theta 0.4.
        assertThat(ParameterTransform.maInvert(new double[] {2.5})).containsExactly(0.4);
        double[] twoRoots = ParameterTransform.maInvert(new double[] {-2.5, 1.0});
        // (1 - 2z)(1 - 0.5z) has a root at 0.5; reflected to 2: (1 - 0.5z)^2 = 1 - z + 0.25z^2.
        assertThat(twoRoots[0]).isCloseTo(-1.0, within(1e-12));
        assertThat(twoRoots[1]).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void overParameterisedModelNeverReturnsNaNCoefficients() {
        java.util.Random rnd = new java.util.Random(3);
        double[] y = new double[80];
        for (int i = 0; i < y.length; i++) {
            y[i] = rnd.nextGaussian();
        }
        ArimaFit fit = Arima.fit(y, ArimaSpec.of(2, 0, 2));
        assertThat(fit.coefficients().values()).allSatisfy(v -> assertThat(v).isFinite());
        assertThat(fit.logLikelihood()).isFinite();
        boolean nanSe = fit.standardErrors().values().stream().anyMatch(v -> v.isNaN());
        assertThat(!nanSe || !fit.warnings().isEmpty()).isTrue();
    }
}
