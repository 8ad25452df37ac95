package io.rwaprime.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads one series for the {@code forecast} and {@code backtest} commands: a CSV with a header, a
 * {@code value} column and optionally a {@code time} column (ISO date or date-time, or a number), any
 * other columns ignored. Every value must be a finite number and the times strictly increasing; a
 * blank, {@code NA} or {@code NaN} value is a gap, which the forecasters do not fill, and a series
 * whose values are all equal has nothing to forecast. Each problem is a {@link BadInput} naming the
 * file and line.
 */
final class SeriesCsv {

  /** Bad content of an input file; the commands exit with {@value ForecastCommand#EXIT_DATA}. */
  static final class BadInput extends Exception {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message, null, false, false);
    }
  }

  private SeriesCsv() {
  }

  /** The values of {@code file} in row order. */
  static double[] read(Path file) throws IOException, BadInput {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int li = 0;
    while (li < lines.size() && lines.get(li).isBlank()) {
      li++;
    }
    if (li == lines.size()) {
      throw new BadInput(file + ": empty file, expected a header with a 'value' column");
    }
    String[] header = split(lines.get(li).replace("\uFEFF", ""));
    int valueCol = column(header, "value");
    if (valueCol < 0) {
      throw new BadInput(file + ": no 'value' column in the header " + Arrays.toString(header));
    }
    int timeCol = column(header, "time");
    List<Double> values = new ArrayList<>();
    double prevTime = Double.NEGATIVE_INFINITY;
    for (int i = li + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      String[] cells = split(line);
      if (cells.length <= valueCol || (timeCol >= 0 && cells.length <= timeCol)) {
        throw new BadInput(file + " line " + lineNo + ": expected " + header.length + " columns, got " + cells.length);
      }
      values.add(value(cells[valueCol], file, lineNo));
      if (timeCol >= 0) {
        double t = time(cells[timeCol], file, lineNo);
        if (!(t > prevTime)) {
          throw new BadInput(file + " line " + lineNo + ": time '" + cells[timeCol]
              + "' is not after the previous row's; rows must be in strictly increasing time order");
        }
        prevTime = t;
      }
    }
    if (values.isEmpty()) {
      throw new BadInput(file + ": no data rows after the header");
    }
    double[] y = values.stream().mapToDouble(Double::doubleValue).toArray();
    if (Arrays.stream(y).allMatch(v -> v == y[0])) {
      throw new BadInput(file + ": series is constant (all " + y.length + " values are " + y[0]
          + "): nothing to forecast");
    }
    return y;
  }

  private static int column(String[] header, String name) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String[] split(String line) {
    String[] cells = line.split(",", -1);
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i].trim();
      if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
        c = c.substring(1, c.length() - 1).trim();
      }
      cells[i] = c;
    }
    return cells;
  }

  private static double value(String cell, Path file, int line) throws BadInput {
    String c = cell.toLowerCase(Locale.ROOT);
    if (c.isEmpty() || c.equals("na") || c.equals("nan") || c.equals("null")) {
      throw new BadInput(file + " line " + line + ": missing value (a gap); fill or remove gaps before forecasting");
    }
    double v;
    try {
      v = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new BadInput(file + " line " + line + ": value '" + cell + "' is not a number");
    }
    if (!Double.isFinite(v)) {
      throw new BadInput(file + " line " + line + ": value '" + cell + "' is not finite");
    }
    return v;
  }

  /** Seconds since the epoch (or the number itself) so that rows can be checked for order. */
  private static double time(String cell, Path file, int line) throws BadInput {
    if (cell.isEmpty()) {
      throw new BadInput(file + " line " + line + ": empty time");
    }
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      // not a number: try ISO forms below
    }
    try {
      return Instant.parse(cell).getEpochSecond();
    } catch (RuntimeException e) {
      // next form
    }
    try {
      return OffsetDateTime.parse(cell).toEpochSecond();
    } catch (RuntimeException e) {
      // next form
    }
    try {
      return LocalDateTime.parse(cell).toEpochSecond(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      // next form
    }
    try {
      return LocalDate.parse(cell.length() == 7 ? cell + "-01" : cell).toEpochDay() * 86_400.0;
    } catch (RuntimeException e) {
      throw new BadInput(file + " line " + line + ": time '" + cell
          + "' is neither a number nor an ISO date (2024-01-31, 2024-01) or date-time");
    }
  }
}
