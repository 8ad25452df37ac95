package io.rwaprime.risk.score;

import io.rwaprime.risk.score.Qualitative.AdminControl;
import io.rwaprime.risk.score.Qualitative.ChainExposure;
import io.rwaprime.risk.score.Qualitative.Jurisdiction;
import io.rwaprime.risk.score.Qualitative.Kyc;
import io.rwaprime.risk.score.Qualitative.LegalStructure;
import io.rwaprime.risk.score.Qualitative.OracleDependence;

/**
 * Raw inputs of the composite score for one asset. Every field may be {@code null}: a missing
 * input is imputed with {@link RiskFactor#NEUTRAL} and flagged. Units are those of
 * {@link RiskFactor#input()}. Numbers are validated (finite, in range); build with
 * {@link #builder()}.
 */
public record ScoreInputs(
        Double annualVolatility, Double dailyVolumeUsd, Double maxDrawdown, Double navDeviation,
        CreditRating issuerRating, CreditRating underlyingRating, Double collateralRatio, Double attestationAgeDays,
        Jurisdiction jurisdiction, LegalStructure legalStructure, Kyc kyc, Integer licences,
        Integer audits, OracleDependence oracle, AdminControl adminControl, ChainExposure chainExposure) {

    /** Validates the numeric fields that are present. */
    public ScoreInputs {
        nonNegative("annualVolatility", annualVolatility);
        nonNegative("dailyVolumeUsd", dailyVolumeUsd);
        nonNegative("maxDrawdown", maxDrawdown);
        if (maxDrawdown != null && maxDrawdown > 1) {
            throw new IllegalArgumentException("maxDrawdown is a fraction in [0, 1], got " + maxDrawdown);
        }
        if (navDeviation != null && (!Double.isFinite(navDeviation) || navDeviation < -1)) {
            throw new IllegalArgumentException("navDeviation must be finite and ≥ −1 (price / NAV − 1), got "
                    + navDeviation);
        }
        nonNegative("collateralRatio", collateralRatio);
        nonNegative("attestationAgeDays", attestationAgeDays);
        if (licences != null && licences < 0) {
            throw new IllegalArgumentException("licences must not be negative, got " + licences);
        }
        if (audits != null && audits < 0) {
            throw new IllegalArgumentException("audits must not be negative, got " + audits);
        }
    }

    private static void nonNegative(String name, Double v) {
        if (v != null && (!Double.isFinite(v) || v < 0)) {
            throw new IllegalArgumentException(name + " must be a finite number ≥ 0, got " + v);
        }
    }

    /** A builder with every input missing. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ScoreInputs}; unset inputs stay missing (imputed). */
    public static final class Builder {
        private Double annualVolatility;
        private Double dailyVolumeUsd;
        private Double maxDrawdown;
        private Double navDeviation;
        private CreditRating issuerRating;
        private CreditRating underlyingRating;
        private Double collateralRatio;
        private Double attestationAgeDays;
        private Jurisdiction jurisdiction;
        private LegalStructure legalStructure;
        private Kyc kyc;
        private Integer licences;
        private Integer audits;
        private OracleDependence oracle;
        private AdminControl adminControl;
        private ChainExposure chainExposure;

        private Builder() {
        }

        /** Annualized volatility (fraction, e.g. 0.12). */
        public Builder annualVolatility(double v) {
            annualVolatility = v;
            return this;
        }

        /** Average daily traded volume in USD. */
        public Builder dailyVolumeUsd(double v) {
            dailyVolumeUsd = v;
            return this;
        }

        /** Maximum drawdown (fraction in [0, 1]). */
        public Builder maxDrawdown(double v) {
            maxDrawdown = v;
            return this;
        }

        /** Market price / NAV (or peg) − 1. */
        public Builder navDeviation(double v) {
            navDeviation = v;
            return this;
        }

        /** Issuer rating. */
        public Builder issuerRating(CreditRating v) {
            issuerRating = v;
            return this;
        }

        /** Rating of the underlying assets. */
        public Builder underlyingRating(CreditRating v) {
            underlyingRating = v;
            return this;
        }

        /** Collateral value / outstanding token value. */
        public Builder collateralRatio(double v) {
            collateralRatio = v;
            return this;
        }

        /** Days since the latest NAV or reserve attestation. */
        public Builder attestationAgeDays(double v) {
            attestationAgeDays = v;
            return this;
        }

        /** Jurisdiction tier. */
        public Builder jurisdiction(Jurisdiction v) {
            jurisdiction = v;
            return this;
        }

        /** Legal wrapper. */
        public Builder legalStructure(LegalStructure v) {
            legalStructure = v;
            return this;
        }

        /** Transfer restrictions. */
        public Builder kyc(Kyc v) {
            kyc = v;
            return this;
        }

        /** Number of relevant licences or registrations. */
        public Builder licences(int v) {
            licences = v;
            return this;
        }

        /** Number of independent audits without open critical findings. */
        public Builder audits(int v) {
            audits = v;
            return this;
        }

        /** Oracle dependence. */
        public Builder oracle(OracleDependence v) {
            oracle = v;
            return this;
        }

        /** Admin keys and upgradeability. */
        public Builder adminControl(AdminControl v) {
            adminControl = v;
            return this;
        }

        /** Chain and bridge exposure. */
        public Builder chainExposure(ChainExposure v) {
            chainExposure = v;
            return this;
        }

        /** The validated inputs. */
        public ScoreInputs build() {
            return new ScoreInputs(annualVolatility, dailyVolumeUsd, maxDrawdown, navDeviation, issuerRating,
                    underlyingRating, collateralRatio, attestationAgeDays, jurisdiction, legalStructure, kyc,
                    licences, audits, oracle, adminControl, chainExposure);
        }
    }
}
