package io.rwaprime.ml.arima;

/**
 * Orders of a seasonal ARIMA(p,d,q)(P,D,Q)[period] model and its deterministic terms.
 *
 * <p>{@code includeMean} follows R's {@code include.mean}: it only has an effect for an
 * undifferenced model (d + D = 0) and is silently ignored otherwise, as R does.
 * {@code includeDrift} follows {@code forecast::Arima(include.drift = TRUE)}: a linear trend
 * 1..n as regressor, allowed only with exactly one difference (d + D = 1).
 *
 * @param p            non-seasonal AR order
 * @param d            non-seasonal differences
 * @param q            non-seasonal MA order
 * @param seasonalP    seasonal AR order
 * @param seasonalD    seasonal differences
 * @param seasonalQ    seasonal MA order
 * @param period       seasonal period (1 for a non-seasonal model)
 * @param includeMean  estimate an intercept when d + D = 0
 * @param includeDrift estimate a drift (slope of time) when d + D = 1
 */
public record ArimaSpec(int p, int d, int q, int seasonalP, int seasonalD, int seasonalQ,
                        int period, boolean includeMean, boolean includeDrift) {

    /** Validates the orders; a bad specification is a caller error. */
    public ArimaSpec {
        if (p < 0 || d < 0 || q < 0 || seasonalP < 0 || seasonalD < 0 || seasonalQ < 0) {
            throw new IllegalArgumentException("ARIMA orders must be non-negative, got " + label(
                    p, d, q, seasonalP, seasonalD, seasonalQ, period));
        }
        if (period < 1) {
            throw new IllegalArgumentException("seasonal period must be >= 1, got " + period);
        }
        if (period == 1 && seasonalP + seasonalD + seasonalQ > 0) {
            throw new IllegalArgumentException(
                    "seasonal orders need a seasonal period >= 2, got period 1");
        }
        if (includeDrift && d + seasonalD != 1) {
            throw new IllegalArgumentException(
                    "drift needs exactly one difference (d + D = 1), got d + D = "
                            + (d + seasonalD));
        }
    }

    /** Non-seasonal ARIMA(p,d,q) with a mean when undifferenced (R's default). */
    public static ArimaSpec of(int p, int d, int q) {
        return new ArimaSpec(p, d, q, 0, 0, 0, 1, true, false);
    }

    /** This model with a seasonal part (P,D,Q)[period]. */
    public ArimaSpec withSeasonal(int sp, int sd, int sq, int seasonalPeriod) {
        return new ArimaSpec(p, d, q, sp, sd, sq, seasonalPeriod, includeMean, includeDrift);
    }

    /** This model with or without the intercept of an undifferenced model. */
    public ArimaSpec withMean(boolean mean) {
        return new ArimaSpec(p, d, q, seasonalP, seasonalD, seasonalQ, period, mean, includeDrift);
    }

    /** This model with or without drift. */
    public ArimaSpec withDrift(boolean drift) {
        return new ArimaSpec(p, d, q, seasonalP, seasonalD, seasonalQ, period, includeMean, drift);
    }

    /** Total number of differences, d + D. */
    public int differences() {
        return d + seasonalD;
    }

    /** Whether an intercept is estimated. */
    public boolean hasIntercept() {
        return includeMean && differences() == 0;
    }

    /** Number of ARMA coefficients, p + q + P + Q. */
    public int armaCount() {
        return p + q + seasonalP + seasonalQ;
    }

    /** R's {@code arma} vector: p, q, P, Q, period, d, D. */
    int[] arma() {
        return new int[] {p, q, seasonalP, seasonalQ, period, d, seasonalD};
    }

    /** R's coefficient names in R's order: ar1.., ma1.., sar1.., sma1.., intercept | drift. */
    public java.util.List<String> coefficientNames() {
        java.util.List<String> nm = new java.util.ArrayList<>();
        addNames(nm, "ar", p);
        addNames(nm, "ma", q);
        addNames(nm, "sar", seasonalP);
        addNames(nm, "sma", seasonalQ);
        if (hasIntercept()) {
            nm.add("intercept");
        } else if (includeDrift) {
            nm.add("drift");
        }
        return nm;
    }

    private static void addNames(java.util.List<String> nm, String prefix, int k) {
        for (int i = 1; i <= k; i++) {
            nm.add(prefix + i);
        }
    }

    /** The model as forecast prints it, e.g. {@code ARIMA(0,1,1)(0,1,1)[12]}. */
    @Override
    public String toString() {
        String s = label(p, d, q, seasonalP, seasonalD, seasonalQ, period);
        if (hasIntercept()) {
            return s + " with non-zero mean";
        }
        return includeDrift ? s + " with drift" : s;
    }

    private static String label(int p, int d, int q, int sp, int sd, int sq, int m) {
        String s = "ARIMA(" + p + "," + d + "," + q + ")";
        return sp + sd + sq > 0 ? s + "(" + sp + "," + sd + "," + sq + ")[" + m + "]" : s;
    }
}
