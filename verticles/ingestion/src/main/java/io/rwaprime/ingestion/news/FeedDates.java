package io.rwaprime.ingestion.news;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date formats of feeds: RFC 822 (as amended by RFC 1123/2822) in RSS {@code pubDate}, RFC 3339 in Atom and
 * {@code dc:date}, ISO 8601 in JSON APIs. Lenient where real feeds are sloppy (missing weekday or seconds, a
 * two-digit year, North-American zone names, {@code +0000} without a colon) and strict about the date itself.
 */
final class FeedDates {

  private static final Pattern RFC822 = Pattern.compile(
      "(?:[A-Za-z]{2,9}\\s*,?\\s*)?(\\d{1,2})\\s+([A-Za-z]{3,9})\\.?,?\\s+(\\d{4}|\\d{2})\\s+"
          + "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?\\s*([A-Za-z]{1,5}|[+-]\\d{2}:?\\d{2})?");
  private static final Pattern NUMERIC_ZONE = Pattern.compile("([+-])(\\d{2}):?(\\d{2})");
  private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
  private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  private static final Map<String, Integer> ZONE_HOURS = Map.ofEntries(
      Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("Z", 0),
      Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CST", -6), Map.entry("CDT", -5),
      Map.entry("MST", -7), Map.entry("MDT", -6), Map.entry("PST", -8), Map.entry("PDT", -7));

  private FeedDates() {
  }

  /**
   * An RFC 822 date-time; an ISO/RFC 3339 one is accepted too, because some RSS feeds put that in {@code pubDate}.
   *
   * @throws DateTimeException when neither form parses or the date does not exist
   */
  static Instant rfc822(String text) {
    String s = text.strip();
    Matcher m = RFC822.matcher(s);
    if (!m.matches()) {
      return rfc3339(s);
    }
    int day = Integer.parseInt(m.group(1));
    int month = month(m.group(2));
    int year = Integer.parseInt(m.group(3));
    if (m.group(3).length() == 2) {
      year += year < 50 ? 2000 : 1900; // RFC 2822 §4.3
    }
    int hour = Integer.parseInt(m.group(4));
    int minute = Integer.parseInt(m.group(5));
    int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second == 60 ? 59 : second);
    return local.toInstant(zone(m.group(7)));
  }

  /**
   * An RFC 3339 date-time (also with a space for 'T', lower-case 't'/'z', {@code +0000}), a zone-less one taken
   * as UTC, or a bare date taken as midnight UTC.
   *
   * @throws DateTimeException when it does not parse
   */
  static Instant rfc3339(String text) {
    String s = text.strip().toUpperCase(Locale.ROOT);
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    s = COMPACT_OFFSET.matcher(s).replaceFirst("$1:$2");
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException offsetMissing) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notLocal) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
    }
  }

  private static int month(String name) {
    String prefix = name.substring(0, 3).toLowerCase(Locale.ROOT);
    for (int i = 0; i < MONTHS.length; i++) {
      if (MONTHS[i].equals(prefix)) {
        return i + 1;
      }
    }
    throw new DateTimeException("unknown month '" + name + "'");
  }

  private static ZoneOffset zone(String zone) {
    if (zone == null) {
      return ZoneOffset.UTC; // RFC 822 requires a zone; feeds that omit it almost always mean UTC
    }
    Matcher n = NUMERIC_ZONE.matcher(zone);
    if (n.matches()) {
      int sign = n.group(1).equals("-") ? -1 : 1;
      return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(n.group(2)), sign * Integer.parseInt(n.group(3)));
    }
    Integer hours = ZONE_HOURS.get(zone.toUpperCase(Locale.ROOT));
    if (hours == null) {
      throw new DateTimeException("unknown time zone '" + zone + "'");
    }
    return ZoneOffset.ofHours(hours);
  }
}
