package io.rwaprime.risk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskWeightsAndInputsTest {

    @Test
    void defaultWeightsAreTheSeedWeights() {
        RiskWeights w = RiskWeights.DEFAULT;
        assertThat(w.category(RiskCategory.MARKET)).isEqualTo(0.30);
        assertThat(w.category(RiskCategory.CREDIT)).isEqualTo(0.25);
        assertThat(w.category(RiskCategory.REGULATORY)).isEqualTo(0.25);
        assertThat(w.category(RiskCategory.TECHNICAL)).isEqualTo(0.20);
        double total = 0;
        for (RiskFactor f : RiskFactor.values()) {
            total += w.effective(f);
        }
        assertThat(total).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void rejectsCategoryWeightsThatDoNotSumToOne() {
        assertThatThrownBy(() -> RiskWeights.of(0.30, 0.25, 0.25, 0.25))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("category weights must sum to 1, got 1.05");
        assertThatThrownBy(() -> RiskWeights.of(-0.1, 0.5, 0.4, 0.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight of category MARKET must be a finite number ≥ 0, got -0.1");
    }

    @Test
    void rejectsFactorWeightsThatDoNotSumToOneWithinACategory() {
        assertThatThrownBy(() -> RiskWeights.DEFAULT.withFactorWeights(Map.of(RiskFactor.AUDITS, 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TECHNICAL factor weights must sum to 1, got 1.25");
        Map<RiskFactor, Double> missing = new EnumMap<>(RiskWeights.DEFAULT.factors());
        missing.remove(RiskFactor.KYC);
        assertThatThrownBy(() -> new RiskWeights(RiskWeights.DEFAULT.categories(), missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight of factor KYC is missing");
    }

    @Test
    void ratingTableRunsFromAaaToD() {
        assertThat(CreditRating.AAA.risk()).isZero();
        assertThat(CreditRating.D.risk()).isEqualTo(1.0);
        assertThat(CreditRating.parse("bbb−")).isEqualTo(CreditRating.BBB_MINUS);
        assertThat(CreditRating.BBB_MINUS.risk()).isCloseTo(9.0 / 21, within(1e-15));
        assertThatThrownBy(() -> CreditRating.parse("Baa1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown credit rating 'Baa1', expected AAA, AA+, … , C, D");
    }

    @Test
    void normalizationsClampToTheUnitInterval() {
        assertThat(Normalization.volatility(0.40)).isEqualTo(0.5);
        assertThat(Normalization.volatility(1.6)).isEqualTo(1.0);
        assertThat(Normalization.liquidity(1e8)).isEqualTo(0.0);
        assertThat(Normalization.liquidity(1e4)).isEqualTo(1.0);
        assertThat(Normalization.liquidity(0)).isEqualTo(1.0);
        assertThat(Normalization.navDeviation(-0.025)).isCloseTo(0.5, within(1e-15));
        assertThat(Normalization.collateralization(1.0)).isCloseTo(0.5, within(1e-15));
        assertThat(Normalization.collateralization(0.8)).isEqualTo(1.0);
        assertThat(Normalization.attestationAge(45)).isEqualTo(1.0);
        assertThat(Normalization.count(4)).isEqualTo(0.0);
        assertThat(Normalization.drawdown(0.25)).isEqualTo(0.5);
    }

    @Test
    void rejectsOutOfRangeInputs() {
        assertThatThrownBy(() -> ScoreInputs.builder().annualVolatility(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("annualVolatility must be a finite number ≥ 0, got NaN");
        assertThatThrownBy(() -> ScoreInputs.builder().maxDrawdown(1.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDrawdown is a fraction in [0, 1], got 1.5");
        assertThatThrownBy(() -> ScoreInputs.builder().audits(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("audits must not be negative, got -1");
    }
}
