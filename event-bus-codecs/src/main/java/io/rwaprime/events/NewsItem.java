package io.rwaprime.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A news article or post with its sentiment and the instruments it mentions.
 *
 * <p>Travels on {@link Addresses#NEWS} (cleansing → risk, fanout, storage). JSON Schema:
 * {@code schemas/news-item.schema.json}.
 *
 * @param id          id unique per source; non-blank
 * @param source      source label, e.g. {@code rss:reuters}; non-blank
 * @param title       headline; non-blank
 * @param url         absolute {@code http} or {@code https} link: the dashboard renders it as a link,
 *                    so other schemes ({@code javascript:}) are refused
 * @param publishedAt publication time at the source
 * @param symbols     instruments mentioned, each {@code [A-Z0-9][A-Z0-9._-]{0,31}}; may be empty
 * @param sentiment   score in [-1, 1], negative is bearish
 */
public record NewsItem(String id, String source, String title, String url, Instant publishedAt, List<String> symbols,
                       double sentiment) {

  private static final Set<String> FIELDS = Set.of("id", "source", "title", "url", "published_at", "symbols", "sentiment");

  /** Validates every component and copies {@code symbols}; see the parameter descriptions. */
  public NewsItem {
    Checks.nonBlank(id, "id");
    Checks.nonBlank(source, "source");
    Checks.nonBlank(title, "title");
    checkUrl(url);
    Checks.nonNull(publishedAt, "publishedAt");
    symbols = Checks.list(symbols, "symbols");
    for (int i = 0; i < symbols.size(); i++) {
      Checks.symbol(symbols.get(i), "symbols[" + i + "]");
    }
    Checks.finite(sentiment, "sentiment");
    if (sentiment < -1.0 || sentiment > 1.0) {
      throw new IllegalArgumentException("sentiment must be in [-1, 1], was " + sentiment);
    }
  }

  private static void checkUrl(String url) {
    Checks.nonBlank(url, "url");
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("url must be an absolute http(s) URL with a host, was " + Checks.show(url));
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URI (" + e.getReason() + "): " + Checks.show(url), e);
    }
  }

  /** The JSON form described by {@code news-item.schema.json}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("source", source)
        .put("title", title)
        .put("url", url);
    JsonFields.putInstant(json, "published_at", publishedAt);
    return json.put("symbols", new JsonArray(new ArrayList<>(symbols))).put("sentiment", sentiment);
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static NewsItem fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "NewsItem", FIELDS);
    return new NewsItem(in.string("id"), in.string("source"), in.string("title"), in.string("url"),
        in.instant("published_at"), in.strings("symbols"), in.doubleValue("sentiment"));
  }
}
