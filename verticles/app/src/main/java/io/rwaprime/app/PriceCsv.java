package io.rwaprime.app;

import io.rwaprime.risk.analytics.PriceSeries;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a price series for the {@code risk} command: a CSV with a header, a {@code price} (or {@code value})
 * column and an optional {@code time} (or {@code date}, {@code timestamp}) column, comma-separated. Times are
 * ISO-8601 instants or offsets ({@code 2025-01-02T00:00:00Z}), dates ({@code 2025-01-02}, UTC midnight) or epoch
 * seconds / milliseconds (a number above 10^11 is milliseconds). Rows with times are sorted by time. Anything
 * else — no price column, a NaN, infinite, zero or negative price, an unreadable or repeated time — is a
 * {@link DataError} naming the row.
 */
final class PriceCsv {

  /** Bad content of an input file (the command exits with 65). */
  static final class DataError extends Exception {
    DataError(String message) {
      super(message, null, false, false);
    }
  }

  private record Row(int line, long time, double price) {}

  private PriceCsv() {}

  static PriceSeries read(Path file, String label) throws IOException, DataError {
    List<Row> rows = new ArrayList<>();
    int priceCol;
    int timeCol;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || header.isBlank()) {
        throw new DataError(label + ": empty file, expected a header with a price or value column");
      }
      List<String> names = Arrays.stream(split(header.replace("\uFEFF", "")))
          .map(s -> s.toLowerCase(Locale.ROOT)).toList();
      priceCol = names.contains("price") ? names.indexOf("price") : names.indexOf("value");
      if (priceCol < 0) {
        throw new DataError(label + ": no price or value column in the header " + names);
      }
      timeCol = firstOf(names, "time", "date", "timestamp");
      String line;
      int n = 1;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = split(line);
        if (cells.length <= Math.max(priceCol, timeCol)) {
          throw new DataError(label + ": line " + n + " has " + cells.length + " fields, the header has " + names.size());
        }
        rows.add(new Row(n, timeCol < 0 ? n : time(cells[timeCol], label, n), price(cells[priceCol], label, n)));
      }
    }
    if (timeCol < 0) {
      return PriceSeries.of(rows.stream().mapToDouble(Row::price).toArray());
    }
    rows.sort((a, b) -> Long.compare(a.time(), b.time()));
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).time() == rows.get(i - 1).time()) {
        throw new DataError(label + ": lines " + rows.get(i - 1).line() + " and " + rows.get(i).line()
            + " have the same time " + Instant.ofEpochMilli(rows.get(i).time()));
      }
    }
    return PriceSeries.of(rows.stream().mapToDouble(Row::price).toArray(),
        rows.stream().mapToLong(Row::time).toArray());
  }

  private static int firstOf(List<String> names, String... candidates) {
    for (String c : candidates) {
      if (names.contains(c)) {
        return names.indexOf(c);
      }
    }
    return -1;
  }

  private static String[] split(String line) {
    String[] cells = line.split(",", -1);
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cells[i].strip().replaceAll("^\"|\"$", "");
    }
    return cells;
  }

  private static double price(String cell, String label, int line) throws DataError {
    double p;
    try {
      p = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new DataError(label + ": line " + line + ": price '" + cell + "' is not a number");
    }
    if (!Double.isFinite(p)) {
      throw new DataError(label + ": line " + line + ": price is not a finite number (" + cell + ")");
    }
    if (p <= 0) {
      throw new DataError(label + ": line " + line + ": price is not positive (" + cell + ")");
    }
    return p;
  }

  private static long time(String cell, String label, int line) throws DataError {
    try {
      if (cell.matches("\\d{1,15}")) {
        long v = Long.parseLong(cell);
        return v > 100_000_000_000L ? v : v * 1000;
      }
      if (cell.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(cell).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      return OffsetDateTime.parse(cell).toInstant().toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new DataError(label + ": line " + line + ": time '" + cell
          + "' is not an ISO-8601 instant, a date or epoch seconds/milliseconds");
    }
  }
}
