package io.rwaprime.ingestion.news;

import io.rwaprime.common.assets.AssetCatalogue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class AssetMatcherTest {

  private static final AssetMatcher MATCHER = AssetMatcher.of(AssetCatalogue.load());

  @Test
  void matchesTickersOnWordBoundaries() {
    assertThat(MATCHER.match("BUIDL crosses $2.9bn; PAXG steady")).containsExactly("BUIDL", "PAXG");
    assertThat(MATCHER.match("Buying $XAUT and (TBILL) today")).containsExactly("TBILL", "XAUT");
    assertThat(MATCHER.match("PAXGOLD and XBUIDL and USDY2 are not tickers here")).isEmpty();
    assertThat(MATCHER.match("REALT-13245-MONICA rent raised")).containsExactly("REALT-13245-MONICA");
  }

  @Test
  @DisplayName("short tickers are case-sensitive so that common words do not match")
  void shortTickersAreCaseSensitive() {
    assertThat(MATCHER.match("kau is a word in some languages; buidl is a meme; benji tipped the waiter")).isEmpty();
    assertThat(MATCHER.match("KAU and BENJI")).containsExactly("BENJI", "KAU");
    assertThat(MATCHER.match("the syrupusdc vault")).as("long tickers ignore case").containsExactly("SYRUPUSDC");
  }

  @Test
  void matchesProductNames() {
    assertThat(MATCHER.explain("Tether Gold reserves audited")).singleElement().satisfies(m -> {
      assertThat(m.symbol()).isEqualTo("XAUT");
      assertThat(m.via()).isEqualTo(AssetMatcher.Via.NAME);
    });
    assertThat(MATCHER.match("pax gold and kinesis gold")).containsExactly("PAXG", "KAU");
    assertThat(MATCHER.match("Franklin OnChain U.S. Government Money Fund adds Base")).containsExactly("BENJI");
    assertThat(MATCHER.match("shares of FOBXX")).containsExactly("BENJI");
    assertThat(MATCHER.match("The St. Regis Aspen Resort token")).containsExactly("ASPD");
    assertThat(MATCHER.match("NVIDIA   xStock\nlaunch")).as("any whitespace between words").containsExactly("NVDAX");
  }

  @Test
  @DisplayName("issuers match on word boundaries and tag every product of the issuer")
  void matchesIssuers() {
    assertThat(MATCHER.match("BlackRock's tokenized fund grows")).containsExactly("BUIDL");
    assertThat(MATCHER.match("Franklin Templeton expands on-chain funds")).containsExactly("BENJI");
    assertThat(MATCHER.match("Ondo announces a new partner")).containsExactly("OUSG", "USDY");
    assertThat(MATCHER.match("Paxos receives a license")).containsExactly("PAXG");
    assertThat(MATCHER.match("Janus Henderson funds on Centrifuge")).containsExactly("JTRSY", "JAAA");
    assertThat(MATCHER.explain("Paxos Trust Company statement")).singleElement()
        .satisfies(m -> assertThat(m.via()).isEqualTo(AssetMatcher.Via.ISSUER));
    assertThat(MATCHER.match("Condor, Ondoa, paxos")).as("no partial words, issuers are proper nouns").isEmpty();
  }

  @Test
  @DisplayName("agents, chains and generic words that serve many products do not tag anything")
  void ignoresAgentsAndCommonWords() {
    assertThat(MATCHER.match("Securitize raises capital")).isEmpty();
    assertThat(MATCHER.match("Centrifuge upgrade goes live")).isEmpty();
    assertThat(MATCHER.match("Backed by treasuries, the token trades at par")).isEmpty();
    assertThat(MATCHER.match("Gold and digital assets in a circle")).isEmpty();
  }

  @Test
  void explainsTheStrongestAlias() {
    assertThat(MATCHER.explain("BlackRock launches BUIDL share class")).singleElement().satisfies(m -> {
      assertThat(m.symbol()).isEqualTo("BUIDL");
      assertThat(m.via()).isEqualTo(AssetMatcher.Via.SYMBOL);
      assertThat(m.toJson().encode()).isEqualTo("{\"symbol\":\"BUIDL\",\"via\":\"symbol\",\"alias\":\"BUIDL\"}");
    });
    assertThat(MATCHER.match(null)).isEmpty();
    assertThat(MATCHER.symbols()).hasSize(AssetCatalogue.load().size());
  }
}
