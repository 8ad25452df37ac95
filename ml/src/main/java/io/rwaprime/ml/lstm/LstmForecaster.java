package io.rwaprime.ml.lstm;

import io.rwaprime.ml.forecast.FittedModel;
import io.rwaprime.ml.forecast.Forecast;
import io.rwaprime.ml.forecast.Forecaster;
import io.rwaprime.ml.forecast.Levels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The LSTM as a {@link Forecaster}: trains on the features of a price series (or on a
 * multivariate {@link FeatureFrame}), predicts the quantiles of the cumulative log return for
 * 1..H steps directly (one output per horizon, not recursive), and maps them to prices:
 * mean = p_T·exp(median), 80 % and 95 % intervals from the 10/90 % and 2.5/97.5 % quantiles.
 * Quantiles are equivariant under the monotone map, so the intervals stay exact. The session
 * is closed before {@code fit} returns, so the fitted model holds no native memory.
 *
 * <p>The frequency is not used (no seasonal features). Forecasts are limited to the trained
 * horizon H and to the levels 80 and 95.
 */
public final class LstmForecaster implements Forecaster {

    private final LstmOptions options;

    /** A forecaster with these options. */
    public LstmForecaster(LstmOptions options) {
        this.options = options;
    }

    /** The options. */
    public LstmOptions options() {
        return options;
    }

    @Override
    public String name() {
        return "lstm";
    }

    @Override
    public FittedModel fit(double[] y, int frequency) {
        if (frequency < 1) {
            throw new IllegalArgumentException("frequency must be >= 1, got " + frequency);
        }
        return fit(FeatureFrame.fromPrices(y == null ? new double[0] : y));
    }

    /** Fits a multivariate frame (prices plus extra feature columns). */
    public FittedModel fit(FeatureFrame frame) {
        try (LstmModel m = LstmModel.train(frame, options)) {
            double[] p = frame.prices();
            return new Fitted(modelName(options), p[p.length - 1], options.horizon(), m.predictNext());
        }
    }

    /** {@code LSTM(W=20,units=32)}. */
    static String modelName(LstmOptions o) {
        return "LSTM(W=" + o.window() + ",units=" + o.units() + ")";
    }

    private record Fitted(String model, double lastPrice, int horizon, float[] q) implements FittedModel {

        @Override
        public Map<String, Double> coefficients() {
            return Map.of();
        }

        @Override
        public double sigma2() {
            return Double.NaN;
        }

        @Override
        public Forecast forecast(int h, double... levels) {
            Levels.checkHorizon(h);
            if (h > horizon) {
                throw new IllegalArgumentException("the LSTM was trained for horizon " + horizon
                        + " (direct multi-horizon output); asked for " + h);
            }
            double[] lv = Levels.normalise(levels);
            int nq = Quantiles.count();
            List<Forecast.Step> steps = new ArrayList<>(h);
            for (int k = 0; k < h; k++) {
                List<Forecast.Interval> iv = new ArrayList<>(lv.length);
                for (double l : lv) {
                    iv.add(new Forecast.Interval(l, price(k * nq + Quantiles.lower(l)),
                            price(k * nq + Quantiles.upper(l))));
                }
                steps.add(new Forecast.Step(k + 1, price(k * nq + Quantiles.MEDIAN), iv));
            }
            return new Forecast(model, steps);
        }

        private double price(int i) {
            return lastPrice * Math.exp(q[i]);
        }
    }
}
