package io.rwaprime.ingestion.bronze;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Where bronze files live: {@code <root>/source=<source>/date=YYYY-MM-DD/part-<startMillis>-<n>.jsonl.gz}, Hive-style
 * partitions that Spark, DuckDB, Trino or a shell glob can read directly.
 *
 * <p>A source label may hold characters that are unsafe or awkward in a path ({@code news:reuters},
 * {@code csv:/data/x}); every byte of its UTF-8 form outside {@code [A-Za-z0-9._-]} (and a leading dot) is written as
 * {@code %XX}, as Hive escapes partition values, so {@code news:reuters} lives in {@code source=news%3Areuters}.
 */
public final class BronzeLayout {

  /** File name suffix of bronze part files. */
  public static final String SUFFIX = ".jsonl.gz";
  /** Names of bronze part files: {@code part-<13-digit start millis>-<6-digit sequence>.jsonl.gz}. */
  public static final Pattern PART_FILE = Pattern.compile("part-\\d{13,}-\\d{6,}\\.jsonl\\.gz");
  static final String SOURCE_PREFIX = "source=";
  static final String DATE_PREFIX = "date=";

  private BronzeLayout() {
  }

  /** The folder of one source and UTC day. */
  public static Path partition(Path root, String source, LocalDate date) {
    return root.resolve(SOURCE_PREFIX + encode(source)).resolve(DATE_PREFIX + date);
  }

  /** The name of a part file. */
  static String partName(long startMillis, int sequence) {
    return String.format("part-%013d-%06d%s", startMillis, sequence, SUFFIX);
  }

  /** The path-safe form of a source label. */
  public static String encode(String source) {
    byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      boolean safe = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_'
          || b == '.' && i > 0;
      if (safe) {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
    return out.toString();
  }

  /**
   * The source label of an encoded folder name.
   *
   * @throws IllegalArgumentException on a malformed escape
   */
  public static String decode(String encoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) {
          throw new IllegalArgumentException("truncated escape in '" + encoded + "'");
        }
        int hi = Character.digit(encoded.charAt(i + 1), 16);
        int lo = Character.digit(encoded.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad escape in '" + encoded + "'");
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
