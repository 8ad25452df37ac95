package io.rwaprime.ml.forecast;

/**
 * A forecasting method: fits one series and returns a {@link FittedModel}. Implementations
 * are stateless and thread-safe, so one instance can fit many series at once; this is the
 * hook through which backtests, the ensemble, the CLI and the LSTM ({@code io.rwaprime.ml.lstm}) meet.
 *
 * <p>Input errors (too short, constant where a method cannot cope, NaN where unsupported)
 * are {@link IllegalArgumentException}s whose message names the problem; a numerical failure
 * of a model is an {@link io.rwaprime.ml.arima.ArimaException} or another
 * {@link RuntimeException}.
 */
public interface Forecaster {

    /** Short method name, e.g. {@code naive}, {@code auto-arima}. */
    String name();

    /**
     * Fits the series.
     *
     * @param y         observations in time order
     * @param frequency seasonal period (observations per season), 1 for none
     */
    FittedModel fit(double[] y, int frequency);
}
