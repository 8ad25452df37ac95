package io.rwaprime.ingestion.news;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SentimentScorerTest {

  private final SentimentScorer scorer = new SentimentScorer();

  private double score(String text) {
    return scorer.score(text).score();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "BlackRock's BUIDL fund sees record inflows as tokenized treasuries surge",
      "Franklin Templeton BENJI fund wins approval in Europe",
      "Ondo expands USDY to a new chain",
      "Gold hits all-time high as safe haven demand grows",
      "PAXG beats expectations after a strong quarter",
      "Rating agency upgrades the senior tranche",
      "The issuer did not default on its notes",
      "No evidence of fraud was found in the audit",
      "Fund averted a default after the sponsor injected capital",
      "SEC dismissed the lawsuit against the issuer",
      "Regulators lifted sanctions on the custodian",
      "Superstate says USTB fund unaffected by the exploit"})
  void scoresBullishNewsPositive(String text) {
    assertThat(score(text)).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "Paxos faces lawsuit over PAXG redemption halt",
      "The issuer defaulted on its notes",
      "Stablecoin depegs after bridge exploit drains $50 million",
      "The fund halts redemptions amid a liquidity crunch",
      "Maple reports delinquency; a borrower missed a payment and an impairment is likely",
      "Token de-pegged after the hack; sell-off follows",
      "Record outflows hit the tokenized gold fund",
      "Moody's downgrades the CLO tranche",
      "Prosecutors open an investigation into alleged fraud at the custodian",
      "Treasury sanctions the exchange",
      "Without approval, the launch is delayed",
      "Hardly any growth this quarter"})
  void scoresBearishNewsNegative(String text) {
    assertThat(score(text)).isNegative();
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"The company reported quarterly results", "Tokenized treasuries explained", "", "   "})
  void scoresNeutralTextZero(String text) {
    assertThat(score(text)).isZero();
    assertThat(scorer.score(text).terms()).isEmpty();
  }

  @Test
  @DisplayName("a negator within three tokens flips polarity, and weakens it")
  void negationFlipsPolarity() {
    double defaulted = score("The issuer defaulted on its notes");
    double notDefaulted = score("The issuer did not default on its notes");

    assertThat(defaulted).isNegative();
    assertThat(notDefaulted).isPositive().isLessThan(-defaulted);
    assertThat(score("growth")).isPositive();
    assertThat(score("no growth")).isNegative();
    assertThat(score("never an approval")).isNegative();
    assertThat(score("hardly any growth")).isNegative();
    assertThat(score("didn't default")).isPositive();
  }

  @Test
  @DisplayName("negation stops at four tokens, at a clause boundary and at the next term")
  void negationIsScoped() {
    assertThat(score("not one of the many defaults")).as("negator five tokens away").isNegative();
    assertThat(score("Not a fraud. Default follows")).as("sentence boundary").isLessThan(score("Not a fraud, no default"));
    SentimentScorer.Sentiment s = scorer.score("no hack and strong inflows");
    assertThat(s.terms()).extracting(SentimentScorer.Term::text, SentimentScorer.Term::negated)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("hack", true),
            org.assertj.core.groups.Tuple.tuple("strong", false),
            org.assertj.core.groups.Tuple.tuple("inflows", false));
    assertThat(s.score()).isPositive();
  }

  @Test
  void intensifiersStrengthenAndDiminishersWeaken() {
    double plain = score("Agency downgraded the notes");
    double sharp = score("Agency sharply downgraded the notes");
    double slight = score("Agency slightly downgraded the notes");

    assertThat(sharp).isLessThan(plain);
    assertThat(plain).isLessThan(slight);
    assertThat(slight).isNegative();
    assertThat(score("record outflows")).as("'record' intensifies a following term").isLessThan(score("outflows"));
    assertThat(score("the fund posts a record")).as("alone, 'record' is mildly positive").isPositive();
  }

  @Test
  @DisplayName("more agreeing evidence moves the score further from zero, never past ±1")
  void moreEvidenceIsMoreExtreme() {
    double one = score("Stablecoin depegs");
    double three = score("Stablecoin depegs after bridge exploit drains reserves");
    assertThat(three).isLessThan(one);
    assertThat(one).isCloseTo(-2.0 / 3.0, within(1e-4));
    assertThat(score("growth")).as("(1 - 0) / (1 + 0 + 1)").isCloseTo(0.5, within(1e-4));
    String flood = "fraud hack exploit default depeg collapse ".repeat(200);
    assertThat(score(flood)).isGreaterThanOrEqualTo(-1.0).isLessThan(-0.99);
  }

  @Test
  @DisplayName("mixed news lands between its parts")
  void mixedNewsIsTempered() {
    double mixed = score("Tokenized gold demand surges, but regulators open an investigation");
    assertThat(mixed).isLessThan(score("Tokenized gold demand surges")).isGreaterThan(score("regulators open an investigation"));
  }

  @Test
  @DisplayName("headlines order from most bullish to most bearish")
  void ordersHeadlines() {
    List<String> ordered = List.of(
        "Gold hits all-time high as safe haven demand grows",
        "Ondo expands USDY to a new chain",
        "The company reported quarterly results",
        "Agency slightly downgraded the notes",
        "Stablecoin depegs after bridge exploit drains $50 million");
    List<Double> scores = ordered.stream().map(this::score).toList();
    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(scores.stream().distinct()).hasSize(ordered.size());
  }

  @Test
  @DisplayName("the headline weighs twice the body")
  void titleWeighsMore() {
    SentimentScorer.Sentiment s = scorer.score("Fund defaults", "Earlier growth was strong");
    assertThat(s.score()).isNegative();
    assertThat(scorer.score("Fund grows", "A delay elsewhere").score()).isPositive();
  }

  @Test
  @DisplayName("every matched term is explained with its category, signed weight and negation")
  void explainsMatchedTerms() {
    SentimentScorer.Sentiment s = scorer.score("Paxos faces lawsuit over PAXG redemption halt, did not default");

    assertThat(s.terms()).extracting(SentimentScorer.Term::text)
        .containsExactly("lawsuit", "redemption halt", "default");
    assertThat(s.terms().get(0).category()).isEqualTo("litigious");
    assertThat(s.terms().get(1).contribution()).isEqualTo(-2.0);
    assertThat(s.terms().get(2).negated()).isTrue();
    assertThat(s.terms().get(2).contribution()).isPositive();
    assertThat(s.termsJson().getJsonObject(1).encode())
        .isEqualTo("{\"term\":\"redemption halt\",\"category\":\"negative\",\"weight\":-2.0,\"negated\":false}");
    assertThat(s.positive()).isPositive();
    assertThat(s.negative()).isEqualTo(3.5);
  }

  @Test
  @DisplayName("inflections and phrases map onto base forms: halts redemptions, depegged, rallies")
  void matchesInflectionsAndPhrases() {
    assertThat(scorer.score("issuer halts redemptions").terms()).extracting(SentimentScorer.Term::text)
        .containsExactly("halts redemptions");
    assertThat(scorer.score("the token depegged").terms()).extracting(SentimentScorer.Term::text)
        .containsExactly("depegged");
    assertThat(scorer.score("gold rallies").score()).isPositive();
    assertThat(scorer.score("hackers drained the bridge").score()).isNegative();
    assertThat(scorer.score("bed sheets").terms()).isEmpty();
  }

  @Test
  void lexiconHasAFewHundredTerms() {
    assertThat(scorer.lexiconSize()).isBetween(300, 800);
  }

  @Test
  @DisplayName("any text scores finitely in [-1, 1]")
  void scoresStayInRange() {
    Random random = new Random(7);
    String[] words = ("default not fraud very growth no surge slightly hack record , . but approval without lawsuit "
        + "never outflows inflows sharply depeg the fund").split(" ");
    for (int i = 0; i < 2_000; i++) {
      List<String> text = new ArrayList<>();
      for (int j = random.nextInt(40); j > 0; j--) {
        text.add(words[random.nextInt(words.length)]);
      }
      double s = score(String.join(" ", text));
      assertThat(s).isFinite().isBetween(-1.0, 1.0);
    }
  }
}
