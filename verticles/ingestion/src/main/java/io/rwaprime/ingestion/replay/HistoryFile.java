package io.rwaprime.ingestion.replay;

import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Reads a historical price file as raw records, one per row, for {@code backfill}. Two formats,
 * chosen by extension ({@code .csv}, {@code .jsonl}/{@code .ndjson}, optionally {@code .gz}):
 * <ul>
 *   <li>CSV with a header naming its columns: {@code symbol} (or {@code --symbol}), {@code price} (or
 *   {@code close}/{@code value}), {@code ts} (or {@code time}/{@code timestamp}/{@code date}; ISO-8601, a date,
 *   or epoch seconds/millis), optional {@code volume}, {@code currency}, {@code seq}. Each row becomes a tick
 *   payload with the values as written (cleansing validates them).</li>
 *   <li>JSON lines: each line is a tick payload as it is.</li>
 * </ul>
 * Rows that cannot be read as rows (wrong column count) still become records, so that cleansing
 * dead-letters them with a reason instead of their disappearing. Records are labelled with the given
 * source, which should start with {@code backfill:} (historical data: exempt from the live max-age check).
 */
public final class HistoryFile implements Iterator<RawRecord>, Closeable {

  private final BufferedReader reader;
  private final String source;
  private final String symbol;
  private final boolean csv;
  private final String runId;
  private List<String> header;
  private String nextLine;
  private long lineNo;
  private long bytesRead;

  private HistoryFile(BufferedReader reader, String source, String symbol, boolean csv) {
    this.reader = reader;
    this.source = source;
    this.symbol = symbol;
    this.csv = csv;
    this.runId = Long.toString(System.currentTimeMillis(), 36);
  }

  /** Opens a file; {@code symbol} is used when a CSV has no symbol column (may be null). */
  public static HistoryFile open(Path file, String source, String symbol) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean gz = name.endsWith(".gz");
    String base = gz ? name.substring(0, name.length() - 3) : name;
    boolean csv;
    if (base.endsWith(".csv")) {
      csv = true;
    } else if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) {
      csv = false;
    } else {
      throw new IllegalArgumentException("unknown file type " + file.getFileName() + " (expected .csv, .jsonl or .ndjson, optionally .gz)");
    }
    var in = Files.newInputStream(file);
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    BufferedReader reader = new BufferedReader(new InputStreamReader(gz ? new GZIPInputStream(in, 1 << 16) : in, decoder),
        1 << 16);
    HistoryFile h = new HistoryFile(reader, source, symbol, csv);
    if (csv) {
      String headerLine = reader.readLine();
      if (headerLine == null) {
        reader.close();
        throw new IllegalArgumentException(file.getFileName() + " is empty");
      }
      h.header = split(headerLine.replace("\uFEFF", "")).stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
      h.lineNo = 1;
      if (h.column("price", "close", "value") < 0) {
        reader.close();
        throw new IllegalArgumentException(file.getFileName() + ": no price column (price, close or value) in the header");
      }
      if (h.column("ts", "time", "timestamp", "date") < 0) {
        reader.close();
        throw new IllegalArgumentException(file.getFileName() + ": no time column (ts, time, timestamp or date) in the header");
      }
      if (h.column("symbol") < 0 && (symbol == null || symbol.isBlank())) {
        reader.close();
        throw new IllegalArgumentException(file.getFileName() + ": no symbol column; give --symbol");
      }
    }
    return h;
  }

  @Override
  public boolean hasNext() {
    if (nextLine != null) {
      return true;
    }
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        bytesRead += line.length() + 1;
        if (!line.isBlank()) {
          nextLine = line;
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public RawRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    String line = nextLine;
    nextLine = null;
    String payload = csv ? csvPayload(line) : line.trim();
    return new RawRecord(source + ":" + runId + ":" + lineNo, source, RecordKind.PRICE, Instant.now(), payload);
  }

  /** Characters read so far (for progress). */
  public long bytesRead() {
    return bytesRead;
  }

  private String csvPayload(String line) {
    List<String> cells = split(line);
    if (cells.size() != header.size()) {
      // keep it for the dead-letter store, with the problem visible in the payload
      return new JsonObject().put("csv_line", lineNo).put("csv_error", "expected " + header.size() + " columns, got "
          + cells.size()).put("raw", line).encode();
    }
    JsonObject tick = new JsonObject();
    int sym = column("symbol");
    tick.put("symbol", sym >= 0 ? cells.get(sym).trim() : symbol);
    tick.put("price", cells.get(column("price", "close", "value")).trim());
    put(tick, "volume", cells, column("volume"));
    put(tick, "currency", cells, column("currency"));
    tick.put("ts", normalizeTime(cells.get(column("ts", "time", "timestamp", "date")).trim()));
    int seq = column("seq");
    if (seq >= 0 && !cells.get(seq).isBlank()) {
      try {
        tick.put("seq", Long.parseLong(cells.get(seq).trim()));
      } catch (NumberFormatException e) {
        tick.put("seq", cells.get(seq).trim());
      }
    } else {
      tick.put("seq", lineNo);
    }
    return tick.encode();
  }

  private static void put(JsonObject tick, String field, List<String> cells, int idx) {
    if (idx >= 0 && !cells.get(idx).isBlank()) {
      tick.put(field, cells.get(idx).trim());
    }
  }

  /** Dates become midnight UTC; epoch numbers become ISO-8601; anything else is passed through. */
  static String normalizeTime(String t) {
    if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return t + "T00:00:00Z";
    }
    if (t.matches("\\d{9,13}")) {
      long n = Long.parseLong(t);
      return (n >= 1_000_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n)).toString();
    }
    return t;
  }

  private int column(String... names) {
    for (String n : names) {
      int i = header.indexOf(n);
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
  static List<String> split(String line) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
