package io.rwaprime.ingestion.news;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds which catalogue assets a piece of news is about, by symbol, by product name and by issuer.
 *
 * <p>Every alias matches on word boundaries (no letter or digit on either side), so "PAXG" is not found in
 * "PAXGOLD" nor "Ondo" in "Condor". How each kind of alias is derived from the catalogue:
 * <ul>
 *   <li><b>symbol</b> — the ticker, case-sensitive up to five characters so that tickers that are also words
 *       ("KAU", "BENJI") only match when written as tickers; longer ones ("SYRUPUSDC") ignore case. A cashtag
 *       ({@code $BUIDL}) matches too.</li>
 *   <li><b>name</b> — the full name, the name without its parenthetical ("Franklin OnChain U.S. Government Money
 *       Fund"), and the parenthetical itself when it is another name or ticker ("FOBXX", "St. Regis Aspen
 *       Resort"); case-insensitive for several words, case-sensitive for one.</li>
 *   <li><b>issuer</b> — the firm ("Franklin Templeton", "Paxos Trust Company"), that firm without its legal form
 *       and generic words ("Paxos", "Ondo", "Apollo"), and named partners in the parenthetical ("Janus Henderson",
 *       "Hashnote", "Tether"), but not the tokenization agent or chain ("tokenized by Securitize", "issued on
 *       Centrifuge"), which serve many unrelated products. Case-sensitive: firms are proper nouns.</li>
 * </ul>
 * An issuer match tags every product of that issuer ("Ondo" → OUSG and USDY); {@link #explain} says which alias
 * matched so that consumers can weigh issuer-level news lower than product news.
 *
 * <p>Immutable and thread-safe.
 */
public final class AssetMatcher {

  /** How an asset was recognized, strongest first. */
  public enum Via {
    SYMBOL, NAME, ISSUER;

    /** The JSON form: the lower-case name. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One recognized asset: its symbol, how, and the alias that was found. */
  public record Match(String symbol, Via via, String alias) {
    /** {@code {"symbol","via","alias"}}. */
    public JsonObject toJson() {
      return new JsonObject().put("symbol", symbol).put("via", via.label()).put("alias", alias);
    }
  }

  private record Alias(String text, Via via, Pattern pattern) {
  }

  private static final int CASE_SENSITIVE_SYMBOL_MAX = 5;
  private static final String BEFORE = "(?<![\\p{L}\\p{N}])";
  private static final String AFTER = "(?![\\p{L}\\p{N}])";
  /** Legal forms and generic words dropped from the end of an issuer's name to get the name people use. */
  private static final Set<String> ISSUER_SUFFIXES = Set.of("inc", "inc.", "ltd", "ltd.", "llc", "lp", "l.p.", "plc",
      "company", "co", "co.", "corp", "corp.", "corporation", "limited", "ag", "sa", "s.a.", "gmbh", "trust",
      "finance", "financial", "capital", "management", "global", "labs", "group", "holdings", "assets",
      "investments", "partners", "international");
  /** Short issuer names that are also everyday words and would tag unrelated news. */
  private static final Set<String> COMMON_WORDS = Set.of("backed", "digital", "gold", "fund", "token", "the",
      "first", "global", "capital", "trust", "circle");
  private static final Pattern PARENTHETICAL = Pattern.compile("\\(([^()]*)\\)");
  private static final Pattern NOT_A_PARTNER = Pattern.compile("(?i)^(tokeni[sz]ed|issued|deployed|listed|launched)\\b.*");
  private static final Pattern PARTNER_PREFIX = Pattern.compile("(?i)^(sub-advised|advised|managed|sponsored|backed)\\s+by\\s+");

  private final Map<String, List<Alias>> bySymbol;

  /** A matcher for these assets. */
  public AssetMatcher(List<Asset> assets) {
    Map<String, List<Alias>> index = new LinkedHashMap<>();
    for (Asset a : assets) {
      index.put(a.symbol(), aliases(a));
    }
    this.bySymbol = index;
  }

  /** A matcher for a whole catalogue. */
  public static AssetMatcher of(AssetCatalogue catalogue) {
    return new AssetMatcher(catalogue.assets());
  }

  /** The symbols of the assets the text mentions, in catalogue order, each once. */
  public List<String> match(String text) {
    return explain(text).stream().map(Match::symbol).toList();
  }

  /** The assets the text mentions with the strongest alias found for each, in catalogue order. */
  public List<Match> explain(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<Match> out = new ArrayList<>();
    bySymbol.forEach((symbol, aliases) -> {
      for (Alias alias : aliases) {
        if (alias.pattern.matcher(text).find()) {
          out.add(new Match(symbol, alias.via, alias.text));
          return;
        }
      }
    });
    return out;
  }

  /** The aliases of one asset, strongest first, as "via:text" (for tests and diagnostics). */
  List<String> aliasesOf(String symbol) {
    return bySymbol.getOrDefault(symbol, List.of()).stream().map(a -> a.via.label() + ":" + a.text).toList();
  }

  private static List<Alias> aliases(Asset a) {
    Map<String, Alias> out = new LinkedHashMap<>(); // keyed by lower-case text: the first (strongest) kind wins
    boolean symbolIgnoresCase = a.symbol().length() > CASE_SENSITIVE_SYMBOL_MAX;
    add(out, a.symbol(), Via.SYMBOL, !symbolIgnoresCase);

    String name = a.name().strip();
    add(out, name, Via.NAME, isOneWord(name));
    String bareName = clean(PARENTHETICAL.matcher(name).replaceAll(" "));
    add(out, bareName, Via.NAME, isOneWord(bareName));
    for (String inner : parentheticals(name)) {
      add(out, inner, Via.NAME, isOneWord(inner));
    }

    String issuer = a.issuer().strip();
    String firm = clean(PARENTHETICAL.matcher(issuer).replaceAll(" "));
    add(out, firm, Via.ISSUER, true);
    for (String shorter : withoutSuffixes(firm)) {
      add(out, shorter, Via.ISSUER, true);
    }
    for (String inner : parentheticals(issuer)) {
      for (String part : inner.split(",")) {
        String p = part.strip();
        if (NOT_A_PARTNER.matcher(p).matches()) {
          continue;
        }
        p = PARTNER_PREFIX.matcher(p).replaceFirst("");
        add(out, p, Via.ISSUER, true);
      }
    }
    return List.copyOf(out.values());
  }

  private static void add(Map<String, Alias> out, String text, Via via, boolean caseSensitive) {
    String t = clean(text);
    if (t.length() < 3 || isOneWord(t) && COMMON_WORDS.contains(t.toLowerCase(Locale.ROOT)) && via != Via.SYMBOL) {
      return;
    }
    String key = t.toLowerCase(Locale.ROOT);
    if (out.containsKey(key)) {
      return;
    }
    StringBuilder regex = new StringBuilder(BEFORE);
    if (via == Via.SYMBOL) {
      regex.append(Pattern.quote(t));
    } else {
      String[] words = t.split(" ");
      for (int i = 0; i < words.length; i++) {
        regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(words[i]));
      }
    }
    regex.append(AFTER);
    int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    out.put(key, new Alias(t, via, Pattern.compile(regex.toString(), flags)));
  }

  private static List<String> parentheticals(String s) {
    List<String> out = new ArrayList<>();
    var m = PARENTHETICAL.matcher(s);
    while (m.find()) {
      String inner = clean(m.group(1));
      if (!inner.isEmpty()) {
        out.add(inner);
      }
    }
    return out;
  }

  /** "Paxos Trust Company" → ["Paxos Trust", "Paxos"]. */
  private static List<String> withoutSuffixes(String firm) {
    List<String> words = new ArrayList<>(List.of(firm.split(" ")));
    List<String> out = new ArrayList<>();
    while (words.size() > 1 && ISSUER_SUFFIXES.contains(words.getLast().toLowerCase(Locale.ROOT))) {
      words.removeLast();
      out.add(String.join(" ", words));
    }
    return out;
  }

  private static boolean isOneWord(String s) {
    return s.indexOf(' ') < 0;
  }

  private static String clean(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

  /** Every symbol this matcher knows, in catalogue order. */
  public Set<String> symbols() {
    return new LinkedHashSet<>(bySymbol.keySet());
  }
}
