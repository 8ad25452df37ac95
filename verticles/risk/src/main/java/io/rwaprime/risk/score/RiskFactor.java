package io.rwaprime.risk.score;

/**
 * The sixteen factors of the composite score, four per category. Each has a raw input in
 * {@link ScoreInputs} and a normalization to [0, 1] (0 = safest, 1 = riskiest) described in
 * {@link #formula()} and implemented in {@link Normalization} or a {@link Graded} table.
 * A missing input is imputed as {@link #NEUTRAL} and flagged on its driver.
 */
public enum RiskFactor {
    VOLATILITY(RiskCategory.MARKET, "annualized volatility of log returns, fraction", "clamp(vol / 0.80)"),
    LIQUIDITY(RiskCategory.MARKET, "average daily traded volume, USD",
            "clamp((8 − log10(max(volume, 1))) / 4): ≥ $100M → 0, ≤ $10k → 1"),
    DRAWDOWN(RiskCategory.MARKET, "maximum drawdown over the look-back, fraction", "clamp(drawdown / 0.50)"),
    NAV_DEVIATION(RiskCategory.MARKET, "market price / NAV (or peg) − 1, signed fraction", "clamp(|deviation| / 0.05)"),
    ISSUER_RATING(RiskCategory.CREDIT, "issuer long-term credit rating", "notch / 21: AAA → 0 … D → 1"),
    UNDERLYING_QUALITY(RiskCategory.CREDIT, "credit rating of the underlying assets", "notch / 21: AAA → 0 … D → 1"),
    COLLATERALIZATION(RiskCategory.CREDIT, "collateral value / tokens outstanding value",
            "clamp((1.10 − ratio) / 0.20): ≥ 1.10 → 0, 1.00 → 0.5, ≤ 0.90 → 1"),
    ATTESTATION_AGE(RiskCategory.CREDIT, "days since the latest NAV or reserve attestation", "clamp(days / 30)"),
    JURISDICTION(RiskCategory.REGULATORY, "jurisdiction tier", "table: TIER_1 0, TIER_2 0.35, OFFSHORE 0.7, UNREGULATED 1"),
    LEGAL_STRUCTURE(RiskCategory.REGULATORY, "legal wrapper",
            "table: REGISTERED_FUND 0, BANKRUPTCY_REMOTE_SPV 0.2, TRUST 0.3, OPERATING_COMPANY 0.6, NONE 1"),
    KYC(RiskCategory.REGULATORY, "transfer restrictions", "table: ONCHAIN_ALLOWLIST 0, AT_MINT_ONLY 0.5, NONE 1"),
    LICENCES(RiskCategory.REGULATORY, "number of relevant licences or registrations held", "clamp(1 − count / 3)"),
    AUDITS(RiskCategory.TECHNICAL, "independent audits of the deployed contracts without open critical findings",
            "clamp(1 − count / 3)"),
    ORACLE_DEPENDENCE(RiskCategory.TECHNICAL, "source of on-chain prices",
            "table: NONE 0, MULTI_SOURCE 0.25, SINGLE_SOURCE 0.6, ISSUER_PUSHED 1"),
    UPGRADEABILITY(RiskCategory.TECHNICAL, "admin keys and upgrade path",
            "table: IMMUTABLE 0, TIMELOCKED_MULTISIG 0.25, MULTISIG 0.5, SINGLE_KEY 1"),
    CHAIN_BRIDGE_EXPOSURE(RiskCategory.TECHNICAL, "chain and bridge exposure",
            "table: NATIVE_L1 0, ROLLUP 0.25, SIDECHAIN 0.5, BRIDGED 0.75, MULTI_BRIDGED 1");

    /** Normalized value used for a missing input: the midpoint, neither reward nor penalty. */
    public static final double NEUTRAL = 0.5;

    private final RiskCategory category;
    private final String input;
    private final String formula;

    RiskFactor(RiskCategory category, String input, String formula) {
        this.category = category;
        this.input = input;
        this.formula = formula;
    }

    /** The category the factor belongs to. */
    public RiskCategory category() {
        return category;
    }

    /** What the raw input is, with its unit. */
    public String input() {
        return input;
    }

    /** The normalization formula, as documented. */
    public String formula() {
        return formula;
    }
}
