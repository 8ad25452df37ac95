package io.rwaprime.ingestion.news;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One article as a feed delivered it, after parsing and before enrichment (scoring, asset matching).
 *
 * @param id          the feed's own id (RSS {@code guid}, Atom {@code id}, Event Registry {@code uri}), else the url;
 *                    non-blank
 * @param source      the publisher: RSS channel title, Atom feed title or the JSON article's {@code source.name};
 *                    falls back to the label the parser was given; non-blank
 * @param title       headline as plain text (tags stripped, entities decoded); non-blank
 * @param url         absolute {@code http}/{@code https} link to the article
 * @param publishedAt publication (else last update) time at the source
 * @param summary     description as plain text, at most {@value FeedParser#MAX_SUMMARY_CHARS} characters; may be
 *                    empty, never null
 */
public record Article(String id, String source, String title, String url, Instant publishedAt, String summary) {

  /** Validates every component; see the parameter descriptions. */
  public Article {
    requireText(id, "id");
    requireText(source, "source");
    requireText(title, "title");
    requireHttpUrl(url);
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(summary, "summary");
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing or blank");
    }
  }

  static void requireHttpUrl(String url) {
    requireText(url, "url");
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("url is not an absolute http(s) URL with a host");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URI: " + e.getReason(), e);
    }
  }
}
