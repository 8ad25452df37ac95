package io.rwaprime.ml.ensemble;

import io.rwaprime.ml.backtest.Backtest;
import io.rwaprime.ml.backtest.BacktestPlan;
import io.rwaprime.ml.backtest.BacktestResult;
import io.rwaprime.ml.forecast.FittedModel;
import io.rwaprime.ml.forecast.Forecast;
import io.rwaprime.ml.forecast.Forecaster;
import java.util.Map;

/**
 * Any {@link Forecaster} with intervals calibrated on its own rolling-origin backtest errors
 * ({@link ConformalCalibration}): fitting runs the backtest on the given series (training
 * data only), then fits the base model to the whole series. Point forecasts are the base
 * model's.
 */
public final class ConformalForecaster implements Forecaster {

    private final Forecaster base;
    private final BacktestPlan plan;

    /** Calibrates {@code base} on a backtest with {@code plan}; its horizon bounds the calibrated steps. */
    public ConformalForecaster(Forecaster base, BacktestPlan plan) {
        this.base = base;
        this.plan = plan;
    }

    @Override
    public String name() {
        return base.name() + "+conformal";
    }

    @Override
    public FittedModel fit(double[] y, int frequency) {
        BacktestResult bt = Backtest.run(base, y, frequency, plan);
        ConformalCalibration cal = ConformalCalibration.of(bt.errors());
        return new Fitted(base.fit(y, frequency), cal);
    }

    /**
     * A base model with calibrated intervals.
     *
     * @param base        the base model fitted to the whole series
     * @param calibration the per-step conformal scores
     */
    public record Fitted(FittedModel base, ConformalCalibration calibration) implements FittedModel {

        @Override
        public String model() {
            return base.model() + " with conformal intervals";
        }

        @Override
        public Map<String, Double> coefficients() {
            return base.coefficients();
        }

        @Override
        public double sigma2() {
            return base.sigma2();
        }

        @Override
        public double loglik() {
            return base.loglik();
        }

        @Override
        public double aic() {
            return base.aic();
        }

        @Override
        public double aicc() {
            return base.aicc();
        }

        @Override
        public double bic() {
            return base.bic();
        }

        @Override
        public Forecast forecast(int h, double... levels) {
            return calibration.apply(base.forecast(h, levels), model());
        }
    }
}
