package io.rwaprime.risk.analytics;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An immutable series of strictly positive, finite prices, oldest first, with optional
 * timestamps (epoch milliseconds, strictly increasing) used to align two series on time.
 *
 * <p>Construction rejects, with the offending index in the message: a {@code null} or empty
 * array, a NaN or infinite price, a price ≤ 0, timestamps of a different length, and
 * timestamps that do not strictly increase.
 */
public final class PriceSeries {

    private final double[] prices;
    private final long[] timestamps;

    private PriceSeries(double[] prices, long[] timestamps) {
        this.prices = prices;
        this.timestamps = timestamps;
    }

    /** A series without timestamps (index = period number). */
    public static PriceSeries of(double... prices) {
        return new PriceSeries(validPrices(prices), null);
    }

    /** A series with one epoch-millisecond timestamp per price, strictly increasing. */
    public static PriceSeries of(double[] prices, long[] epochMillis) {
        double[] p = validPrices(prices);
        if (epochMillis == null) {
            throw new IllegalArgumentException("timestamps must not be null; use of(double...) without them");
        }
        if (epochMillis.length != p.length) {
            throw new IllegalArgumentException("timestamps length " + epochMillis.length
                    + " differs from prices length " + p.length);
        }
        for (int i = 1; i < epochMillis.length; i++) {
            if (epochMillis[i] <= epochMillis[i - 1]) {
                throw new IllegalArgumentException("timestamp at index " + i
                        + " is not after the one at index " + (i - 1) + " (timestamps must strictly increase)");
            }
        }
        return new PriceSeries(p, epochMillis.clone());
    }

    /** Converts decimal prices (as stored in PostgreSQL NUMERIC) to doubles; no timestamps. */
    public static PriceSeries ofDecimals(List<BigDecimal> prices) {
        return of(toDoubles(prices));
    }

    /** Converts decimal prices to doubles, with one epoch-millisecond timestamp per price. */
    public static PriceSeries ofDecimals(List<BigDecimal> prices, long[] epochMillis) {
        return of(toDoubles(prices), epochMillis);
    }

    private static double[] toDoubles(List<BigDecimal> prices) {
        if (prices == null) {
            throw new IllegalArgumentException("prices must not be null");
        }
        double[] out = new double[prices.size()];
        for (int i = 0; i < out.length; i++) {
            BigDecimal p = prices.get(i);
            if (p == null) {
                throw new IllegalArgumentException("price at index " + i + " is null");
            }
            out[i] = p.doubleValue();
        }
        return out;
    }

    private static double[] validPrices(double[] prices) {
        if (prices == null || prices.length == 0) {
            throw new IllegalArgumentException("a price series needs at least 1 price, got none");
        }
        for (int i = 0; i < prices.length; i++) {
            double p = prices[i];
            if (Double.isNaN(p) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("price at index " + i + " is not a finite number (" + p + ")");
            }
            if (p <= 0) {
                throw new IllegalArgumentException("price at index " + i + " is not positive (" + p + ")");
            }
        }
        return prices.clone();
    }

    /** Number of prices. */
    public int size() {
        return prices.length;
    }

    /** A copy of the prices. */
    public double[] prices() {
        return prices.clone();
    }

    /** The price at {@code index}. */
    public double price(int index) {
        return prices[index];
    }

    /** Whether the series carries timestamps. */
    public boolean hasTimestamps() {
        return timestamps != null;
    }

    /** A copy of the timestamps, if the series has them. */
    public Optional<long[]> timestamps() {
        return Optional.ofNullable(timestamps).map(long[]::clone);
    }

    /** Simple returns P[t]/P[t−1] − 1 (see {@link Returns#simple(double[])}). */
    public double[] simpleReturns() {
        return Returns.simple(prices);
    }

    /** Log returns ln(P[t]/P[t−1]) (see {@link Returns#log(double[])}). */
    public double[] logReturns() {
        return Returns.log(prices);
    }

    long[] timestampsOrNull() {
        return timestamps;
    }

    double[] pricesUnsafe() {
        return prices;
    }

    @Override
    public String toString() {
        return "PriceSeries[size=" + prices.length + ", timestamps=" + (timestamps != null)
                + ", first=" + prices[0] + ", last=" + prices[prices.length - 1] + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriceSeries other && Arrays.equals(prices, other.prices)
                && Arrays.equals(timestamps, other.timestamps);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(prices) + Arrays.hashCode(timestamps);
    }
}
