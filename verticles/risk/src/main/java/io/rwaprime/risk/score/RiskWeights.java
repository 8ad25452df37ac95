package io.rwaprime.risk.score;

import java.util.EnumMap;
import java.util.Map;

/**
 * Weights of the composite score: one weight per {@link RiskCategory} (summing to 1) and one
 * weight per {@link RiskFactor} within its category (the four of each category summing to 1).
 * A factor's effective weight is category weight × factor weight; the sixteen effective weights
 * sum to 1. Sums are checked to within {@value #TOLERANCE}; weights must be finite and ≥ 0.
 *
 * @param categories weight of each of the four categories
 * @param factors    weight of each of the sixteen factors within its category
 */
public record RiskWeights(Map<RiskCategory, Double> categories, Map<RiskFactor, Double> factors) {

    /** Tolerance on each sum. */
    public static final double TOLERANCE = 1e-9;

    /** The seed weights: market 30 %, credit 25 %, regulatory 25 %, technical 20 %; factors equal (25 % each). */
    public static final RiskWeights DEFAULT = of(0.30, 0.25, 0.25, 0.20);

    /** Validates and copies the maps. */
    public RiskWeights {
        if (categories == null || factors == null) {
            throw new IllegalArgumentException("risk weights need category and factor maps");
        }
        double sum = 0;
        for (RiskCategory c : RiskCategory.values()) {
            sum += weight("category " + c, categories.get(c));
        }
        if (Math.abs(sum - 1.0) > TOLERANCE) {
            throw new IllegalArgumentException("category weights must sum to 1, got " + sum);
        }
        for (RiskCategory c : RiskCategory.values()) {
            double within = 0;
            for (RiskFactor f : RiskFactor.values()) {
                if (f.category() == c) {
                    within += weight("factor " + f, factors.get(f));
                }
            }
            if (Math.abs(within - 1.0) > TOLERANCE) {
                throw new IllegalArgumentException(c + " factor weights must sum to 1, got " + within);
            }
        }
        if (categories.size() != RiskCategory.values().length || factors.size() != RiskFactor.values().length) {
            throw new IllegalArgumentException("risk weights contain null keys");
        }
        categories = Map.copyOf(categories);
        factors = Map.copyOf(factors);
    }

    private static double weight(String name, Double w) {
        if (w == null) {
            throw new IllegalArgumentException("weight of " + name + " is missing");
        }
        if (!Double.isFinite(w) || w < 0) {
            throw new IllegalArgumentException("weight of " + name + " must be a finite number ≥ 0, got " + w);
        }
        return w;
    }

    /** Category weights with equal factor weights (0.25) within each category. */
    public static RiskWeights of(double market, double credit, double regulatory, double technical) {
        Map<RiskCategory, Double> c = new EnumMap<>(RiskCategory.class);
        c.put(RiskCategory.MARKET, market);
        c.put(RiskCategory.CREDIT, credit);
        c.put(RiskCategory.REGULATORY, regulatory);
        c.put(RiskCategory.TECHNICAL, technical);
        Map<RiskFactor, Double> f = new EnumMap<>(RiskFactor.class);
        for (RiskFactor factor : RiskFactor.values()) {
            f.put(factor, 0.25);
        }
        return new RiskWeights(c, f);
    }

    /** These weights with some factor weights replaced; the result is validated again. */
    public RiskWeights withFactorWeights(Map<RiskFactor, Double> replacements) {
        Map<RiskFactor, Double> f = new EnumMap<>(factors);
        f.putAll(replacements);
        return new RiskWeights(categories, f);
    }

    /** The weight of a category. */
    public double category(RiskCategory c) {
        return categories.get(c);
    }

    /** The weight of a factor within its category. */
    public double factor(RiskFactor f) {
        return factors.get(f);
    }

    /** Category weight × factor weight. */
    public double effective(RiskFactor f) {
        return categories.get(f.category()) * factors.get(f);
    }
}
