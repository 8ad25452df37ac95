package io.rwaprime.risk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rwaprime.risk.score.Qualitative.AdminControl;
import io.rwaprime.risk.score.Qualitative.ChainExposure;
import io.rwaprime.risk.score.Qualitative.Jurisdiction;
import io.rwaprime.risk.score.Qualitative.Kyc;
import io.rwaprime.risk.score.Qualitative.LegalStructure;
import io.rwaprime.risk.score.Qualitative.OracleDependence;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskScorerTest {

    /** A tokenized treasury fund with every input present. */
    static ScoreInputs.Builder treasury() {
        return ScoreInputs.builder()
                .annualVolatility(0.12).dailyVolumeUsd(1_000_000).maxDrawdown(0.05).navDeviation(-0.002)
                .issuerRating(CreditRating.AA_PLUS).underlyingRating(CreditRating.AAA).collateralRatio(1.02)
                .attestationAgeDays(15)
                .jurisdiction(Jurisdiction.TIER_1).legalStructure(LegalStructure.BANKRUPTCY_REMOTE_SPV)
                .kyc(Kyc.ONCHAIN_ALLOWLIST).licences(2)
                .audits(1).oracle(OracleDependence.SINGLE_SOURCE).adminControl(AdminControl.TIMELOCKED_MULTISIG)
                .chainExposure(ChainExposure.ROLLUP);
    }

    @Test
    void handComputedScoreWithAllDrivers() {
        // Seed weights: market 0.30, credit 0.25, regulatory 0.25, technical 0.20; 0.25 per factor.
        // MARKET      vol 0.12/0.80 = 0.15; volume (8 − log10 1e6)/4 = 0.5; drawdown 0.05/0.50 = 0.10;
        //             |−0.002|/0.05 = 0.04           → Σ w·n = 0.25·0.79 = 0.1975      → 1 + 99·0.1975 = 20.5525
        // CREDIT      AA+ = 1/21 = 0.047619; AAA = 0; (1.10 − 1.02)/0.20 = 0.40; 15/30 = 0.50
        //                                            → 0.25·0.947619 = 0.236905     → 24.453571
        // REGULATORY  TIER_1 0; SPV 0.2; allowlist 0; licences 1 − 2/3 = 0.333333
        //                                            → 0.25·0.533333 = 0.133333     → 14.2
        // TECHNICAL   audits 1 − 1/3 = 0.666667; single oracle 0.6; timelocked multisig 0.25; rollup 0.25
        //                                            → 0.25·1.766667 = 0.441667     → 44.725
        // composite = 0.30·20.5525 + 0.25·24.453571 + 0.25·14.2 + 0.20·44.725
        //           = 6.16575 + 6.113393 + 3.55 + 8.945 = 24.774143   (= 173419/7000 exactly)
        RiskScore s = RiskScorer.score(treasury().build(), RiskWeights.DEFAULT);
        assertThat(s.market()).isCloseTo(20.5525, within(1e-12));
        assertThat(s.credit()).isCloseTo(24.45357142857143, within(1e-12));
        assertThat(s.regulatory()).isCloseTo(14.2, within(1e-12));
        assertThat(s.technical()).isCloseTo(44.725, within(1e-12));
        assertThat(s.compositeScore()).isCloseTo(173419.0 / 7000, within(1e-12));
        assertThat(s.compositeRounded()).isEqualTo(25);
        assertThat(s.imputedCount()).isZero();

        // contributions add up: 1 + Σ contribution = composite
        double sum = s.drivers().stream().mapToDouble(Driver::contribution).sum();
        assertThat(1 + sum).isCloseTo(s.compositeScore(), within(1e-12));
        // and the composite is the weighted mean of the sub-scores
        assertThat(0.30 * s.market() + 0.25 * s.credit() + 0.25 * s.regulatory() + 0.20 * s.technical())
                .isCloseTo(s.compositeScore(), within(1e-12));

        // largest driver: volume, 99 × (0.30·0.25) × 0.5 = 3.7125 points; then audits 99·0.05·2/3 = 3.3,
        // attestation age 99·0.0625·0.5 = 3.09375, oracle 99·0.05·0.6 = 2.97
        assertThat(s.drivers()).hasSize(16);
        assertThat(s.drivers()).extracting(Driver::factor).startsWith(RiskFactor.LIQUIDITY, RiskFactor.AUDITS,
                RiskFactor.ATTESTATION_AGE, RiskFactor.ORACLE_DEPENDENCE);
        Driver liquidity = s.drivers().get(0);
        assertThat(liquidity.category()).isEqualTo(RiskCategory.MARKET);
        assertThat(liquidity.rawValue()).isEqualTo("1000000.0");
        assertThat(liquidity.normalized()).isCloseTo(0.5, within(1e-15));
        assertThat(liquidity.weight()).isCloseTo(0.075, within(1e-15));
        assertThat(liquidity.contribution()).isCloseTo(3.7125, within(1e-12));
        assertThat(liquidity.imputed()).isFalse();
        Driver issuer = s.drivers().stream().filter(d -> d.factor() == RiskFactor.ISSUER_RATING).findFirst().orElseThrow();
        assertThat(issuer.rawValue()).isEqualTo("AA+");
        assertThat(issuer.normalized()).isCloseTo(1.0 / 21, within(1e-15));
    }

    @Test
    void missingInputsAreImputedAsNeutralAndFlagged() {
        // Everything missing: n = 0.5 for all → 1 + 99 × 0.5 = 50.5, each sub-score 50.5
        RiskScore empty = RiskScorer.score(ScoreInputs.builder().build(), RiskWeights.DEFAULT);
        assertThat(empty.compositeScore()).isCloseTo(50.5, within(1e-12));
        assertThat(empty.market()).isCloseTo(50.5, within(1e-12));
        assertThat(empty.imputedCount()).isEqualTo(16);
        assertThat(empty.drivers()).allSatisfy(d -> {
            assertThat(d.imputed()).isTrue();
            assertThat(d.rawValue()).isEqualTo(Driver.MISSING);
            assertThat(d.normalized()).isEqualTo(RiskFactor.NEUTRAL);
        });
    }

    @Test
    void oneMissingInputMovesTheScoreByItsWeight() {
        // Volatility missing: n goes 0.15 → 0.5, +99 × 0.075 × 0.35 = +2.59875 points
        ScoreInputs all = treasury().build();
        ScoreInputs noVol = new ScoreInputs(null, all.dailyVolumeUsd(), all.maxDrawdown(), all.navDeviation(),
                all.issuerRating(), all.underlyingRating(), all.collateralRatio(), all.attestationAgeDays(),
                all.jurisdiction(), all.legalStructure(), all.kyc(), all.licences(), all.audits(), all.oracle(),
                all.adminControl(), all.chainExposure());
        RiskScore s = RiskScorer.score(noVol, RiskWeights.DEFAULT);
        assertThat(s.compositeScore()).isCloseTo(173419.0 / 7000 + 2.59875, within(1e-12));
        assertThat(s.imputedCount()).isEqualTo(1);
        assertThat(s.drivers()).filteredOn(Driver::imputed).extracting(Driver::factor)
                .containsExactly(RiskFactor.VOLATILITY);
    }

    @Test
    void extremesMapToOneAndHundred() {
        ScoreInputs worst = ScoreInputs.builder()
                .annualVolatility(2.0).dailyVolumeUsd(0).maxDrawdown(0.9).navDeviation(0.3)
                .issuerRating(CreditRating.D).underlyingRating(CreditRating.D).collateralRatio(0.5)
                .attestationAgeDays(400).jurisdiction(Jurisdiction.UNREGULATED).legalStructure(LegalStructure.NONE)
                .kyc(Kyc.NONE).licences(0).audits(0).oracle(OracleDependence.ISSUER_PUSHED)
                .adminControl(AdminControl.SINGLE_KEY).chainExposure(ChainExposure.MULTI_BRIDGED).build();
        assertThat(RiskScorer.score(worst, RiskWeights.DEFAULT).compositeScore()).isCloseTo(100, within(1e-12));
        ScoreInputs best = ScoreInputs.builder()
                .annualVolatility(0).dailyVolumeUsd(5e8).maxDrawdown(0).navDeviation(0)
                .issuerRating(CreditRating.AAA).underlyingRating(CreditRating.AAA).collateralRatio(1.5)
                .attestationAgeDays(0).jurisdiction(Jurisdiction.TIER_1).legalStructure(LegalStructure.REGISTERED_FUND)
                .kyc(Kyc.ONCHAIN_ALLOWLIST).licences(5).audits(3).oracle(OracleDependence.NONE)
                .adminControl(AdminControl.IMMUTABLE).chainExposure(ChainExposure.NATIVE_L1).build();
        assertThat(RiskScorer.score(best, RiskWeights.DEFAULT).compositeScore()).isCloseTo(1, within(1e-12));
    }

    @Test
    void assetClassChoosesTheWeights() {
        RiskScorer scorer = new RiskScorer(RiskWeightProfiles.defaults());
        ScoreInputs in = treasury().build();
        RiskScore credit = scorer.score("Private_Credit", in);
        // private credit: 0.20·20.5525 + 0.40·24.453571 + 0.20·14.2 + 0.20·44.725
        assertThat(credit.compositeScore())
                .isCloseTo(0.20 * 20.5525 + 0.40 * 24.45357142857143 + 0.20 * 14.2 + 0.20 * 44.725, within(1e-12));
        assertThat(scorer.score("unknown_class", in).compositeScore())
                .isCloseTo(RiskScorer.score(in, RiskWeights.DEFAULT).compositeScore(), within(1e-15));
        assertThat(scorer.score(null, in).compositeScore()).isCloseTo(173419.0 / 7000, within(1e-12));
    }

    @Test
    void factorWeightsShiftContributionsWithinACategory() {
        // market: volatility 0.7, volume 0.1, drawdown 0.1, NAV 0.1 → 0.7·0.15 + 0.1·(0.5 + 0.1 + 0.04) = 0.169
        RiskWeights w = RiskWeights.DEFAULT.withFactorWeights(Map.of(RiskFactor.VOLATILITY, 0.7,
                RiskFactor.LIQUIDITY, 0.1, RiskFactor.DRAWDOWN, 0.1, RiskFactor.NAV_DEVIATION, 0.1));
        RiskScore s = RiskScorer.score(treasury().build(), w);
        assertThat(s.market()).isCloseTo(1 + 99 * 0.169, within(1e-12));
        Driver vol = s.drivers().stream().filter(d -> d.factor() == RiskFactor.VOLATILITY).findFirst().orElseThrow();
        assertThat(vol.weight()).isCloseTo(0.30 * 0.7, within(1e-15));
        assertThat(1 + s.drivers().stream().mapToDouble(Driver::contribution).sum())
                .isCloseTo(s.compositeScore(), within(1e-12));
    }
}
