package io.rwaprime.risk.score;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Weights per asset class (the seed's "dynamic weighting"), keyed by the {@code asset_class}
 * column of the assets table (e.g. {@code tokenized_treasury}); keys are matched lower-case.
 * An unknown class gets the fallback.
 *
 * <p>{@link #defaults()} ships editorial starting points, meant to be overridden from
 * configuration: treasuries and money-market funds use the seed weights; private credit leans
 * on credit (market 20 / credit 40 / regulatory 20 / technical 20); real estate on credit
 * (25 / 30 / 25 / 20); commodities on market (35 / 20 / 25 / 20).
 */
public final class RiskWeightProfiles {

    private final Map<String, RiskWeights> byClass;
    private final RiskWeights fallback;

    private RiskWeightProfiles(Map<String, RiskWeights> byClass, RiskWeights fallback) {
        this.byClass = byClass;
        this.fallback = fallback;
    }

    /** Profiles from a map of asset class → weights, with a fallback for other classes. */
    public static RiskWeightProfiles of(Map<String, RiskWeights> byClass, RiskWeights fallback) {
        if (byClass == null || fallback == null) {
            throw new IllegalArgumentException("weight profiles need a map and a fallback");
        }
        Map<String, RiskWeights> m = new TreeMap<>();
        byClass.forEach((k, v) -> {
            if (k == null || k.isBlank() || v == null) {
                throw new IllegalArgumentException("weight profile with a blank asset class or no weights");
            }
            m.put(k.trim().toLowerCase(Locale.ROOT), v);
        });
        return new RiskWeightProfiles(Map.copyOf(m), fallback);
    }

    /** The shipped starting points (see the class comment), fallback {@link RiskWeights#DEFAULT}. */
    public static RiskWeightProfiles defaults() {
        return of(Map.of(
                "tokenized_treasury", RiskWeights.DEFAULT,
                "money_market_fund", RiskWeights.DEFAULT,
                "private_credit", RiskWeights.of(0.20, 0.40, 0.20, 0.20),
                "real_estate", RiskWeights.of(0.25, 0.30, 0.25, 0.20),
                "commodity", RiskWeights.of(0.35, 0.20, 0.25, 0.20)), RiskWeights.DEFAULT);
    }

    /** The weights of an asset class, or the fallback. */
    public RiskWeights forAssetClass(String assetClass) {
        if (assetClass == null) {
            return fallback;
        }
        return byClass.getOrDefault(assetClass.trim().toLowerCase(Locale.ROOT), fallback);
    }
}
