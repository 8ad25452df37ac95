package io.rwaprime.ml.forecast;

import io.rwaprime.ml.arima.Arima;
import io.rwaprime.ml.arima.ArimaFit;
import io.rwaprime.ml.arima.ArimaSpec;
import io.rwaprime.ml.arima.AutoArima;
import io.rwaprime.ml.arima.ForecastStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ARIMA as a {@link Forecaster}: a fixed {@link ArimaSpec} fitted by {@link Arima#fit} (R's
 * {@code stats::arima}, whose sigma^2 it reports) or orders chosen by {@link AutoArima#fit}
 * ({@code forecast::auto.arima}, with forecast's bias-adjusted sigma^2). Intervals are
 * {@code predict.Arima}'s exact Kalman prediction variances with normal quantiles.
 */
public final class ArimaForecaster implements Forecaster {

    private final ArimaSpec spec;
    private final AutoArima.Options options;

    private ArimaForecaster(ArimaSpec spec, AutoArima.Options options) {
        this.spec = spec;
        this.options = options;
    }

    /** A fixed model; its own seasonal period wins over the series' frequency. */
    public static ArimaForecaster of(ArimaSpec spec) {
        return new ArimaForecaster(java.util.Objects.requireNonNull(spec, "spec"), null);
    }

    /** auto.arima with forecast's defaults (stepwise search on AICc). */
    public static ArimaForecaster auto() {
        return auto(AutoArima.Options.defaults());
    }

    /** auto.arima with the given search options. */
    public static ArimaForecaster auto(AutoArima.Options options) {
        return new ArimaForecaster(null, java.util.Objects.requireNonNull(options, "options"));
    }

    @Override
    public String name() {
        return spec == null ? "auto-arima" : "arima";
    }

    @Override
    public FittedModel fit(double[] y, int frequency) {
        ArimaFit fit = spec == null ? AutoArima.fit(y, frequency, options) : Arima.fit(y, spec);
        return new Fitted(fit);
    }

    /**
     * A fitted ARIMA model.
     *
     * @param fit the underlying fit, for callers that need standard errors or residuals
     */
    public record Fitted(ArimaFit fit) implements FittedModel {

        @Override
        public String model() {
            return fit.spec().toString();
        }

        @Override
        public Map<String, Double> coefficients() {
            return fit.coefficients();
        }

        @Override
        public double sigma2() {
            return fit.sigma2();
        }

        @Override
        public double loglik() {
            return fit.logLikelihood();
        }

        @Override
        public double aic() {
            return fit.aic();
        }

        @Override
        public double aicc() {
            return fit.aicc();
        }

        @Override
        public double bic() {
            return fit.bic();
        }

        @Override
        public Forecast forecast(int h, double... levels) {
            Levels.checkHorizon(h);
            List<Forecast.Step> steps = new ArrayList<>(h);
            for (ForecastStep s : fit.forecast(h, Levels.normalise(levels))) {
                List<Forecast.Interval> iv = new ArrayList<>(s.intervals().size());
                for (ForecastStep.Interval i : s.intervals()) {
                    iv.add(new Forecast.Interval(i.level(), i.lower(), i.upper()));
                }
                steps.add(new Forecast.Step(s.step(), s.mean(), iv));
            }
            return new Forecast(model(), steps);
        }
    }
}
