package io.rwaprime.ingestion.news;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the HTML fragments that feeds put in descriptions and titles into plain text: no tags, no scripts or
 * styles, entities decoded, whitespace collapsed. Not an HTML sanitizer for rendering: the output is text and
 * whoever displays it must still escape it.
 */
final class HtmlText {

  private static final Pattern COMMENT = Pattern.compile("<!--.*?(?:-->|$)", Pattern.DOTALL);
  private static final Pattern SCRIPT_OR_STYLE = Pattern.compile(
      "<(script|style)\\b[^>]*>.*?(?:</\\1\\s*>|$)", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  /** A tag starts with a letter, '/' or '!' so that "a < b" in text survives. */
  private static final Pattern TAG = Pattern.compile("<[A-Za-z/!?][^>]*>?");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");
  private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0\\u2000-\\u200B\\u202F\\u205F\\u3000]+");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

  private static final Map<String, String> NAMED = Map.ofEntries(
      Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
      Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"),
      Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"), Map.entry("ldquo", "\u201C"),
      Map.entry("rdquo", "\u201D"), Map.entry("hellip", "\u2026"), Map.entry("copy", "\u00A9"),
      Map.entry("reg", "\u00AE"), Map.entry("trade", "\u2122"), Map.entry("euro", "\u20AC"),
      Map.entry("pound", "\u00A3"), Map.entry("yen", "\u00A5"), Map.entry("cent", "\u00A2"),
      Map.entry("deg", "\u00B0"), Map.entry("middot", "\u00B7"), Map.entry("bull", "\u2022"),
      Map.entry("laquo", "\u00AB"), Map.entry("raquo", "\u00BB"), Map.entry("times", "\u00D7"),
      Map.entry("percnt", "%"), Map.entry("dollar", "$"));

  private HtmlText() {
  }

  /** Plain text of an HTML fragment; null becomes "". */
  static String toText(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    String s = html;
    if (s.indexOf('<') >= 0) {
      s = COMMENT.matcher(s).replaceAll(" ");
      s = SCRIPT_OR_STYLE.matcher(s).replaceAll(" ");
      s = TAG.matcher(s).replaceAll(" ");
    }
    if (s.indexOf('&') >= 0) {
      s = decodeEntities(s);
    }
    return clean(s);
  }

  /** Collapses whitespace and drops control characters, without touching markup. */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    String s = CONTROL.matcher(text).replaceAll("");
    return SPACE.matcher(s).replaceAll(" ").strip();
  }

  /** At most {@code max} characters, never splitting a surrogate pair; an ellipsis marks a cut. */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end).stripTrailing() + "\u2026";
  }

  private static String decodeEntities(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (name.charAt(0) == '#') {
        int cp;
        try {
          cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
              ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
        } catch (NumberFormatException e) {
          cp = -1;
        }
        boolean valid = cp > 0 && Character.isValidCodePoint(cp) && !(cp >= 0xD800 && cp <= 0xDFFF);
        replacement = valid ? new String(Character.toChars(cp)) : "\uFFFD";
      } else {
        replacement = NAMED.getOrDefault(name, m.group());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
