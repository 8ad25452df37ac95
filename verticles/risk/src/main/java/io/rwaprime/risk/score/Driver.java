package io.rwaprime.risk.score;

/**
 * One factor's part in a composite score.
 *
 * @param factor       the factor
 * @param category     its category
 * @param rawValue     the input as given (a number or a table key such as "AA+"), or "missing"
 * @param normalized   the normalized risk in [0, 1] ({@link RiskFactor#NEUTRAL} when imputed)
 * @param weight       effective weight = category weight × factor weight
 * @param contribution points of the composite: 99 × weight × normalized
 * @param imputed      whether the input was missing and {@code normalized} is the neutral default
 */
public record Driver(RiskFactor factor, RiskCategory category, String rawValue, double normalized, double weight,
                     double contribution, boolean imputed) {

    /** The raw value shown for an imputed input. */
    public static final String MISSING = "missing";
}
