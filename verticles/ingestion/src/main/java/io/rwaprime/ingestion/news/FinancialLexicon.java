package io.rwaprime.ingestion.news;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A compact financial sentiment lexicon for tokenized real-world assets: treasuries and money-market funds,
 * private credit, real estate, gold, tokenized equities, and the crypto rails they live on.
 *
 * <p>Modelled on the Loughran–McDonald categories (positive, negative, uncertainty, litigious), written for this
 * domain rather than copied: "default", "depeg", "redemption halt" and "exploit" are strongly negative here;
 * "liability" or "tax" — negative in the general LM list — are left out because they are neutral in fund news.
 * Every entry has a weight: 2 for words that move prices on their own (fraud, hack, default, all-time high), 1.5
 * for strong ones, 1 for ordinary ones, 0.5 for weak hints. Terms are written in base form; {@link #canonical}
 * maps inflections (plurals, -ed, -ing, doubled consonants) onto them. Phrases of up to three words are written
 * with spaces; hyphens in text split words, so "sell-off" matches {@code sell off}.
 */
final class FinancialLexicon {

  /** The Loughran–McDonald-style category of a term. */
  enum Category {
    POSITIVE(1), NEGATIVE(-1), UNCERTAINTY(-1), LITIGIOUS(-1);

    final int sign;

    Category(int sign) {
      this.sign = sign;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A lexicon entry. */
  record Entry(String term, Category category, double weight) {
  }

  static final int MAX_PHRASE_WORDS = 3;

  private static final String POSITIVE = """
      2.0: soar, skyrocket, breakthrough, all time high, record high, fully repay, oversubscribe
      1.5: surge, rally, boom, upgrade, approval, approve, outperform, inflow, net inflow, milestone, landmark,
           beat expectation, beat estimate, exceed expectation, strong demand, green light, greenlight,
           fully back, fully collateralize, overcollateralize, overcollateralized, upsize, bullish, reopen redemption,
           resume redemption, resume withdrawal, positive outlook, upgraded outlook
      1.0: growth, grow, grew, gain, rise, rose, risen, climb, jump, increase, expand, expansion, launch, debut,
           partnership, partner with, adopt, adoption, integrate, integration, recover, recovery, rebound, improve,
           improvement, strengthen, strong, robust, resilient, stability, secure, upside, optimism, optimistic,
           confidence, confident, favorable, favourable, attractive, benefit, opportunity, success, successful, win,
           won, award, innovation, innovative, efficient, efficiency, transparency, transparent, authorize,
           authorization, endorse, endorsement, momentum, accelerate, upbeat, profit, profitable, exceed, surpass,
           boost, bolster, upturn, upswing, repay, repayment, restore, reopen, resume, accretive, safe haven,
           proof of reserve, clean audit, unqualified opinion, approve listing, raise capital, funding round,
           licensed, regulated, compliant, positive, beat, excellent, solid, healthy, thrive, outpace, top performer, record year
      0.5: stable, steady, uptick, invest, investment, backing, eligible, undervalued, haven, attestation,
           stable outlook, tailwind, welcome, support, record
      """;

  private static final String NEGATIVE = """
      2.0: default, fraud, hack, exploit, depeg, de peg, insolvent, insolvency, bankrupt, bankruptcy, collapse,
           ponzi, scam, rug pull, redemption halt, halt redemption, suspend redemption, freeze redemption,
           pause redemption, gate redemption, freeze withdrawal, halt withdrawal, suspend withdrawal, theft,
           steal, stolen, drain, embezzle, embezzlement, misappropriation, misappropriate, wipeout, wipe out, stole, hacker,
           miss payment, missed payment, miss a payment, missed a payment, nonpayment, non payment, crash, undercollateralized, undercollateralize,
           liquidity crunch, liquidity crisis, bank run, break the buck, money laundering, launder, laundering,
           all time low, counterfeit, wash trading
      1.5: downgrade, impairment, impair, write down, writedown, write off, writeoff, delinquency, delinquent,
           foreclosure, foreclose, distress, distressed, halt, freeze, frozen, suspend, suspension, liquidate,
           liquidation, delist, sanction, plunge, plummet, tumble, slump, panic, contagion, crisis, breach,
           attack, attacker, compromise, vulnerability, reject, rejection, ban, crackdown, penalty, fined,
           violation, violate, noncompliance, non compliance, red flag, shortfall, illiquid, illiquidity,
           margin call, going concern, material weakness, manipulation, manipulate, seize, seizure, confiscate,
           arrest, scandal, misconduct, wrongdoing, misleading, mislead, deceptive, deceive, fake, unauthorized,
           gating, mass redemption, underwater, negative outlook, junk, toxic, recession, shut down, shutdown,
           wind down, outflow, net outflow, record low, loss, lose, lost, bearish, selloff, sell off
      1.0: decline, fall, fell, fallen, drop, sink, sank, sunk, slide, slid, downturn, weak, weakness, weaken, turmoil,
           vulnerable, phishing, outage, bug, flaw, glitch, malfunction, pause, block, warning, warn,
           underperform, miss, miss estimate, miss expectation, shortage, restatement, layoff, delay, postpone,
           cancel, terminate, closure, unpaid, overdue, arrears, late payment, negative, headwind, slowdown,
           devaluation, devalue, discrepancy, insufficient, subprime, bubble, overvalued, slash, bleed, restructuring,
           restructure, haircut, fail, failure, worst, deteriorate, deterioration, erode, erosion, unstable, instability,
           setback, problem, trouble, troubled, downside, dilution, dilute, exodus, flee, abandon, hurt, damage, harm
      0.5: concern, worry, fear, pressure, deficit, discount, resign, resignation, lower guidance, jittery, caution,
           cautious, wary, skeptical, skepticism, retreat, dip, slip, sluggish
      """;

  private static final String UNCERTAINTY = """
      0.5: uncertain, uncertainty, unclear, volatile, volatility, turbulence, turbulent, unpredictable, speculative,
           speculation, doubt, doubtful, ambiguous, ambiguity, questionable, unproven, unconfirmed, rumor, rumour,
           fluctuate, fluctuation, risk, risky, scrutiny, unknown, unresolved, unsettled
      """;

  private static final String LITIGIOUS = """
      2.0: indictment, indict, criminal charge, cease and desist, wells notice, class action
      1.5: lawsuit, sue, subpoena, prosecute, prosecution, enforcement action, charged, allege fraud
      1.0: litigation, litigate, plaintiff, allegation, allege, allegedly, prosecutor, investigation, investigate,
           probe, injunction, complaint, legal action, regulatory action, accuse, accusation
      """;

  /** Words that negate the next sentiment term within three tokens of the same clause. */
  static final Set<String> NEGATORS = Set.of(
      "not", "no", "never", "without", "hardly", "barely", "neither", "nor", "none", "nobody", "nothing", "cannot",
      "lack", "lacks", "lacked", "lacking", "absence", "rarely", "seldom", "scarcely",
      "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "cant", "couldnt", "shouldnt",
      "wouldnt", "hasnt", "havent", "hadnt", "aint",
      // verbs that undo what follows: "averted a default", "eases concerns", "lifted the redemption halt"
      "avoid", "avoids", "avoided", "avoiding", "avert", "averts", "averted", "averting", "prevent", "prevents",
      "prevented", "preventing", "ease", "eases", "eased", "easing", "alleviate", "alleviates", "alleviated",
      "dismiss", "dismisses", "dismissed", "lift", "lifts", "lifted", "resolve", "resolves", "resolved", "deny",
      "denies", "denied", "fail", "fails", "failed", "failing", "unaffected", "immune");

  /** Words that strengthen the next term within two tokens. */
  static final Map<String, Double> INTENSIFIERS = Map.ofEntries(
      Map.entry("very", 1.5), Map.entry("highly", 1.5), Map.entry("extremely", 1.75), Map.entry("sharply", 1.5),
      Map.entry("significantly", 1.5), Map.entry("substantially", 1.5), Map.entry("strongly", 1.5),
      Map.entry("massive", 1.5), Map.entry("massively", 1.5), Map.entry("major", 1.5), Map.entry("huge", 1.5),
      Map.entry("severe", 1.5), Map.entry("severely", 1.5), Map.entry("deeply", 1.5), Map.entry("heavily", 1.5),
      Map.entry("dramatically", 1.75), Map.entry("steep", 1.5), Map.entry("steeply", 1.5), Map.entry("big", 1.25),
      Map.entry("biggest", 1.5), Map.entry("largest", 1.5), Map.entry("record", 1.5), Map.entry("unprecedented", 1.75),
      Map.entry("historic", 1.5), Map.entry("serious", 1.5), Map.entry("seriously", 1.5), Map.entry("materially", 1.5),
      Map.entry("critical", 1.5), Map.entry("widespread", 1.5), Map.entry("total", 1.25), Map.entry("complete", 1.25),
      // diminishers
      Map.entry("slightly", 0.5), Map.entry("modestly", 0.5), Map.entry("modest", 0.5), Map.entry("somewhat", 0.6),
      Map.entry("marginally", 0.5), Map.entry("minor", 0.5), Map.entry("small", 0.6), Map.entry("mildly", 0.5),
      Map.entry("mild", 0.6), Map.entry("partially", 0.6), Map.entry("partly", 0.6), Map.entry("limited", 0.6),
      Map.entry("temporary", 0.7), Map.entry("temporarily", 0.7));

  /** Single-word entries by canonical form. */
  private final Map<String, Entry> words;
  /** Multi-word entries by their words joined with one space. */
  private final Map<String, Entry> phrases;
  /** Every word that appears in an entry: the targets of {@link #canonical}. */
  private final Set<String> vocabulary;

  private static final FinancialLexicon DEFAULT = new FinancialLexicon();

  private FinancialLexicon() {
    Map<String, Entry> w = new HashMap<>();
    Map<String, Entry> p = new HashMap<>();
    load(POSITIVE, Category.POSITIVE, w, p);
    load(NEGATIVE, Category.NEGATIVE, w, p);
    load(UNCERTAINTY, Category.UNCERTAINTY, w, p);
    load(LITIGIOUS, Category.LITIGIOUS, w, p);
    Set<String> v = new HashSet<>(w.keySet());
    p.keySet().forEach(phrase -> v.addAll(java.util.List.of(phrase.split(" "))));
    this.words = Collections.unmodifiableMap(w);
    this.phrases = Collections.unmodifiableMap(p);
    this.vocabulary = Collections.unmodifiableSet(v);
  }

  static FinancialLexicon standard() {
    return DEFAULT;
  }

  /** How many terms and phrases. */
  int size() {
    return words.size() + phrases.size();
  }

  Entry word(String canonical) {
    return words.get(canonical);
  }

  Entry phrase(String canonicalWords) {
    return phrases.get(canonicalWords);
  }

  /**
   * The lexicon's base form of a lower-case token ({@code "downgraded"} → {@code "downgrade"},
   * {@code "depegged"} → {@code "depeg"}, {@code "rallies"} → {@code "rally"}), or the token itself when no form of
   * it is in the lexicon. Short tokens are never stemmed, so "bed" cannot become "b".
   */
  String canonical(String token) {
    if (vocabulary.contains(token)) {
      return token;
    }
    String t = token.endsWith("'s") ? token.substring(0, token.length() - 2) : token;
    if (vocabulary.contains(t) || t.length() < 4) {
      return t;
    }
    for (String candidate : variants(t)) {
      if (vocabulary.contains(candidate)) {
        return candidate;
      }
    }
    return t;
  }

  private static String[] variants(String t) {
    int n = t.length();
    String noS = t.endsWith("s") && !t.endsWith("ss") ? t.substring(0, n - 1) : null;
    String noEs = t.endsWith("es") ? t.substring(0, n - 2) : null;
    String ies = t.endsWith("ies") || t.endsWith("ied") ? t.substring(0, n - 3) + "y" : null;
    String noD = t.endsWith("ed") ? t.substring(0, n - 1) : null;
    String noEd = t.endsWith("ed") ? t.substring(0, n - 2) : null;
    String noIng = t.endsWith("ing") ? t.substring(0, n - 3) : null;
    String ingE = noIng == null ? null : noIng + "e";
    String doubled = null;
    String stem = noEd != null ? noEd : noIng;
    if (stem != null && stem.length() >= 3 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)) {
      doubled = stem.substring(0, stem.length() - 1); // depegged → depeg, dropping → drop
    }
    String noLy = t.endsWith("ly") ? t.substring(0, n - 2) : null;
    return java.util.stream.Stream.of(noS, noEs, ies, noD, noEd, noIng, ingE, doubled, noLy)
        .filter(java.util.Objects::nonNull).toArray(String[]::new);
  }

  private static void load(String block, Category category, Map<String, Entry> words, Map<String, Entry> phrases) {
    double weight = 1.0;
    for (String line : block.strip().split("\n")) {
      String rest = line.strip();
      int colon = rest.indexOf(':');
      if (colon > 0 && rest.substring(0, colon).matches("[0-9.]+")) {
        weight = Double.parseDouble(rest.substring(0, colon));
        rest = rest.substring(colon + 1);
      }
      for (String raw : rest.split(",")) {
        String term = raw.strip().toLowerCase(Locale.ROOT);
        if (term.isEmpty()) {
          continue;
        }
        Entry entry = new Entry(term, category, weight);
        Map<String, Entry> target = term.indexOf(' ') >= 0 ? phrases : words;
        if (term.split(" ").length > MAX_PHRASE_WORDS) {
          throw new IllegalStateException("lexicon phrase longer than " + MAX_PHRASE_WORDS + " words: " + term);
        }
        if (target.putIfAbsent(term, entry) != null) {
          throw new IllegalStateException("lexicon term listed twice: " + term);
        }
      }
    }
  }
}
