package io.rwaprime.risk.score;

/**
 * The numeric normalizations of {@link RiskFactor}; every one maps to [0, 1] with 1 = riskiest
 * via clamp(x) = min(1, max(0, x)). The scale constants are the points where a factor reaches
 * full risk.
 */
public final class Normalization {

    /** Annualized volatility that counts as full risk (80 %, a volatile crypto asset). */
    public static final double VOLATILITY_FULL = 0.80;
    /** Maximum drawdown that counts as full risk (50 %). */
    public static final double DRAWDOWN_FULL = 0.50;
    /** |price / NAV − 1| that counts as full risk (5 %: a broken peg for a treasury token). */
    public static final double NAV_DEVIATION_FULL = 0.05;
    /** Attestation age in days that counts as full risk (30 days: a missed monthly report). */
    public static final double ATTESTATION_DAYS_FULL = 30;
    /** Licence or audit count at which the risk reaches 0. */
    public static final double COUNT_SAFE = 3;

    private Normalization() {
    }

    /** clamp(x) = min(1, max(0, x)). */
    public static double clamp(double x) {
        return Math.min(1.0, Math.max(0.0, x));
    }

    /** clamp(vol / 0.80). */
    public static double volatility(double annualVolatility) {
        return clamp(annualVolatility / VOLATILITY_FULL);
    }

    /** clamp((8 − log10(max(volume, 1))) / 4): $100M a day or more → 0, $10k or less → 1. */
    public static double liquidity(double dailyVolumeUsd) {
        return clamp((8.0 - Math.log10(Math.max(dailyVolumeUsd, 1.0))) / 4.0);
    }

    /** clamp(drawdown / 0.50). */
    public static double drawdown(double maxDrawdown) {
        return clamp(maxDrawdown / DRAWDOWN_FULL);
    }

    /** clamp(|deviation| / 0.05). */
    public static double navDeviation(double deviation) {
        return clamp(Math.abs(deviation) / NAV_DEVIATION_FULL);
    }

    /** clamp((1.10 − ratio) / 0.20): 110 % backed or more → 0, exactly 100 % → 0.5, 90 % or less → 1. */
    public static double collateralization(double ratio) {
        return clamp((1.10 - ratio) / 0.20);
    }

    /** clamp(days / 30). */
    public static double attestationAge(double days) {
        return clamp(days / ATTESTATION_DAYS_FULL);
    }

    /** clamp(1 − count / 3), for licences and audits: none → 1, three or more → 0. */
    public static double count(int count) {
        return clamp(1.0 - count / COUNT_SAFE);
    }
}
