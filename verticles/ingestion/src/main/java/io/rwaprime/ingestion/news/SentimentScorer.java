package io.rwaprime.ingestion.news;

import io.rwaprime.ingestion.news.FinancialLexicon.Category;
import io.rwaprime.ingestion.news.FinancialLexicon.Entry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores the sentiment of financial news text in [-1, 1] with a domain lexicon (see {@link FinancialLexicon}),
 * negation, intensifiers and an explanation of every matched term.
 *
 * <h2>How a score is made</h2>
 * <ol>
 *   <li>Text is lower-cased and split into word tokens; punctuation ({@code . , ; : ! ? ( )}) and the words
 *       "but", "however", "although", "though", "whereas" end a clause. Hyphens split words.</li>
 *   <li>Terms are matched left to right, longest phrase first (three, two, one words), on each token's base form
 *       ("halts redemptions" → {@code halt redemption}).</li>
 *   <li>Each term's contribution is {@code sign × weight × intensity × negation × fieldWeight}: sign +1 for
 *       positive, −1 for negative, uncertainty and litigious terms; the lexicon weight (0.5 to 2); intensity the
 *       factor of an intensifier ("sharply" ×1.5) or diminisher ("slightly" ×0.5) up to two tokens before the term;
 *       negation {@value #NEGATION} when a negator ("not", "no", "never", "without", "hardly", "averted", "n't"…)
 *       stands up to three tokens before it in the same clause with no other term in between, else 1; fieldWeight
 *       {@value #TITLE_WEIGHT} for the headline and 1 for the body. A word such as "record" intensifies a term that
 *       follows it ("record outflows") and is a weak positive term only when nothing follows ("a record").</li>
 *   <li>With {@code P} the sum of positive contributions and {@code N} the sum of the magnitudes of negative ones,
 *       <pre>score = (P − N) / (P + N + K),  K = {@value #K}</pre>
 *       which lies strictly inside (−1, 1) without further squashing, is 0 for no evidence or balanced evidence,
 *       and needs several agreeing terms to approach ±1: one ordinary term gives ±0.5, a strong one ±0.67.</li>
 * </ol>
 *
 * <p>Immutable and thread-safe; about a microsecond per word.
 */
public final class SentimentScorer {

  /** Factor applied to a negated term: the polarity flips and weakens ("not bad" is not "good"). */
  public static final double NEGATION = -0.75;
  /** Smoothing constant K of the score formula: how much evidence it takes to approach ±1. */
  public static final double K = 1.0;
  /** Weight of a headline term relative to a body term. */
  public static final double TITLE_WEIGHT = 2.0;
  private static final int NEGATION_WINDOW = 3;
  private static final int INTENSIFIER_WINDOW = 2;
  private static final Pattern TOKEN = Pattern.compile("[a-z0-9]+(?:'[a-z]+)?|[.,;:!?()]");
  private static final java.util.Set<String> CLAUSE_WORDS = java.util.Set.of("but", "however", "although", "though",
      "whereas", "while");

  /** One matched term and what it contributed. */
  public record Term(String text, String category, double contribution, boolean negated) {
    /** {@code {"term","category","weight","negated"}}, weight being the signed contribution. */
    public JsonObject toJson() {
      return new JsonObject().put("term", text).put("category", category).put("weight", contribution)
          .put("negated", negated);
    }
  }

  /**
   * A score and its explanation.
   *
   * @param score    in [-1, 1], rounded to four decimals; negative is bearish
   * @param positive sum of positive contributions
   * @param negative sum of magnitudes of negative contributions
   * @param terms    every matched term in text order (headline first)
   */
  public record Sentiment(double score, double positive, double negative, List<Term> terms) {
    /** Copies the terms. */
    public Sentiment {
      terms = List.copyOf(terms);
    }

    /** The terms as a JSON array of {@link Term#toJson()}. */
    public JsonArray termsJson() {
      JsonArray out = new JsonArray();
      terms.forEach(t -> out.add(t.toJson()));
      return out;
    }
  }

  private final FinancialLexicon lexicon = FinancialLexicon.standard();

  /** The sentiment of one piece of text. */
  public Sentiment score(String text) {
    Accumulator acc = new Accumulator();
    scan(text, 1.0, acc);
    return acc.result();
  }

  /** The sentiment of an article: headline terms count {@value #TITLE_WEIGHT}×, body terms once. */
  public Sentiment score(String title, String body) {
    Accumulator acc = new Accumulator();
    scan(title, TITLE_WEIGHT, acc);
    scan(body, 1.0, acc);
    return acc.result();
  }

  /** How many terms and phrases the lexicon holds. */
  public int lexiconSize() {
    return lexicon.size();
  }

  private static final class Accumulator {
    double positive;
    double negative;
    final List<Term> terms = new ArrayList<>();

    Sentiment result() {
      double raw = (positive - negative) / (positive + negative + K);
      double score = Math.max(-1.0, Math.min(1.0, Math.round(raw * 10_000) / 10_000.0));
      return new Sentiment(score, positive, negative, terms);
    }
  }

  private record Match(int start, int end, Entry entry, String text) {
  }

  private void scan(String text, double fieldWeight, Accumulator acc) {
    if (text == null || text.isBlank()) {
      return;
    }
    List<String> tokens = new ArrayList<>();
    List<Integer> clause = new ArrayList<>();
    List<String> original = new ArrayList<>();
    tokenize(text, tokens, clause, original);
    int n = tokens.size();
    String[] canonical = new String[n];
    for (int i = 0; i < n; i++) {
      canonical[i] = tokens.get(i) == null ? null : lexicon.canonical(tokens.get(i));
    }
    List<Match> matches = new ArrayList<>();
    boolean[] covered = new boolean[n];
    for (int i = 0; i < n; ) {
      Match m = matchAt(canonical, clause, original, i);
      if (m == null) {
        i++;
        continue;
      }
      matches.add(m);
      for (int j = m.start; j < m.end; j++) {
        covered[j] = true;
      }
      i = m.end;
    }
    // a word that is both a weak term and an intensifier ("record") intensifies a term right after it instead
    List<Match> kept = new ArrayList<>(matches.size());
    for (int k = 0; k < matches.size(); k++) {
      Match m = matches.get(k);
      boolean single = m.end - m.start == 1;
      if (single && FinancialLexicon.INTENSIFIERS.containsKey(tokens.get(m.start)) && k + 1 < matches.size()) {
        Match next = matches.get(k + 1);
        if (next.start - m.end < INTENSIFIER_WINDOW && clause.get(next.start).equals(clause.get(m.start))) {
          covered[m.start] = false;
          continue;
        }
      }
      kept.add(m);
    }
    for (Match m : kept) {
      double intensity = intensity(tokens, clause, covered, m.start);
      boolean negated = negated(tokens, clause, covered, m.start);
      double c = m.entry.category().sign * m.entry.weight() * intensity * (negated ? NEGATION : 1.0) * fieldWeight;
      c = Math.round(c * 10_000) / 10_000.0;
      if (c > 0) {
        acc.positive += c;
      } else {
        acc.negative -= c;
      }
      acc.terms.add(new Term(m.text, m.entry.category().label(), c, negated));
    }
  }

  private Match matchAt(String[] canonical, List<Integer> clause, List<String> original, int i) {
    if (canonical[i] == null) {
      return null; // a clause boundary
    }
    for (int len = Math.min(FinancialLexicon.MAX_PHRASE_WORDS, canonical.length - i); len >= 2; len--) {
      if (!clause.get(i + len - 1).equals(clause.get(i))) {
        continue;
      }
      StringBuilder key = new StringBuilder(canonical[i]);
      for (int j = i + 1; j < i + len; j++) {
        key.append(' ').append(canonical[j]);
      }
      Entry e = lexicon.phrase(key.toString());
      if (e != null) {
        return new Match(i, i + len, e, String.join(" ", original.subList(i, i + len)));
      }
    }
    Entry e = lexicon.word(canonical[i]);
    return e == null ? null : new Match(i, i + 1, e, original.get(i));
  }

  private static double intensity(List<String> tokens, List<Integer> clause, boolean[] covered, int start) {
    for (int j = start - 1; j >= Math.max(0, start - INTENSIFIER_WINDOW); j--) {
      if (tokens.get(j) == null || !clause.get(j).equals(clause.get(start)) || covered[j]) {
        return 1.0;
      }
      Double factor = FinancialLexicon.INTENSIFIERS.get(tokens.get(j));
      if (factor != null) {
        return factor;
      }
    }
    return 1.0;
  }

  private static boolean negated(List<String> tokens, List<Integer> clause, boolean[] covered, int start) {
    for (int j = start - 1; j >= Math.max(0, start - NEGATION_WINDOW); j--) {
      String t = tokens.get(j);
      if (t == null || !clause.get(j).equals(clause.get(start))) {
        return false;
      }
      if (FinancialLexicon.NEGATORS.contains(t) || t.endsWith("n't")) {
        return true;
      }
      if (covered[j]) {
        return false; // a negator governs the nearest term after it only
      }
    }
    return false;
  }

  /** Tokens (null for a clause boundary), each token's clause number, and the token as shown in explanations. */
  private static void tokenize(String text, List<String> tokens, List<Integer> clause, List<String> shown) {
    String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
    Matcher m = TOKEN.matcher(lower);
    int c = 0;
    while (m.find()) {
      String t = m.group();
      if (t.length() == 1 && ".,;:!?()".indexOf(t.charAt(0)) >= 0 || CLAUSE_WORDS.contains(t)) {
        c++;
        tokens.add(null);
        clause.add(c);
        shown.add(t);
        c++;
        continue;
      }
      tokens.add(t);
      clause.add(c);
      shown.add(t);
    }
  }
}
