package io.rwaprime.ingestion.news;

import io.rwaprime.ingestion.news.FeedParser.Format;
import io.rwaprime.ingestion.news.FeedParser.MalformedFeedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class FeedParserTest {

  private static final URI RSS_BASE = URI.create("https://news.example.com/feed.xml");
  private final FeedParser parser = new FeedParser();

  static byte[] resource(String name) {
    try (InputStream in = FeedParserTest.class.getResourceAsStream("/news/" + name)) {
      assertThat(in).as("test resource news/%s", name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("RSS 2.0: guid or link as id, RFC 822 dates, HTML stripped, bad items skipped and counted")
  void parsesRss() {
    FeedParser.Result result = parser.parse(resource("rss.xml"), Format.AUTO, "wire", RSS_BASE);

    assertThat(result.format()).isEqualTo(Format.RSS);
    assertThat(result.articles()).extracting(Article::id).containsExactly(
        "rwa-wire-1001",
        "https://news.example.com/2025/06/paxg-lawsuit",
        "https://news.example.com/2025/06/ondo-usdy",
        "https://news.example.com/2025/06/relative");
    Article first = result.articles().getFirst();
    assertThat(first.source()).isEqualTo("RWA Wire");
    assertThat(first.title()).isEqualTo("BlackRock's BUIDL fund sees record inflows as tokenized treasuries surge");
    assertThat(first.url()).isEqualTo("https://news.example.com/2025/06/buidl-inflows");
    assertThat(first.publishedAt()).isEqualTo(Instant.parse("2025-06-03T11:05:30Z"));
    assertThat(first.summary()).isEqualTo("The BUIDL fund grew to $2.9 billion & beat expectations.");
    assertThat(result.articles().get(1).publishedAt()).as("EST is UTC-5").isEqualTo(Instant.parse("2025-06-03T14:00:00Z"));
    Article third = result.articles().get(2);
    assertThat(third.url()).as("a permalink guid stands in for the link").isEqualTo(third.id());
    assertThat(third.publishedAt()).as("two-digit year, numeric zone").isEqualTo(Instant.parse("2025-06-04T06:30:00Z"));
    assertThat(third.summary()).as("content:encoded when there is no description")
        .isEqualTo("Ondo Finance said the expansion follows strong demand.");
    assertThat(result.articles().get(3).publishedAt()).isEqualTo(Instant.parse("2025-06-05T09:00:00Z"));

    assertThat(result.skipped()).isEqualTo(3);
    assertThat(result.reasons()).hasSize(3)
        .anySatisfy(r -> assertThat(r).contains("item 4").contains("unparseable pubDate"))
        .anySatisfy(r -> assertThat(r).contains("item 5").contains("not an absolute http(s) URL"))
        .anySatisfy(r -> assertThat(r).contains("item 6").contains("no link"));
  }

  @Test
  @DisplayName("Atom 1.0: alternate link, published else updated, html and xhtml text, relative links resolved")
  void parsesAtom() {
    FeedParser.Result result = parser.parse(resource("atom.xml"), Format.ATOM, "desk",
        URI.create("https://desk.example.org/feed.atom"));

    assertThat(result.format()).isEqualTo(Format.ATOM);
    assertThat(result.articles()).hasSize(2);
    Article benji = result.articles().get(0);
    assertThat(benji.id()).isEqualTo("tag:desk.example.org,2025:benji-approval");
    assertThat(benji.source()).isEqualTo("Tokenization Desk");
    assertThat(benji.title()).isEqualTo("Franklin Templeton BENJI fund wins approval in Europe");
    assertThat(benji.url()).isEqualTo("https://desk.example.org/2025/06/benji-approval");
    assertThat(benji.publishedAt()).isEqualTo(Instant.parse("2025-06-04T08:15:00Z"));
    assertThat(benji.summary()).isEqualTo("The fund expands its reach.");
    Article xaut = result.articles().get(1);
    assertThat(xaut.url()).isEqualTo("https://desk.example.org/2025/06/xaut-outflows");
    assertThat(xaut.publishedAt()).isEqualTo(Instant.parse("2025-06-03T23:59:59.5Z"));
    assertThat(xaut.summary()).isEqualTo("Analysts downgraded the outlook.");
    assertThat(result.skipped()).isEqualTo(1);
    assertThat(result.reasons().getFirst()).contains("no published or updated date");
  }

  @Test
  @DisplayName("NewsAPI JSON: publisher from source.name, url as id, [Removed] and ill-typed articles skipped")
  void parsesNewsApiJson() {
    FeedParser.Result result = parser.parse(resource("newsapi.json"), Format.AUTO, "newsapi", null);

    assertThat(result.format()).isEqualTo(Format.JSON);
    assertThat(result.articles()).extracting(Article::id).containsExactly(
        "https://chainledger.example.net/maple-delinquency", "https://wire.example.net/ustb-unaffected");
    Article maple = result.articles().getFirst();
    assertThat(maple.source()).isEqualTo("Chain Ledger");
    assertThat(maple.publishedAt()).isEqualTo(Instant.parse("2025-06-04T07:45:00Z"));
    assertThat(maple.summary()).startsWith("Maple said a borrower missed a payment");
    assertThat(result.articles().get(1).summary()).isEmpty();
    assertThat(result.skipped()).isEqualTo(2);
  }

  @Test
  @DisplayName("Event Registry (NewsAPI.ai) JSON: uri as id, dateTimePub, body as summary")
  void parsesEventRegistryJson() {
    String json = """
        {"articles":{"results":[
          {"uri":"8123456789","url":"https://er.example.com/a","title":"PAXG demand surges",
           "body":"Gold tokens rally.","dateTime":"2025-06-01T10:00:00Z","dateTimePub":"2025-06-01T09:58:00Z",
           "source":{"uri":"er.example.com","title":"ER Daily"}}],
          "totalResults":1,"page":1,"count":100,"pages":1}}
        """;
    FeedParser.Result result = parser.parse(json.getBytes(StandardCharsets.UTF_8), Format.JSON, "er", null);

    assertThat(result.articles()).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo("8123456789");
      assertThat(a.source()).isEqualTo("ER Daily");
      assertThat(a.publishedAt()).isEqualTo(Instant.parse("2025-06-01T09:58:00Z"));
      assertThat(a.summary()).isEqualTo("Gold tokens rally.");
    });
  }

  @Test
  void rejectsMalformedXmlAsAWhole() {
    assertThatThrownBy(() -> parser.parse(resource("malformed.xml"), Format.AUTO, "broken", null))
        .isInstanceOf(MalformedFeedException.class)
        .hasMessageContaining("not well-formed XML");
  }

  @Test
  void rejectsMalformedJsonAndApiErrors() {
    assertThatThrownBy(() -> parser.parse("{\"articles\": [".getBytes(StandardCharsets.UTF_8), Format.AUTO, "x", null))
        .isInstanceOf(MalformedFeedException.class).hasMessageContaining("not valid JSON");
    byte[] error = "{\"status\":\"error\",\"code\":\"apiKeyInvalid\",\"message\":\"Your API key is invalid\"}"
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parser.parse(error, Format.JSON, "x", null))
        .isInstanceOf(MalformedFeedException.class).hasMessageContaining("apiKeyInvalid");
  }

  @Test
  void rejectsAFeedOfAnotherFormatThanConfigured() {
    assertThatThrownBy(() -> parser.parse(resource("atom.xml"), Format.RSS, "desk", null))
        .isInstanceOf(MalformedFeedException.class).hasMessageContaining("expected rss");
    assertThatThrownBy(() -> parser.parse("<html><body>Not found</body></html>".getBytes(StandardCharsets.UTF_8),
        Format.AUTO, "x", null))
        .isInstanceOf(MalformedFeedException.class).hasMessageContaining("<html>");
    assertThatThrownBy(() -> parser.parse("   ".getBytes(StandardCharsets.UTF_8), Format.AUTO, "x", null))
        .isInstanceOf(MalformedFeedException.class).hasMessageContaining("empty");
  }

  @Test
  @DisplayName("XXE: a feed whose entity names a local file neither reads it nor yields its content")
  void doesNotResolveExternalEntities(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String feed = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY xxe SYSTEM "%s">]>
        <rss version="2.0"><channel><title>t</title>
          <item><title>&xxe;</title><link>https://x.example.com/1</link>
            <pubDate>Tue, 03 Jun 2025 11:05:30 GMT</pubDate><description>&xxe;</description></item>
        </channel></rss>
        """.formatted(secret.toUri());

    assertThatThrownBy(() -> parser.parse(feed.getBytes(StandardCharsets.UTF_8), Format.RSS, "evil", null))
        .isInstanceOf(MalformedFeedException.class)
        .hasMessageNotContaining("TOP-SECRET-CONTENT");
  }

  @Test
  @DisplayName("an external DTD is not fetched and entity expansion bombs are not expanded")
  void refusesExternalDtdAndEntityBombs(@TempDir Path dir) throws IOException {
    Path dtd = dir.resolve("evil.dtd");
    Files.writeString(dtd, "<!ENTITY leak \"LEAKED-FROM-DTD\">");
    String external = """
        <?xml version="1.0"?>
        <!DOCTYPE rss SYSTEM "%s">
        <rss version="2.0"><channel><item><title>&leak;</title><link>https://x.example.com/1</link>
          <pubDate>Tue, 03 Jun 2025 11:05:30 GMT</pubDate></item></channel></rss>
        """.formatted(dtd.toUri());
    String bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <rss version="2.0"><channel><item><title>&lol3;</title><link>https://x.example.com/1</link>
          <pubDate>Tue, 03 Jun 2025 11:05:30 GMT</pubDate></item></channel></rss>
        """;

    assertThatThrownBy(() -> parser.parse(external.getBytes(StandardCharsets.UTF_8), Format.RSS, "evil", null))
        .isInstanceOf(MalformedFeedException.class).hasMessageNotContaining("LEAKED-FROM-DTD");
    assertThatThrownBy(() -> parser.parse(bomb.getBytes(StandardCharsets.UTF_8), Format.RSS, "evil", null))
        .isInstanceOf(MalformedFeedException.class);
  }

  @Test
  @DisplayName("a DOCTYPE naming an external DTD is ignored, never loaded, and the feed still parses")
  void ignoresADoctypeWithoutLoadingIt(@TempDir Path dir) throws IOException {
    Path dtd = dir.resolve("garbage.dtd");
    Files.writeString(dtd, "THIS IS NOT A DTD <<<");
    String feed = """
        <?xml version="1.0"?>
        <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "%s">
        <rss version="0.91"><channel><title>Old</title><item><title>Kept</title><link>https://x.example.com/1</link>
          <pubDate>Tue, 03 Jun 2025 11:05:30 GMT</pubDate></item></channel></rss>
        """.formatted(dtd.toUri());

    assertThat(parser.parse(feed.getBytes(StandardCharsets.UTF_8), Format.RSS, "old", null).articles())
        .extracting(Article::title).containsExactly("Kept");
  }

  @Test
  void readsTheEncodingFromTheXmlDeclaration() {
    String feed = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <rss version="2.0"><channel><title>Caf\u00e9 Finance</title><item><title>R\u00e9sum\u00e9 of the week</title>
        <link>https://x.example.com/1</link><pubDate>Tue, 03 Jun 2025 11:05:30 GMT</pubDate></item></channel></rss>
        """;
    FeedParser.Result result = parser.parse(feed.getBytes(StandardCharsets.ISO_8859_1), Format.AUTO, "x", null);

    assertThat(result.articles()).singleElement().satisfies(a -> {
      assertThat(a.title()).isEqualTo("R\u00e9sum\u00e9 of the week");
      assertThat(a.source()).isEqualTo("Caf\u00e9 Finance");
    });
  }

  @Test
  void acceptsRss1RdfItems() {
    String feed = """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://x.example.com/"><title>RDF Wire</title></channel>
          <item rdf:about="https://x.example.com/a"><title>Item A</title><link>https://x.example.com/a</link>
            <dc:date>2025-06-01T10:00:00Z</dc:date></item>
        </rdf:RDF>
        """;
    FeedParser.Result result = parser.parse(feed.getBytes(StandardCharsets.UTF_8), Format.RSS, "x", null);

    assertThat(result.articles()).extracting(Article::title).containsExactly("Item A");
    assertThat(result.articles().getFirst().source()).isEqualTo("RDF Wire");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Tue, 03 Jun 2008 11:05:30 GMT   | 2008-06-03T11:05:30Z",
      "Tue, 3 Jun 2008 11:05:30 +0200  | 2008-06-03T09:05:30Z",
      "03 Jun 2008 11:05 EDT           | 2008-06-03T15:05:00Z",
      "Tue, 03 Jun 08 11:05:30 PST     | 2008-06-03T19:05:30Z",
      "Tuesday, 03 June 2008 11:05:30 UT | 2008-06-03T11:05:30Z",
      "Tue,03 Jun 2008 11:05:30 -05:30 | 2008-06-03T16:35:30Z",
      "2008-06-03T11:05:30Z            | 2008-06-03T11:05:30Z",
      "Tue, 03 Jun 2008 11:05:30       | 2008-06-03T11:05:30Z"})
  void parsesRfc822Dates(String text, String expected) {
    assertThat(FeedDates.rfc822(text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "2025-06-04T10:15:00+02:00  | 2025-06-04T08:15:00Z",
      "2025-06-04t10:15:00.123z   | 2025-06-04T10:15:00.123Z",
      "2025-06-04 10:15:00Z       | 2025-06-04T10:15:00Z",
      "2025-06-04T10:15:00+0000   | 2025-06-04T10:15:00Z",
      "2025-06-04T10:15:00        | 2025-06-04T10:15:00Z",
      "2025-06-04                 | 2025-06-04T00:00:00Z"})
  void parsesRfc3339Dates(String text, String expected) {
    assertThat(FeedDates.rfc3339(text)).isEqualTo(Instant.parse(expected));
  }

  @Test
  void refusesImpossibleDates() {
    for (String bad : List.of("31 Feb 2025 10:00:00 GMT", "Tue, 03 Jun 2008 25:05:30 GMT", "03 Foo 2008 11:05 GMT",
        "03 Jun 2008 11:05 XYZ", "yesterday")) {
      assertThatThrownBy(() -> FeedDates.rfc822(bad)).as(bad).isInstanceOf(java.time.DateTimeException.class);
    }
  }

  @Test
  void turnsHtmlIntoText() {
    assertThat(HtmlText.toText("<p>Price &gt; NAV &amp; rising&#8230; <a href=\"x\">more</a></p><!-- c --><style>p{}</style>"))
        .isEqualTo("Price > NAV & rising\u2026 more");
    assertThat(HtmlText.toText("S&P 500 < 5000 & falling")).as("bare < and & in text survive")
        .isEqualTo("S&P 500 < 5000 & falling");
    assertThat(HtmlText.toText("bad &#0; &#xD800; &unknown; end")).isEqualTo("bad \uFFFD \uFFFD &unknown; end");
    assertThat(HtmlText.truncate("a".repeat(10), 5)).isEqualTo("aaaa\u2026");
  }
}
