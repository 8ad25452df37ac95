package io.rwaprime.ml.lstm;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-step features derived from a price series plus any number of extra columns aligned with
 * it: log return r_t = log(p_t / p_{t-1}), rolling realised volatility
 * √(mean of r² over the last {@value #VOL_WINDOW} returns), then the extra columns in the order
 * added (log volume, on-chain flows, sentiment, a macro spread, ...). Row t of the frame is
 * time t = 1..n-1 of the prices (the first price has no return). Values must be finite.
 */
public final class FeatureFrame {

    /** Returns in the realised-volatility window. */
    public static final int VOL_WINDOW = 10;

    private final double[] prices;
    private final List<String> names = new ArrayList<>(List.of("logReturn", "realizedVol"));
    private final List<double[]> extra = new ArrayList<>();

    private FeatureFrame(double[] prices) {
        this.prices = prices.clone();
    }

    /**
     * Features of a price series.
     *
     * @throws IllegalArgumentException for fewer than 3 prices, or a price that is NaN,
     *                                  infinite or not positive (log returns need p &gt; 0)
     */
    public static FeatureFrame fromPrices(double[] prices) {
        if (prices == null || prices.length < 3) {
            throw new IllegalArgumentException("LSTM: need at least 3 prices, got "
                    + (prices == null ? 0 : prices.length));
        }
        for (int i = 0; i < prices.length; i++) {
            if (!Double.isFinite(prices[i]) || prices[i] <= 0) {
                throw new IllegalArgumentException("LSTM: price at index " + i + " is " + prices[i]
                        + "; log returns need finite positive prices with no gaps (NaN)");
            }
        }
        return new FeatureFrame(prices);
    }

    /** Adds traded volume as log(1 + v); volumes must be finite and non-negative. */
    public FeatureFrame withVolume(double[] volume) {
        double[] v = checked("volume", volume);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0) {
                throw new IllegalArgumentException("LSTM: volume at index " + i + " is negative: " + v[i]);
            }
            out[i] = Math.log1p(v[i]);
        }
        return withColumn("logVolume", out);
    }

    /** Adds a column as is (on-chain net flow, sentiment score, macro spread, ...). */
    public FeatureFrame withColumn(String name, double[] values) {
        extra.add(checked(name, values));
        names.add(name);
        return this;
    }

    private double[] checked(String name, double[] values) {
        if (values == null || values.length != prices.length) {
            throw new IllegalArgumentException("LSTM: column " + name + " has "
                    + (values == null ? 0 : values.length) + " values, the prices " + prices.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("LSTM: column " + name + " has a missing or infinite"
                        + " value at index " + i + " (" + values[i] + "); fill gaps before training");
            }
        }
        return values.clone();
    }

    /** Feature names in column order. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /** Number of feature columns, F. */
    public int width() {
        return names.size();
    }

    /** The prices the frame was built from (a copy). */
    public double[] prices() {
        return prices.clone();
    }

    /** Rows t = 1..n-1 (index t-1), each of {@link #width()} features. */
    double[][] rows() {
        int n = prices.length;
        double[][] rows = new double[n - 1][width()];
        double sumSq = 0;
        double[] r = new double[n];
        for (int t = 1; t < n; t++) {
            r[t] = Math.log(prices[t] / prices[t - 1]);
            sumSq += r[t] * r[t];
            if (t > VOL_WINDOW) {
                sumSq -= r[t - VOL_WINDOW] * r[t - VOL_WINDOW];
            }
            double[] row = rows[t - 1];
            row[0] = r[t];
            row[1] = Math.sqrt(Math.max(0, sumSq) / Math.min(t, VOL_WINDOW));
            for (int j = 0; j < extra.size(); j++) {
                row[2 + j] = extra.get(j)[t];
            }
        }
        return rows;
    }
}
