package io.rwaprime.risk.analytics;

/** Small hand-checkable series shared by the analytics tests. */
final class Fixtures {

    /**
     * Five simple returns +2 %, −3 %, +1 %, −2 %, +4 %, i.e. prices 100, 102, 98.94, 99.9294,
     * 97.930812, 101.84804448.
     * <pre>
     * mean μ = (0.02 − 0.03 + 0.01 − 0.02 + 0.04) / 5 = 0.02 / 5 = 0.004
     * deviations d = 0.016, −0.034, 0.006, −0.024, 0.036
     * d² = 0.000256, 0.001156, 0.000036, 0.000576, 0.001296;  Σd² = 0.00332
     * sample variance = 0.00332 / 4 = 0.00083;  σ = √0.00083 = 0.0288097206
     * </pre>
     */
    static final double[] FIVE_RETURNS = {0.02, -0.03, 0.01, -0.02, 0.04};
    static final double FIVE_MEAN = 0.004;
    static final double FIVE_SD = Math.sqrt(0.00083);

    private Fixtures() {
    }

    /** Prices that start at {@code start} and compound the given simple returns. */
    static PriceSeries compound(double start, double... returns) {
        double[] p = new double[returns.length + 1];
        p[0] = start;
        for (int i = 0; i < returns.length; i++) {
            p[i + 1] = p[i] * (1 + returns[i]);
        }
        return PriceSeries.of(p);
    }

    static PriceSeries five() {
        return compound(100, FIVE_RETURNS);
    }
}
