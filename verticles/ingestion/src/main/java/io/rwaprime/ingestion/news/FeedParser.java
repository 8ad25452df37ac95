package io.rwaprime.ingestion.news;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses news feeds into {@link Article}s: RSS 2.0 (and RSS 1.0/RDF items), Atom 1.0, and JSON news APIs in the
 * NewsAPI shape ({@code {"articles":[{"title","url","publishedAt","description","source":{"name"}}]}}), the Event
 * Registry / NewsAPI.ai shape ({@code {"articles":{"results":[{"uri","url","title","body","dateTimePub",
 * "source":{"title"}}]}}}) or a bare array of NewsAPI-style articles.
 *
 * <p>XML is read with the JDK's StAX parser with DTDs, external entities and external DTD access all disabled, so a
 * feed cannot make the parser read a local file or fetch a URL (XXE) nor expand entity bombs: a feed that
 * references an entity is rejected as malformed.
 *
 * <p>Two levels of failure: a document that is not well-formed (or is not a feed at all) throws
 * {@link MalformedFeedException} and yields nothing; a well-formed feed yields every good item, and each bad item
 * (no title and no text, no usable link, a missing or unparseable date, a {@code javascript:} link…) is skipped and
 * counted in {@link Result#skipped()} with a reason.
 *
 * <p>Stateless and thread-safe. CPU-bound: about a millisecond per 50 KiB of feed.
 */
public final class FeedParser {

  /** Longest summary kept, in UTF-16 characters; longer ones are cut with an ellipsis. */
  public static final int MAX_SUMMARY_CHARS = 2_000;
  /** Longest title kept, in UTF-16 characters. */
  public static final int MAX_TITLE_CHARS = 500;
  private static final int MAX_REASONS = 20;
  private static final String DC = "http://purl.org/dc/elements/1.1/";

  /** How a body is to be read. */
  public enum Format {
    /** Decide from the body: a JSON value, or XML whose root is {@code rss}, {@code RDF} or {@code feed}. */
    AUTO,
    /** RSS 2.0 ({@code <rss><channel><item>}) or RSS 1.0 ({@code <rdf:RDF><item>}). */
    RSS,
    /** Atom 1.0 ({@code <feed><entry>}). */
    ATOM,
    /** A JSON news API payload. */
    JSON;

    /**
     * The format named by a configuration label ({@code auto}, {@code rss}, {@code atom}, {@code json}).
     *
     * @throws IllegalArgumentException naming the valid labels
     */
    public static Format fromLabel(String label) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(label == null ? "" : label.strip())) {
          return f;
        }
      }
      throw new IllegalArgumentException("unknown feed format '" + label + "' (valid: auto, rss, atom, json)");
    }
  }

  /**
   * What a well-formed feed yielded.
   *
   * @param format   the format actually parsed (never {@link Format#AUTO})
   * @param articles the good items, in document order
   * @param skipped  how many items were dropped
   * @param reasons  why, for the first {@value #MAX_REASONS} dropped items ({@code "item 3: no date"})
   */
  public record Result(Format format, List<Article> articles, int skipped, List<String> reasons) {
    /** Copies the lists. */
    public Result {
      articles = List.copyOf(articles);
      reasons = List.copyOf(reasons);
    }
  }

  /** A body that is not a well-formed feed of the expected format; nothing of it is used. */
  public static final class MalformedFeedException extends RuntimeException {
    MalformedFeedException(String message, Throwable cause) {
      super(message, cause, false, false);
    }

    MalformedFeedException(String message) {
      this(message, null);
    }
  }

  /**
   * Parses a feed body.
   *
   * @param body   the bytes as served; XML encodings are taken from the XML declaration, JSON is UTF-8
   * @param format the expected format, or {@link Format#AUTO}
   * @param label  the configured source name, the publisher when the feed names none
   * @param base   the feed's URL, against which relative links are resolved; may be null
   * @throws MalformedFeedException when the body is not a well-formed feed of that format
   */
  public Result parse(byte[] body, Format format, String label, URI base) {
    if (format == Format.JSON || format == Format.AUTO && looksLikeJson(body)) {
      return parseJson(body, label, base);
    }
    return parseXml(body, format, label, base);
  }

  private static boolean looksLikeJson(byte[] body) {
    int i = 0;
    if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    while (i < body.length && Character.isWhitespace(body[i])) {
      i++;
    }
    if (i == body.length) {
      throw new MalformedFeedException("empty body");
    }
    return body[i] == '{' || body[i] == '['; // otherwise XML, whose root element decides
  }

  // ---------------------------------------------------------------- XML

  private static XMLInputFactory secureFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
      throw new XMLStreamException("external resource refused: " + systemId);
    });
    return f;
  }

  private Result parseXml(byte[] body, Format expected, String label, URI base) {
    List<Map<String, String>> items = new ArrayList<>();
    String feedTitle = null;
    Format actual;
    XMLStreamReader r = null;
    try {
      r = secureFactory().createXMLStreamReader(new ByteArrayInputStream(body));
      while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
        // prolog: declaration, comments, processing instructions; a DOCTYPE is ignored, never loaded
      }
      if (!r.isStartElement()) {
        throw new MalformedFeedException("no root element");
      }
      String root = r.getLocalName();
      actual = switch (root) {
        case "rss", "RDF" -> Format.RSS;
        case "feed" -> Format.ATOM;
        default -> throw new MalformedFeedException("root element <" + root + "> is neither rss, RDF nor feed");
      };
      if (expected != Format.AUTO && expected != actual) {
        throw new MalformedFeedException("expected " + expected.name().toLowerCase(Locale.ROOT) + " but the root is <" + root + ">");
      }
      String entryName = actual == Format.ATOM ? "entry" : "item";
      String titleParent = actual == Format.ATOM ? "feed" : "channel";
      List<String> path = new ArrayList<>();
      path.add(root);
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = r.getLocalName();
          if (name.equals(entryName)) {
            items.add(actual == Format.ATOM ? readAtomEntry(r) : readRssItem(r));
          } else if (name.equals("title") && feedTitle == null && path.getLast().equals(titleParent)) {
            feedTitle = HtmlText.toText(readText(r));
          } else {
            path.add(name);
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          path.removeLast();
        }
      }
    } catch (XMLStreamException e) {
      throw new MalformedFeedException("not well-formed XML: " + oneLine(e.getMessage()), e);
    } finally {
      closeQuietly(r);
    }
    String publisher = feedTitle == null || feedTitle.isBlank() ? label : HtmlText.truncate(feedTitle, 200);
    return toResult(actual, items, actual == Format.ATOM ? this::atomArticle : this::rssArticle, publisher, base);
  }

  private static Map<String, String> readRssItem(XMLStreamReader r) throws XMLStreamException {
    Map<String, String> f = new HashMap<>();
    int depth = 1;
    while (depth > 0) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String name = r.getLocalName();
        String ns = r.getNamespaceURI();
        if (name.equals("guid")) {
          String permalink = r.getAttributeValue(null, "isPermaLink");
          f.put("guid.permalink", permalink == null ? "true" : permalink.strip());
        }
        String key = DC.equals(ns) ? "dc:" + name : name;
        String text = readText(r);
        f.putIfAbsent(key, text);
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    return f;
  }

  private static Map<String, String> readAtomEntry(XMLStreamReader r) throws XMLStreamException {
    Map<String, String> f = new HashMap<>();
    int depth = 1;
    while (depth > 0) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String name = r.getLocalName();
        if (name.equals("link")) {
          String rel = r.getAttributeValue(null, "rel");
          String href = r.getAttributeValue(null, "href");
          if (href != null) {
            f.putIfAbsent(rel == null || rel.equals("alternate") ? "link.alternate" : "link.other", href.strip());
          }
          readText(r);
        } else {
          String type = r.getAttributeValue(null, "type");
          if (type != null) {
            f.putIfAbsent(name + ".type", type.strip().toLowerCase(Locale.ROOT));
          }
          f.putIfAbsent(name, readText(r)); // xhtml content: the text of its nested elements
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    return f;
  }

  /** The text of the current element and all its descendants; leaves the reader on its end tag. */
  private static String readText(XMLStreamReader r) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      switch (r.next()) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text.append(r.getText());
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          text.append(' ');
        }
        case XMLStreamConstants.END_ELEMENT -> depth--;
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw new XMLStreamException("entity reference &" + r.getLocalName() + "; refused");
        default -> {
          // comments and processing instructions carry no text
        }
      }
    }
    return text.toString();
  }

  private Article rssArticle(Map<String, String> f, String publisher, URI base) {
    String guid = blankToNull(f.get("guid"));
    String link = blankToNull(f.get("link"));
    if (link == null && guid != null && !"false".equalsIgnoreCase(f.get("guid.permalink"))) {
      link = guid;
    }
    String date = blankToNull(f.get("pubDate"));
    Instant published;
    if (date != null) {
      published = parseDate(date, FeedDates::rfc822, "pubDate");
    } else {
      String dc = blankToNull(f.get("dc:date"));
      if (dc == null) {
        throw new SkipItem("no pubDate");
      }
      published = parseDate(dc, FeedDates::rfc3339, "dc:date");
    }
    String summary = f.get("description");
    if (blankToNull(summary) == null) {
      summary = f.get("encoded"); // content:encoded
    }
    return article(guid, publisher, HtmlText.toText(f.get("title")), link, base, published, HtmlText.toText(summary));
  }

  private Article atomArticle(Map<String, String> f, String publisher, URI base) {
    String id = blankToNull(f.get("id"));
    String link = f.containsKey("link.alternate") ? f.get("link.alternate") : f.get("link.other");
    if (blankToNull(link) == null && id != null && id.regionMatches(true, 0, "http", 0, 4)) {
      link = id;
    }
    String date = blankToNull(f.get("published"));
    if (date == null) {
      date = blankToNull(f.get("updated"));
    }
    if (date == null) {
      throw new SkipItem("no published or updated date");
    }
    Instant published = parseDate(date, FeedDates::rfc3339, "published");
    String summaryKey = blankToNull(f.get("summary")) != null ? "summary" : "content";
    return article(id, publisher, atomText(f, "title"), link, base, published, atomText(f, summaryKey));
  }

  /** Atom text constructs: {@code html} is escaped markup, {@code text} and {@code xhtml} are already text. */
  private static String atomText(Map<String, String> f, String key) {
    String value = f.get(key);
    return "html".equals(f.get(key + ".type")) ? HtmlText.toText(value) : HtmlText.clean(value);
  }

  // ---------------------------------------------------------------- JSON

  private Result parseJson(byte[] body, String label, URI base) {
    Object root;
    try {
      root = Json.decodeValue(new String(body, StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      throw new MalformedFeedException("not valid JSON: " + oneLine(e.getMessage()), e);
    }
    List<Object> raw;
    boolean eventRegistry = false;
    if (root instanceof JsonArray array) {
      raw = array.getList();
    } else if (root instanceof JsonObject object) {
      if ("error".equalsIgnoreCase(String.valueOf(object.getValue("status")))) {
        throw new MalformedFeedException("news API answered an error [code: " + object.getValue("code") + "]");
      }
      Object articles = object.getValue("articles");
      if (articles instanceof JsonArray array) {
        raw = array.getList();
      } else if (articles instanceof JsonObject page && page.getValue("results") instanceof JsonArray results) {
        raw = results.getList();
        eventRegistry = true;
      } else {
        throw new MalformedFeedException("JSON has no 'articles' array (nor 'articles.results')");
      }
    } else {
      throw new MalformedFeedException("JSON body is neither an object nor an array");
    }
    List<Map<String, String>> items = new ArrayList<>(raw.size());
    for (Object o : raw) {
      items.add(o instanceof Map<?, ?> m ? flattenJson(m, eventRegistry) : Map.of("invalid", "not an object"));
    }
    return toResult(Format.JSON, items, this::jsonArticle, label, base);
  }

  private static Map<String, String> flattenJson(Map<?, ?> m, boolean eventRegistry) {
    Map<String, String> f = new HashMap<>();
    if (eventRegistry) {
      put(f, "id", m.get("uri"));
      put(f, "title", m.get("title"));
      put(f, "url", m.get("url"));
      put(f, "date", m.get("dateTimePub") != null ? m.get("dateTimePub") : m.get("dateTime"));
      put(f, "summary", m.get("body"));
      if (m.get("source") instanceof Map<?, ?> s) {
        put(f, "source", s.get("title"));
      }
    } else {
      put(f, "id", m.get("id"));
      put(f, "title", m.get("title"));
      put(f, "url", m.get("url"));
      put(f, "date", m.get("publishedAt"));
      put(f, "summary", m.get("description") != null ? m.get("description") : m.get("content"));
      if (m.get("source") instanceof Map<?, ?> s) {
        put(f, "source", s.get("name"));
      }
    }
    return f;
  }

  private static void put(Map<String, String> f, String key, Object value) {
    if (value instanceof String s) {
      f.put(key, s);
    } else if (value != null) {
      f.put("invalid", key + " is not text");
    }
  }

  private Article jsonArticle(Map<String, String> f, String label, URI base) {
    if (f.containsKey("invalid")) {
      throw new SkipItem(f.get("invalid"));
    }
    String title = HtmlText.toText(f.get("title"));
    if (title.equals("[Removed]")) {
      throw new SkipItem("removed by the API"); // NewsAPI's placeholder for withdrawn articles
    }
    String date = blankToNull(f.get("date"));
    if (date == null) {
      throw new SkipItem("no publishedAt");
    }
    Instant published = parseDate(date, FeedDates::rfc3339, "publishedAt");
    String publisher = blankToNull(f.get("source")) == null ? label : HtmlText.truncate(HtmlText.clean(f.get("source")), 200);
    return article(blankToNull(f.get("id")), publisher, title, f.get("url"), base, published, HtmlText.toText(f.get("summary")));
  }

  // ---------------------------------------------------------------- common

  @FunctionalInterface
  private interface ItemMapper {
    Article map(Map<String, String> fields, String publisher, URI base);
  }

  private static Result toResult(Format format, List<Map<String, String>> items, ItemMapper mapper, String publisher, URI base) {
    List<Article> articles = new ArrayList<>(items.size());
    List<String> reasons = new ArrayList<>();
    int skipped = 0;
    for (int i = 0; i < items.size(); i++) {
      try {
        articles.add(mapper.map(items.get(i), publisher, base));
      } catch (SkipItem | IllegalArgumentException | DateTimeException e) {
        skipped++;
        if (reasons.size() < MAX_REASONS) {
          reasons.add("item " + (i + 1) + ": " + oneLine(e.getMessage()));
        }
      }
    }
    return new Result(format, articles, skipped, reasons);
  }

  private static Article article(String id, String publisher, String title, String link, URI base, Instant published,
                                 String summary) {
    String url = resolve(link, base);
    String text = HtmlText.truncate(summary, MAX_SUMMARY_CHARS);
    String headline = title;
    if (headline.isEmpty()) {
      if (text.isEmpty()) {
        throw new SkipItem("no title and no text");
      }
      headline = HtmlText.truncate(text, 140); // RSS allows title-less items; their text stands in
    }
    return new Article(id == null ? url : id.strip(), publisher, HtmlText.truncate(headline, MAX_TITLE_CHARS), url,
        published, text);
  }

  private static String resolve(String link, URI base) {
    String l = blankToNull(link);
    if (l == null) {
      throw new SkipItem("no link");
    }
    try {
      URI uri = new URI(l.strip());
      if (!uri.isAbsolute() && base != null) {
        uri = base.resolve(uri);
      }
      String url = uri.toString();
      Article.requireHttpUrl(url);
      return url;
    } catch (java.net.URISyntaxException e) {
      throw new SkipItem("link is not a URI");
    } catch (IllegalArgumentException e) {
      throw new SkipItem("link is not an absolute http(s) URL");
    }
  }

  private static Instant parseDate(String text, Function<String, Instant> parser, String field) {
    try {
      return parser.apply(text);
    } catch (DateTimeException e) {
      throw new SkipItem("unparseable " + field + " '" + HtmlText.truncate(HtmlText.clean(text), 40) + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String oneLine(String message) {
    return message == null ? "" : HtmlText.truncate(HtmlText.clean(message), 300);
  }

  private static void closeQuietly(XMLStreamReader r) {
    if (r != null) {
      try {
        r.close();
      } catch (XMLStreamException ignored) {
        // nothing was written; the reader holds no resource beyond the byte array
      }
    }
  }

  /** One bad item: skipped and counted, the feed goes on. */
  private static final class SkipItem extends RuntimeException {
    SkipItem(String reason) {
      super(reason, null, false, false);
    }
  }
}
