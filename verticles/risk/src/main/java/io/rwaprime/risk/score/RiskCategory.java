package io.rwaprime.risk.score;

/** The four risk categories of the composite score, with the seed's default weights. */
public enum RiskCategory {
    /** Price behaviour and tradability: 30 % by default. */
    MARKET(0.30),
    /** Issuer and underlying assets: 25 % by default. */
    CREDIT(0.25),
    /** Jurisdiction, legal wrapper, compliance: 25 % by default. */
    REGULATORY(0.25),
    /** Smart contracts, oracles, admin keys, chains and bridges: 20 % by default. */
    TECHNICAL(0.20);

    private final double defaultWeight;

    RiskCategory(double defaultWeight) {
        this.defaultWeight = defaultWeight;
    }

    /** The weight in {@link RiskWeights#DEFAULT}. */
    public double defaultWeight() {
        return defaultWeight;
    }
}
