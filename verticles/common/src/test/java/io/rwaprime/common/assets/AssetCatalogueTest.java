package io.rwaprime.common.assets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssetCatalogueTest {

  private static final String VALID = """
      assets:
        - symbol: TEST1
          name: Test Treasury Token
          asset_class: tokenized_treasury
          issuer: Test Issuer
          chain: ethereum
          contracts:
            ethereum: "0x7712c34205737192402172409a8F7ccef8aA2AEc"
          currency: USD
          nav: 1.00
          yield_apy: 0.0400
          underlying:
            instrument: T-bills
            other_networks: [polygon, solana]
          documents:
            - https://example.com/test1
          simulation:
            start_price: 1.0000
            annual_volatility: 0.002
            daily_volume: 1000000
      """;

  @Test
  @DisplayName("the packaged catalogue loads with at least 18 assets covering every class, symbols unique")
  void loadsPackagedCatalogue() {
    AssetCatalogue catalogue = AssetCatalogue.load();

    assertThat(catalogue.assets()).hasSizeGreaterThanOrEqualTo(18);
    Set<AssetClass> classes = EnumSet.noneOf(AssetClass.class);
    Set<String> symbols = new HashSet<>();
    for (Asset a : catalogue.assets()) {
      classes.add(a.assetClass());
      assertThat(symbols.add(a.symbol())).as("unique symbol %s", a.symbol()).isTrue();
      assertThat(a.symbol()).matches(Asset.SYMBOL);
      assertThat(a.currency()).isEqualTo("USD");
      assertThat(catalogue.find(a.symbol())).containsSame(a);
    }
    assertThat(classes).containsExactlyInAnyOrder(AssetClass.values());
  }

  @Test
  void packagedCatalogueKeepsExactDecimalsAndLowerCaseEvmAddresses() {
    Asset buidl = AssetCatalogue.load().find("BUIDL").orElseThrow();

    assertThat(buidl.nav()).isEqualTo(new BigDecimal("1.00"));
    assertThat(buidl.yieldApy()).isEqualTo(new BigDecimal("0.0375"));
    assertThat(buidl.primaryContract()).hasValue("0x7712c34205737192402172409a8f7ccef8aa2aec");
    assertThat(buidl.simulation().stableNav()).isTrue();
    assertThat(buidl.simulation().priceDecimals()).isEqualTo(4);
  }

  @Test
  void packagedRepricingClassesHaveRepricingProfiles() {
    for (Asset a : AssetCatalogue.load().assets()) {
      if (a.assetClass() == AssetClass.REAL_ESTATE || a.assetClass() == AssetClass.PRIVATE_CREDIT) {
        assertThat(a.simulation().repricingPerYear()).as(a.symbol()).isPositive();
        assertThat(a.simulation().repricingSize()).as(a.symbol()).isPositive();
      }
    }
  }

  @Test
  void findIsExactAndEmptyForUnknownSymbols() {
    AssetCatalogue catalogue = parse(VALID);

    assertThat(catalogue.find("TEST1")).isPresent();
    assertThat(catalogue.find("test1")).isEmpty();
    assertThat(catalogue.find("NOPE")).isEmpty();
    assertThat(catalogue.find(null)).isEmpty();
  }

  @Test
  void readsEveryFieldOfAValidEntry() {
    Asset a = parse(VALID).assets().getFirst();

    assertThat(a.name()).isEqualTo("Test Treasury Token");
    assertThat(a.assetClass()).isEqualTo(AssetClass.TOKENIZED_TREASURY);
    assertThat(a.underlying()).containsEntry("instrument", "T-bills");
    assertThat(a.underlying().get("other_networks")).isEqualTo(List.of("polygon", "solana"));
    assertThat(a.documents()).containsExactly("https://example.com/test1");
    assertThat(a.simulation().startPrice()).isEqualTo(new BigDecimal("1.0000"));
    assertThat(a.simulation().annualVolatility()).isEqualTo(0.002);
    assertThat(a.simulation().repricingPerYear()).isZero();
  }

  @Test
  void loadsFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("assets.yaml");
    Files.writeString(file, VALID);

    assertThat(AssetCatalogue.load(file).assets()).extracting(Asset::symbol).containsExactly("TEST1");
  }

  @Test
  void rejectsLowerCaseSymbolNamingEntryAndField() {
    assertRejected(VALID.replace("symbol: TEST1", "symbol: test1"), "asset #1 (test1)", "symbol");
  }

  @Test
  void rejectsUnknownAssetClass() {
    assertRejected(VALID.replace("asset_class: tokenized_treasury", "asset_class: crypto"),
        "asset #1 (TEST1)", "asset_class", "tokenized_treasury");
  }

  @Test
  void rejectsNonPositiveNav() {
    assertRejected(VALID.replace("nav: 1.00", "nav: -1"), "asset #1 (TEST1)", "nav", "-1");
  }

  @Test
  void rejectsNonNumericYield() {
    assertRejected(VALID.replace("yield_apy: 0.0400", "yield_apy: 4%"), "asset #1 (TEST1)", "yield_apy", "4%");
  }

  @Test
  void rejectsYieldGivenAsPercent() {
    assertRejected(VALID.replace("yield_apy: 0.0400", "yield_apy: 4.25"), "yield_apy", "fraction");
  }

  @Test
  void rejectsMalformedEvmAddress() {
    assertRejected(VALID.replace("0x7712c34205737192402172409a8F7ccef8aA2AEc", "0x1234"),
        "asset #1 (TEST1)", "contracts.ethereum");
  }

  @Test
  void rejectsMisspeltField() {
    assertRejected(VALID.replace("yield_apy:", "yeild_apy:"), "asset #1 (TEST1)", "yeild_apy", "unknown field");
  }

  @Test
  void rejectsMissingSimulation() {
    String yaml = VALID.substring(0, VALID.indexOf("    simulation:"));
    assertRejected(yaml, "asset #1 (TEST1)", "simulation");
  }

  @Test
  void rejectsNonHttpsDocument() {
    assertRejected(VALID.replace("https://example.com/test1", "ftp://example.com/x"), "documents[0]", "https");
  }

  @Test
  void rejectsDuplicateSymbols() {
    String second = VALID.substring(VALID.indexOf("  - symbol"));
    assertRejected(VALID + second, "asset #2 (TEST1)", "symbol", "duplicate of asset #1");
  }

  @Test
  void rejectsRealEstateWithoutRepricing() {
    String yaml = VALID.replace("asset_class: tokenized_treasury", "asset_class: real_estate");
    assertRejected(yaml, "asset #1 (TEST1)", "simulation.repricing_per_year", "real_estate");
  }

  @Test
  void rejectsRepricingOnCommodity() {
    String yaml = VALID.replace("asset_class: tokenized_treasury", "asset_class: commodity")
        .replace("daily_volume: 1000000", "daily_volume: 1000000\n      repricing_per_year: 2\n      repricing_size: 0.01");
    assertRejected(yaml, "simulation.repricing_per_year", "real_estate and private_credit");
  }

  @Test
  void rejectsTracksOnTreasury() {
    String yaml = VALID.replace("daily_volume: 1000000", "daily_volume: 1000000\n      tracks: XAU");
    assertRejected(yaml, "asset #1 (TEST1)", "simulation.tracks", "commodity");
  }

  @Test
  void readsTracksOfCommodity() {
    String yaml = VALID.replace("asset_class: tokenized_treasury", "asset_class: commodity")
        .replace("daily_volume: 1000000", "daily_volume: 1000000\n      tracks: XAU");
    assertThat(parse(yaml).assets().getFirst().simulation().tracks()).isEqualTo("XAU");
  }

  @Test
  void rejectsStartPriceFinerThanTick() {
    String yaml = VALID.replace("start_price: 1.0000", "start_price: 1.00001")
        .replace("daily_volume: 1000000", "daily_volume: 1000000\n      price_decimals: 4");
    assertRejected(yaml, "simulation.start_price", "price_decimals");
  }

  @Test
  void rejectsEmptyOrMalformedDocument() {
    assertRejected("assets: []\n", "'assets' must be a non-empty list");
    assertRejected("- just a list\n", "'assets' list at the top");
    assertRejected("assets:\n  - symbol: [unclosed\n", "not valid YAML");
  }

  @Test
  void defaultPriceDecimalsFollowTheAssetKind() {
    assertThat(SimulationProfile.defaultPriceDecimals(AssetClass.TOKENIZED_TREASURY, new BigDecimal("114.20"))).isEqualTo(4);
    assertThat(SimulationProfile.defaultPriceDecimals(AssetClass.COMMODITY, new BigDecimal("4150"))).isEqualTo(2);
    assertThat(SimulationProfile.defaultPriceDecimals(AssetClass.REAL_ESTATE, new BigDecimal("1.00"))).isEqualTo(4);
  }

  @Test
  void assetClassLabelsRoundTrip() {
    for (AssetClass c : AssetClass.values()) {
      assertThat(AssetClass.fromLabel(c.label())).isSameAs(c);
    }
    assertThatThrownBy(() -> AssetClass.fromLabel("gold")).hasMessageContaining("commodity");
  }

  private static AssetCatalogue parse(String yaml) {
    return AssetCatalogue.parse(new StringReader(yaml), "test.yaml");
  }

  private static void assertRejected(String yaml, String... fragments) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> {
          assertThat(e.getMessage()).startsWith("test.yaml");
          for (String f : fragments) {
            assertThat(e.getMessage()).contains(f);
          }
        });
  }
}
