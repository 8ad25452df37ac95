package io.rwaprime.ml.arima;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AutoArimaTest {

    @Test
    @DisplayName("d and D for AirPassengers are those asserted by forecast's own test suite")
    void choosesDifferencesForAirPassengersAsForecastsTests() {
        double[] ap = Datasets.load("AirPassengers");
        // forecast tests/testthat/test-newarima2.R: ndiffs(AirPassengers) == 1, nsdiffs(.., "seas") == 1
        assertThat(Differencing.ndiffs(ap, 2)).isEqualTo(1);
        assertThat(Differencing.nsdiffs(ap, 12, 1)).isEqualTo(1);
    }

    @Test
    @DisplayName("auto.arima(AirPassengers) is forecast's published ARIMA(2,1,1)(0,1,0)[12]")
    void selectsPublishedModelForAirPassengers() {
        // summary(auto.arima(AirPassengers)) as published on RPubs (293535): ar1 0.5960
        // ar2 0.2143 ma1 -0.9819, s.e. 0.0888 0.0880 0.0292, sigma^2 132.3,
        // log likelihood -504.92, AIC 1017.85, AICc 1018.17, BIC 1029.35.
        ArimaFit fit = AutoArima.fit(Datasets.load("AirPassengers"), 12);
        assertThat(fit.spec().toString()).isEqualTo("ARIMA(2,1,1)(0,1,0)[12]");
        assertThat(fit.coefficient("ar1")).isCloseTo(0.5960, within(0.00005));
        assertThat(fit.coefficient("ar2")).isCloseTo(0.2143, within(0.00005));
        assertThat(fit.coefficient("ma1")).isCloseTo(-0.9819, within(0.00005));
        assertThat(fit.standardErrors().get("ar1")).isCloseTo(0.0888, within(0.00005));
        assertThat(fit.standardErrors().get("ar2")).isCloseTo(0.0880, within(0.00005));
        assertThat(fit.standardErrors().get("ma1")).isCloseTo(0.0292, within(0.00005));
        assertThat(fit.sigma2()).isCloseTo(132.3, within(0.05));
        assertThat(fit.logLikelihood()).isCloseTo(-504.92, within(0.005));
        assertThat(fit.aic()).isCloseTo(1017.85, within(0.005));
        assertThat(fit.aicc()).isCloseTo(1018.17, within(0.005));
        assertThat(fit.bic()).isCloseTo(1029.35, within(0.005));
    }

    @Test
    @DisplayName("on log(AirPassengers) the search ends at the airline model")
    void selectsAirlineModelForLogAirPassengers() {
        ArimaFit fit = AutoArima.fit(Datasets.log(Datasets.load("AirPassengers")), 12);
        assertThat(fit.spec().toString()).isEqualTo("ARIMA(0,1,1)(0,1,1)[12]");
        assertThat(fit.coefficient("ma1")).isCloseTo(-0.4018, within(0.00005));
        assertThat(fit.coefficient("sma1")).isCloseTo(-0.5569, within(0.00005));
    }

    @Test
    @DisplayName("the exhaustive search is never worse than the stepwise one inside max.order")
    void nonStepwiseSearchIsAtLeastAsGoodAsStepwise() {
        // A non-seasonal series keeps this fast; the seasonal exhaustive search on
        // AirPassengers takes tens of seconds, as it does in R.
        double[] y = Datasets.load("WWWusage");
        ArimaFit stepwise = AutoArima.fit(y, 1);
        ArimaFit all = AutoArima.fit(y, 1, AutoArima.Options.defaults().withStepwise(false));
        assertThat(stepwise.spec().toString()).isEqualTo("ARIMA(1,1,1)");
        assertThat(all.aicc()).isLessThanOrEqualTo(stepwise.aicc() + 1e-9);
    }

    @Test
    void approximationPathRefitsExactly() {
        ArimaFit fit = AutoArima.fit(Datasets.load("AirPassengers"), 12,
                AutoArima.Options.defaults().withApproximation(true));
        assertThat(fit.method()).isEqualTo(EstimationMethod.CSS_ML);
        assertThat(fit.aicc()).isFinite();
    }

    @Test
    @DisplayName("a constant series gives the constant model and a flat forecast with zero se")
    void constantSeriesForecastsTheConstant() {
        double[] y = new double[30];
        java.util.Arrays.fill(y, 5.0);
        ArimaFit fit = AutoArima.fit(y, 12);
        assertThat(fit.coefficients()).containsEntry("intercept", 5.0);
        List<ForecastStep> fc = fit.forecast(3);
        assertThat(fc).allSatisfy(s -> {
            assertThat(s.mean()).isEqualTo(5.0);
            assertThat(s.se()).isZero();
            assertThat(s.interval(95).lower()).isEqualTo(5.0);
        });
    }

    @Test
    void linearSeriesGetsExactDriftModel() {
        double[] y = new double[40];
        for (int i = 0; i < y.length; i++) {
            y[i] = 3 + 0.5 * i;
        }
        ArimaFit fit = AutoArima.fit(y, 1);
        assertThat(fit.spec().differences()).isEqualTo(1);
        assertThat(fit.coefficient("drift")).isCloseTo(0.5, within(1e-12));
        assertThat(fit.forecast(2).get(1).mean()).isCloseTo(3 + 0.5 * 41, within(1e-9));
    }

    @Test
    void seriesWithGapsIsHandled() {
        double[] y = Datasets.load("presidents");
        ArimaFit fit = AutoArima.fit(y, 4);
        assertThat(fit.aicc()).isFinite();
        assertThat(fit.forecast(4)).allSatisfy(s -> assertThat(s.se()).isPositive().isFinite());
    }

    @Test
    void rejectsEmptyAllMissingAndInfiniteSeries() {
        assertThatThrownBy(() -> AutoArima.fit(new double[0], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> AutoArima.fit(new double[] {Double.NaN, Double.NaN}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> AutoArima.fit(new double[] {1, Double.POSITIVE_INFINITY, 2}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("infinite");
        assertThatThrownBy(() -> AutoArima.fit(new double[] {1, 2, 3}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frequency");
    }

    @Test
    void veryShortSeriesStillGivesAModel() {
        ArimaFit fit = AutoArima.fit(new double[] {1.0, 3.0, 2.0, 4.0, 3.5}, 1);
        assertThat(fit.forecast(1).get(0).mean()).isFinite();
    }
}
