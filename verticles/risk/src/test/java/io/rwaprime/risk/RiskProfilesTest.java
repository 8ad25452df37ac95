package io.rwaprime.risk;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.config.ConfigException;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.risk.score.CreditRating;
import io.rwaprime.risk.score.RiskWeights;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskProfilesTest {

  @Test
  void everyCatalogueAssetIsAssessedAndNothingElse() {
    RiskProfiles profiles = RiskProfiles.load();
    assertThat(profiles.symbols())
        .containsExactlyInAnyOrderElementsOf(AssetCatalogue.load().assets().stream().map(Asset::symbol).toList());
    assertThat(profiles.of("BUIDL").underlyingRating()).isEqualTo(CreditRating.AA_PLUS);
    assertThat(profiles.of("NOPE")).isEqualTo(StaticProfile.UNASSESSED);
  }

  @Test
  void refusesUnknownFieldsAndValuesNamingThem() {
    assertThatThrownBy(() -> RiskProfiles.parse(new StringReader("profiles: {X: {audit: 2}}"), "t"))
        .hasMessageContaining("t: X: unknown field 'audit'");
    assertThatThrownBy(() -> RiskProfiles.parse(new StringReader("profiles: {X: {kyc: maybe}}"), "t"))
        .hasMessageContaining("kyc: unknown value 'maybe'").hasMessageContaining("onchain_allowlist");
    assertThatThrownBy(() -> RiskProfiles.parse(new StringReader("profiles: {X: {issuer_rating: ZZ}}"), "t"))
        .hasMessageContaining("issuer_rating: unknown credit rating 'ZZ'");
    assertThatThrownBy(() -> RiskProfiles.parse(new StringReader("profiles: {X: {audits: -1}}"), "t"))
        .hasMessageContaining("audits: expected a whole number");
  }

  @Test
  void weightsComeFromConfigurationAndMustSumTo100() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      var cfg = ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(),
          Map.of("RWA_RISK_WEIGHTS_COMMODITY", "50,20,20,10"), Map.of())).await(20, TimeUnit.SECONDS);
      var weights = RiskRole.weights(cfg.risk());
      assertThat(weights.forAssetClass("commodity").category(io.rwaprime.risk.score.RiskCategory.MARKET)).isEqualTo(0.5);
      assertThat(weights.forAssetClass("unknown_class")).isEqualTo(RiskWeights.DEFAULT);
      assertThatThrownBy(() -> ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(),
          Map.of("RWA_RISK_WEIGHTS_COMMODITY", "50,50,50,50"), Map.of())).await(20, TimeUnit.SECONDS))
          .isInstanceOf(ConfigException.class).hasMessageContaining("risk.weights.commodity")
          .hasMessageContaining("sum to 100");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
