package io.rwaprime.risk.analytics;

/**
 * Two price series restricted to their common timestamps (an inner join on time), in time
 * order. Returns are then taken between consecutive common timestamps, so a gap in either
 * series yields one longer return in both rather than a mismatched pair.
 */
public final class AlignedPrices {

    /** Fewest common points any pairwise metric accepts (two returns, for a covariance). */
    public static final int MIN_COMMON = 3;

    private final long[] timestamps;
    private final double[] first;
    private final double[] second;

    private AlignedPrices(long[] timestamps, double[] first, double[] second) {
        this.timestamps = timestamps;
        this.first = first;
        this.second = second;
    }

    /**
     * Aligns {@code a} and {@code b} on their common timestamps and requires at least
     * {@code minCommon} (≥ {@value #MIN_COMMON}) of them. Two series without timestamps are
     * aligned by index and must have equal length; mixing one with and one without is rejected.
     */
    public static AlignedPrices align(PriceSeries a, PriceSeries b, int minCommon) {
        if (minCommon < MIN_COMMON) {
            throw new IllegalArgumentException("minCommon must be at least " + MIN_COMMON + ", got " + minCommon);
        }
        long[] ta = a.timestampsOrNull();
        long[] tb = b.timestampsOrNull();
        if (ta == null && tb == null) {
            if (a.size() != b.size()) {
                throw new IllegalArgumentException("series without timestamps must have equal length to align, got "
                        + a.size() + " and " + b.size());
            }
            requireCommon(a.size(), minCommon);
            long[] idx = new long[a.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            return new AlignedPrices(idx, a.prices(), b.prices());
        }
        if (ta == null || tb == null) {
            throw new IllegalArgumentException("cannot align on time: only one of the two series has timestamps");
        }
        long[] ts = new long[Math.min(ta.length, tb.length)];
        double[] pa = new double[ts.length];
        double[] pb = new double[ts.length];
        int n = 0;
        for (int i = 0, j = 0; i < ta.length && j < tb.length;) {
            if (ta[i] == tb[j]) {
                ts[n] = ta[i];
                pa[n] = a.price(i++);
                pb[n++] = b.price(j++);
            } else if (ta[i] < tb[j]) {
                i++;
            } else {
                j++;
            }
        }
        requireCommon(n, minCommon);
        return new AlignedPrices(java.util.Arrays.copyOf(ts, n), java.util.Arrays.copyOf(pa, n),
                java.util.Arrays.copyOf(pb, n));
    }

    private static void requireCommon(int n, int minCommon) {
        if (n < minCommon) {
            throw new IllegalArgumentException("series are misaligned: " + n
                    + " common timestamps, at least " + minCommon + " needed");
        }
    }

    /** Number of common points. */
    public int size() {
        return timestamps.length;
    }

    /** Common timestamps (price indices when neither series had timestamps). */
    public long[] timestamps() {
        return timestamps.clone();
    }

    /** Prices of the first series at the common timestamps. */
    public double[] first() {
        return first.clone();
    }

    /** Prices of the second series at the common timestamps. */
    public double[] second() {
        return second.clone();
    }

    double[] firstUnsafe() {
        return first;
    }

    double[] secondUnsafe() {
        return second;
    }
}
