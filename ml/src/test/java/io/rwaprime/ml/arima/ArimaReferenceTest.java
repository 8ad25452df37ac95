package io.rwaprime.ml.arima;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Fits against R's published output. Unless said otherwise the expected values are R's own
 * saved example output, {@code tests/Examples/stats-Ex.Rout.save} and
 * {@code datasets-Ex.Rout.save} in r-source (the arima, predict.Arima and AirPassengers help
 * examples), which R's check compares against on every build. Tolerances are half a unit in
 * the last printed digit.
 */
class ArimaReferenceTest {

    @Test
    @DisplayName("airline model on log(AirPassengers) matches R: ma1 -0.4018, sma1 -0.5569")
    void fitsAirlineModelOnLogAirPassengers() {
        ArimaFit fit = Arima.fit(Datasets.log(Datasets.load("AirPassengers")),
                ArimaSpec.of(0, 1, 1).withSeasonal(0, 1, 1, 12));
        assertThat(fit.coefficient("ma1")).isCloseTo(-0.4018, within(0.00005));
        assertThat(fit.coefficient("sma1")).isCloseTo(-0.5569, within(0.00005));
        assertThat(fit.standardErrors().get("ma1")).isCloseTo(0.0896, within(0.00005));
        assertThat(fit.standardErrors().get("sma1")).isCloseTo(0.0731, within(0.00005));
        assertThat(fit.sigma2()).isCloseTo(0.001348, within(0.0000005));
        assertThat(fit.logLikelihood()).isCloseTo(244.70, within(0.005));
        assertThat(fit.aic()).isCloseTo(-483.40, within(0.005));
        assertThat(fit.nobs()).isEqualTo(131);
    }

    @Test
    @DisplayName("AR(1) with mean on lh matches R's arima example")
    void fitsAr1WithMeanOnLh() {
        ArimaFit fit = Arima.fit(Datasets.load("lh"), ArimaSpec.of(1, 0, 0));
        assertThat(fit.coefficients().keySet()).containsExactly("ar1", "intercept");
        assertThat(fit.coefficient("ar1")).isCloseTo(0.5739, within(0.00005));
        assertThat(fit.coefficient("intercept")).isCloseTo(2.4133, within(0.00005));
        assertThat(fit.standardErrors().get("ar1")).isCloseTo(0.1161, within(0.00005));
        assertThat(fit.standardErrors().get("intercept")).isCloseTo(0.1466, within(0.00005));
        assertThat(fit.sigma2()).isCloseTo(0.1975, within(0.00005));
        assertThat(fit.logLikelihood()).isCloseTo(-29.38, within(0.005));
        assertThat(fit.aic()).isCloseTo(64.76, within(0.005));
    }

    @Test
    void fitsAr3AndArma11OnLh() {
        ArimaFit ar3 = Arima.fit(Datasets.load("lh"), ArimaSpec.of(3, 0, 0));
        assertThat(ar3.coefficient("ar1")).isCloseTo(0.6448, within(0.00005));
        assertThat(ar3.coefficient("ar2")).isCloseTo(-0.0634, within(0.00005));
        assertThat(ar3.coefficient("ar3")).isCloseTo(-0.2198, within(0.00005));
        assertThat(ar3.coefficient("intercept")).isCloseTo(2.3931, within(0.00005));
        assertThat(ar3.standardErrors().get("ar1")).isCloseTo(0.1394, within(0.00005));
        assertThat(ar3.standardErrors().get("intercept")).isCloseTo(0.0963, within(0.00005));
        assertThat(ar3.sigma2()).isCloseTo(0.1787, within(0.00005));
        assertThat(ar3.logLikelihood()).isCloseTo(-27.09, within(0.005));
        assertThat(ar3.aic()).isCloseTo(64.18, within(0.005));

        ArimaFit arma = Arima.fit(Datasets.load("lh"), ArimaSpec.of(1, 0, 1));
        assertThat(arma.coefficient("ar1")).isCloseTo(0.4522, within(0.00005));
        assertThat(arma.coefficient("ma1")).isCloseTo(0.1982, within(0.00005));
        assertThat(arma.coefficient("intercept")).isCloseTo(2.4101, within(0.00005));
        assertThat(arma.standardErrors().get("ma1")).isCloseTo(0.1705, within(0.00005));
        assertThat(arma.sigma2()).isCloseTo(0.1923, within(0.00005));
        assertThat(arma.logLikelihood()).isCloseTo(-28.76, within(0.005));
        assertThat(arma.aic()).isCloseTo(65.52, within(0.005));
    }

    @Test
    void fitsCssOnLh() {
        ArimaFit fit = Arima.fit(Datasets.load("lh"), ArimaSpec.of(3, 0, 0), EstimationMethod.CSS);
        assertThat(fit.coefficient("ar1")).isCloseTo(0.6578, within(0.00005));
        assertThat(fit.coefficient("ar2")).isCloseTo(-0.0658, within(0.00005));
        assertThat(fit.coefficient("ar3")).isCloseTo(-0.2348, within(0.00005));
        assertThat(fit.coefficient("intercept")).isCloseTo(2.3918, within(0.00005));
        assertThat(fit.standardErrors().get("ar1")).isCloseTo(0.1414, within(0.00005));
        assertThat(fit.sigma2()).isCloseTo(0.1905, within(0.00005));
        assertThat(fit.logLikelihood()).isCloseTo(-28.31, within(0.005));
    }

    @Test
    @DisplayName("airline model on USAccDeaths matches R, including predict(fit, 6)")
    void fitsAndForecastsUsAccDeaths() {
        ArimaFit fit = Arima.fit(Datasets.load("USAccDeaths"),
                ArimaSpec.of(0, 1, 1).withSeasonal(0, 1, 1, 12));
        assertThat(fit.coefficient("ma1")).isCloseTo(-0.4303, within(0.00005));
        assertThat(fit.coefficient("sma1")).isCloseTo(-0.5528, within(0.00005));
        assertThat(fit.standardErrors().get("ma1")).isCloseTo(0.1228, within(0.00005));
        assertThat(fit.standardErrors().get("sma1")).isCloseTo(0.1784, within(0.00005));
        assertThat(fit.sigma2()).isCloseTo(99347, within(0.5));
        assertThat(fit.logLikelihood()).isCloseTo(-425.44, within(0.005));
        assertThat(fit.aic()).isCloseTo(856.88, within(0.005));

        var fc = fit.forecast(6);
        double[] mean = {8336.1, 7531.8, 8314.6, 8616.9, 9488.9, 9859.8};
        double[] se = {315.45, 363.01, 405.02, 443.06, 478.09, 510.72};
        for (int i = 0; i < 6; i++) {
            assertThat(fc.get(i).mean()).isCloseTo(mean[i], within(0.05));
            assertThat(fc.get(i).se()).isCloseTo(se[i], within(0.005));
        }
    }

    @Test
    void fitsCssOnUsAccDeaths() {
        ArimaFit fit = Arima.fit(Datasets.load("USAccDeaths"),
                ArimaSpec.of(0, 1, 1).withSeasonal(0, 1, 1, 12), EstimationMethod.CSS);
        assertThat(fit.coefficient("ma1")).isCloseTo(-0.3732, within(0.00005));
        assertThat(fit.coefficient("sma1")).isCloseTo(-0.4549, within(0.00005));
        assertThat(fit.standardErrors().get("ma1")).isCloseTo(0.1366, within(0.00005));
        assertThat(fit.sigma2()).isCloseTo(110330, within(5.0));
        assertThat(fit.logLikelihood()).isCloseTo(-426.25, within(0.005));
    }

    @Test
    @DisplayName("predict(arima(lh, order = c(3,0,0)), n.ahead = 12) matches R")
    void forecastsLhAr3() {
        var fc = Arima.fit(Datasets.load("lh"), ArimaSpec.of(3, 0, 0)).forecast(12);
        double[] mean = {2.4602, 2.2708, 2.1986, 2.2607, 2.3470, 2.4145, 2.4389, 2.4315, 2.4102,
            2.3917, 2.3827, 2.3827};
        double[] se = {0.42268, 0.50293, 0.52452, 0.52472, 0.53055, 0.53692, 0.53880, 0.53884,
            0.53910, 0.53952, 0.53970, 0.53971};
        for (int i = 0; i < 12; i++) {
            assertThat(fc.get(i).mean()).isCloseTo(mean[i], within(0.00005));
            assertThat(fc.get(i).se()).isCloseTo(se[i], within(0.000005));
        }
    }

    @Test
    @DisplayName("presidents has NAs: ML with gaps skipped by the Kalman filter matches R")
    void fitsSeriesWithMissingValues() {
        double[] x = Datasets.load("presidents");
        ArimaFit fit1 = Arima.fit(x, ArimaSpec.of(1, 0, 0));
        assertThat(fit1.method()).isEqualTo(EstimationMethod.ML);
        assertThat(fit1.nobs()).isEqualTo(114);
        assertThat(fit1.coefficient("ar1")).isCloseTo(0.8242, within(0.00005));
        assertThat(fit1.coefficient("intercept")).isCloseTo(56.1505, within(0.00005));
        assertThat(fit1.standardErrors().get("ar1")).isCloseTo(0.0555, within(0.00005));
        assertThat(fit1.standardErrors().get("intercept")).isCloseTo(4.6434, within(0.00005));
        assertThat(fit1.sigma2()).isCloseTo(85.47, within(0.005));
        assertThat(fit1.logLikelihood()).isCloseTo(-416.89, within(0.005));
        assertThat(fit1.aic()).isCloseTo(839.78, within(0.005));
        assertThat(fit1.bic()).isCloseTo(847.9931, within(0.00005));

        ArimaFit fit3 = Arima.fit(x, ArimaSpec.of(3, 0, 0));
        assertThat(fit3.coefficient("ar1")).isCloseTo(0.7496, within(0.00005));
        assertThat(fit3.coefficient("ar2")).isCloseTo(0.2523, within(0.00005));
        assertThat(fit3.coefficient("ar3")).isCloseTo(-0.1890, within(0.00005));
        assertThat(fit3.coefficient("intercept")).isCloseTo(56.2223, within(0.00005));
        assertThat(fit3.sigma2()).isCloseTo(81.12, within(0.005));
        assertThat(fit3.aic()).isCloseTo(838.1639, within(0.00005));
        var fc = fit3.forecast(3);
        double[] mean = {29.84194, 34.41014, 39.30815};
        double[] se = {9.00655, 11.25606, 13.43389};
        for (int i = 0; i < 3; i++) {
            assertThat(fc.get(i).mean()).isCloseTo(mean[i], within(0.000005));
            assertThat(fc.get(i).se()).isCloseTo(se[i], within(0.000005));
        }
        assertThat(Arima.fit(x, ArimaSpec.of(2, 0, 0)).aic()).isCloseTo(840.0458, within(0.00005));
        assertThat(Arima.fit(x, ArimaSpec.of(2, 0, 1)).aic()).isCloseTo(838.1272, within(0.00005));
        assertThat(Arima.fit(x, ArimaSpec.of(3, 0, 1)).aic()).isCloseTo(838.8124, within(0.00005));
        assertThat(Arima.fit(x, ArimaSpec.of(2, 0, 1).withSeasonal(1, 0, 0, 4)).aic())
                .isCloseTo(839.7095, within(0.00005));
    }
}
