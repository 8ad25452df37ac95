package io.rwaprime.ingestion.news;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-asset daily sentiment: for each (symbol, UTC day of publication) the mean sentiment of the scored articles
 * that mention the symbol and their count — the rows of the {@code sentiment_scores} table.
 *
 * <p>An article that mentions three assets counts once for each; one that mentions none counts for none. An
 * article id already added is ignored, so feeding the same records twice (a replay, a re-poll after restart)
 * does not change the result. The mean is the plain arithmetic mean: every article weighs the same.
 *
 * <p>Not thread-safe: one aggregator per batch or per thread.
 */
public final class DailySentiment {

  /**
   * One aggregate row.
   *
   * @param symbol   the asset
   * @param day      the UTC calendar day of publication
   * @param mean     the mean sentiment in [-1, 1]
   * @param articles how many distinct articles
   */
  public record Row(String symbol, LocalDate day, double mean, int articles) {

    /** The start of the day in UTC: the {@code time} column. */
    public Instant time() {
      return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The mean rounded half-even to two decimals: the {@code DECIMAL(3, 2)} column. */
    public BigDecimal score() {
      return BigDecimal.valueOf(mean).setScale(2, RoundingMode.HALF_EVEN);
    }
  }

  private record Key(String symbol, LocalDate day) {
  }

  private static final class Sum {
    double total;
    int count;
  }

  private final Map<Key, Sum> sums = new TreeMap<>(
      Comparator.comparing(Key::day).thenComparing(Key::symbol));
  private final Set<String> seenIds = new HashSet<>();

  /**
   * Adds one scored article.
   *
   * @param articleId   de-duplicates; non-blank
   * @param publishedAt its day is the UTC date of this instant
   * @param symbols     the assets it mentions (duplicates count once)
   * @param sentiment   finite, in [-1, 1]
   * @return false when the article id was added before (and nothing changed)
   */
  public boolean add(String articleId, Instant publishedAt, List<String> symbols, double sentiment) {
    if (articleId == null || articleId.isBlank()) {
      throw new IllegalArgumentException("articleId is required");
    }
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(symbols, "symbols");
    if (!Double.isFinite(sentiment) || sentiment < -1 || sentiment > 1) {
      throw new IllegalArgumentException("sentiment must be finite and in [-1, 1], was " + sentiment);
    }
    if (!seenIds.add(articleId)) {
      return false;
    }
    LocalDate day = LocalDate.ofInstant(publishedAt, ZoneOffset.UTC);
    for (String symbol : new HashSet<>(symbols)) {
      Sum s = sums.computeIfAbsent(new Key(symbol, day), k -> new Sum());
      s.total += sentiment;
      s.count++;
    }
    return true;
  }

  /**
   * Adds a news payload as {@link NewsSource} emits it ({@code id}, {@code published_at}, {@code symbols},
   * {@code sentiment}).
   *
   * @throws IllegalArgumentException when a field is missing or ill-typed
   */
  public boolean add(JsonObject payload) {
    try {
      JsonArray symbols = payload.getJsonArray("symbols");
      Number sentiment = (Number) payload.getValue("sentiment");
      if (symbols == null || sentiment == null) {
        throw new IllegalArgumentException("news payload needs 'symbols' and 'sentiment'");
      }
      List<String> list = new ArrayList<>(symbols.size());
      for (int i = 0; i < symbols.size(); i++) {
        list.add(symbols.getString(i));
      }
      return add(payload.getString("id"), Instant.parse(payload.getString("published_at")), list,
          sentiment.doubleValue());
    } catch (ClassCastException | NullPointerException | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not a news payload: " + e.getMessage(), e);
    }
  }

  /** Every (symbol, day) row, by day then symbol. */
  public List<Row> rows() {
    List<Row> out = new ArrayList<>(sums.size());
    sums.forEach((k, s) -> out.add(new Row(k.symbol(), k.day(), s.total / s.count, s.count)));
    return out;
  }

  /** How many distinct articles were added. */
  public int articles() {
    return seenIds.size();
  }
}
