package io.rwaprime.ml.backtest;

/**
 * Where a rolling-origin backtest cuts the series. An origin T trains on observations before
 * T (0-based, exclusive) and forecasts y_T..y_{T+h-1}. The last origin is n - h, so every
 * origin has its full horizon of actuals; earlier ones step back by {@code step} until
 * {@code origins} are taken or the training set would be shorter than {@code minTrain}.
 *
 * @param horizon  steps forecast at each origin, h
 * @param step     distance between consecutive origins
 * @param origins  maximum number of origins, the latest ones (0: as many as fit)
 * @param minTrain fewest observations in a training set
 * @param window   {@link Window#EXPANDING}: train on everything before the origin;
 *                 {@link Window#SLIDING}: train on the last L observations, L being the
 *                 training length at the first origin
 */
public record BacktestPlan(int horizon, int step, int origins, int minTrain, Window window) {

    /** How the training set grows. */
    public enum Window { EXPANDING, SLIDING }

    /** Validates the plan. */
    public BacktestPlan {
        if (horizon < 1) {
            throw new IllegalArgumentException("backtest horizon must be >= 1, got " + horizon);
        }
        if (step < 1) {
            throw new IllegalArgumentException("backtest step must be >= 1, got " + step);
        }
        if (origins < 0) {
            throw new IllegalArgumentException("number of origins must be >= 0, got " + origins);
        }
        if (minTrain < 2) {
            throw new IllegalArgumentException("minimum training length must be >= 2, got " + minTrain);
        }
        if (window == null) {
            throw new IllegalArgumentException("window must be EXPANDING or SLIDING");
        }
    }

    /** An expanding-window plan with step 1. */
    public static BacktestPlan expanding(int horizon, int origins, int minTrain) {
        return new BacktestPlan(horizon, 1, origins, minTrain, Window.EXPANDING);
    }

    /**
     * The origins (training lengths) for a series of {@code n} values, ascending.
     *
     * @throws IllegalArgumentException if not even one origin fits
     */
    public int[] originsFor(int n) {
        int last = n - horizon;
        if (last < minTrain) {
            throw new IllegalArgumentException("series too short to backtest: " + n
                    + " values cannot hold " + minTrain + " for training and " + horizon
                    + " to forecast");
        }
        int count = (last - minTrain) / step + 1;
        if (origins > 0) {
            count = Math.min(count, origins);
        }
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            out[k] = last - (count - 1 - k) * step;
        }
        return out;
    }
}
