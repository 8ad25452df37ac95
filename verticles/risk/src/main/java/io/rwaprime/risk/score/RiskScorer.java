package io.rwaprime.risk.score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Computes {@link RiskScore}s from {@link ScoreInputs} with the weights of the asset's class.
 * Stateless and thread-safe; cheap enough for the event loop (sixteen factors).
 */
public final class RiskScorer {

    /** Width of the score scale: scores run from 1 to 1 + 99. */
    public static final double SCALE = 99.0;

    private final RiskWeightProfiles profiles;

    /** A scorer that picks weights per asset class. */
    public RiskScorer(RiskWeightProfiles profiles) {
        if (profiles == null) {
            throw new IllegalArgumentException("weight profiles must not be null");
        }
        this.profiles = profiles;
    }

    /** Scores with the weights of {@code assetClass} (fallback weights when unknown or null). */
    public RiskScore score(String assetClass, ScoreInputs inputs) {
        return score(inputs, profiles.forAssetClass(assetClass));
    }

    /** Scores with explicit weights. */
    public static RiskScore score(ScoreInputs inputs, RiskWeights weights) {
        if (inputs == null || weights == null) {
            throw new IllegalArgumentException("score needs inputs and weights");
        }
        List<Driver> drivers = new ArrayList<>(RiskFactor.values().length);
        Map<RiskCategory, Double> within = new EnumMap<>(RiskCategory.class);
        int imputed = 0;
        double composite = 1.0;
        for (RiskFactor f : RiskFactor.values()) {
            Observation o = observe(f, inputs);
            double n = o == null ? RiskFactor.NEUTRAL : o.normalized();
            double w = weights.effective(f);
            double contribution = SCALE * w * n;
            composite += contribution;
            within.merge(f.category(), weights.factor(f) * n, Double::sum);
            if (o == null) {
                imputed++;
            }
            drivers.add(new Driver(f, f.category(), o == null ? Driver.MISSING : o.raw(), n, w, contribution, o == null));
        }
        drivers.sort(Comparator.comparingDouble(Driver::contribution).reversed()
                .thenComparing(d -> d.factor().ordinal()));
        return new RiskScore(composite, sub(within, RiskCategory.MARKET), sub(within, RiskCategory.CREDIT),
                sub(within, RiskCategory.REGULATORY), sub(within, RiskCategory.TECHNICAL), drivers, imputed);
    }

    private static double sub(Map<RiskCategory, Double> within, RiskCategory c) {
        return 1.0 + SCALE * within.get(c);
    }

    private record Observation(String raw, double normalized) {
    }

    private static Observation observe(RiskFactor f, ScoreInputs in) {
        return switch (f) {
            case VOLATILITY -> number(in.annualVolatility(), Normalization::volatility);
            case LIQUIDITY -> number(in.dailyVolumeUsd(), Normalization::liquidity);
            case DRAWDOWN -> number(in.maxDrawdown(), Normalization::drawdown);
            case NAV_DEVIATION -> number(in.navDeviation(), Normalization::navDeviation);
            case ISSUER_RATING -> graded(in.issuerRating());
            case UNDERLYING_QUALITY -> graded(in.underlyingRating());
            case COLLATERALIZATION -> number(in.collateralRatio(), Normalization::collateralization);
            case ATTESTATION_AGE -> number(in.attestationAgeDays(), Normalization::attestationAge);
            case JURISDICTION -> graded(in.jurisdiction());
            case LEGAL_STRUCTURE -> graded(in.legalStructure());
            case KYC -> graded(in.kyc());
            case LICENCES -> count(in.licences());
            case AUDITS -> count(in.audits());
            case ORACLE_DEPENDENCE -> graded(in.oracle());
            case UPGRADEABILITY -> graded(in.adminControl());
            case CHAIN_BRIDGE_EXPOSURE -> graded(in.chainExposure());
        };
    }

    private static Observation number(Double raw, DoubleUnaryOperator normalize) {
        return raw == null ? null : new Observation(Double.toString(raw), normalize.applyAsDouble(raw));
    }

    private static Observation count(Integer raw) {
        return raw == null ? null : new Observation(Integer.toString(raw), Normalization.count(raw));
    }

    private static Observation graded(Graded raw) {
        return raw == null ? null : new Observation(raw.toString(), raw.risk());
    }
}
