package io.rwaprime.ingestion.bronze;

import io.rwaprime.events.RawRecord;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the records of a {@link BronzeArchive} back, for replay: one source over a range of UTC dates, in order —
 * dates ascending, then file name (which is write order), then line.
 *
 * <p>Damage is skipped and counted, never fatal: a torn gzip member (the tail of a file being written when the
 * process died), a member whose CRC-32 or length does not match, or garbage between members is one
 * {@link Cursor#tornMembers() torn member}, after which reading resumes at the next intact member of the file; a line
 * that is not valid UTF-8, not JSON or not a valid {@link RawRecord} is one {@link Cursor#corruptLines() corrupt
 * line}. Members are decoded one at a time with their checksum verified, so a record is returned only from a member
 * that was written completely.
 *
 * <p>A reader holds no state but its root; each {@link Cursor} reads one file into memory at a time (at most
 * {@link BronzeArchive.Options#maxFileBytes()} plus one decoded member).
 */
public final class BronzeReader {

  /** Largest decoded member accepted, against a corrupt length or a decompression bomb. */
  private static final int MAX_MEMBER_BYTES = 512 * 1024 * 1024;
  private final Path root;

  /** A reader of the archive under {@code root}. */
  public BronzeReader(Path root) {
    this.root = root;
  }

  /** Every source in the archive (decoded labels), sorted. */
  public List<String> sources() throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path p : (Iterable<Path>) dirs::iterator) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p) && name.startsWith(BronzeLayout.SOURCE_PREFIX)) {
          try {
            out.add(BronzeLayout.decode(name.substring(BronzeLayout.SOURCE_PREFIX.length())));
          } catch (IllegalArgumentException notOurs) {
            // a folder the archive did not write
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** The part files of a source from {@code from} to {@code to} inclusive, in reading order. */
  public List<Path> files(String source, LocalDate from, LocalDate to) throws IOException {
    Path sourceDir = root.resolve(BronzeLayout.SOURCE_PREFIX + BronzeLayout.encode(source));
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(sourceDir)) {
      return out;
    }
    List<LocalDate> dates = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(sourceDir)) {
      for (Path p : (Iterable<Path>) dirs::iterator) {
        String name = p.getFileName().toString();
        if (!name.startsWith(BronzeLayout.DATE_PREFIX) || !Files.isDirectory(p)) {
          continue;
        }
        try {
          LocalDate d = LocalDate.parse(name.substring(BronzeLayout.DATE_PREFIX.length()));
          if (!d.isBefore(from) && !d.isAfter(to)) {
            dates.add(d);
          }
        } catch (DateTimeParseException notADate) {
          // a folder the archive did not write
        }
      }
    }
    dates.sort(null);
    for (LocalDate d : dates) {
      List<Path> parts = new ArrayList<>();
      try (Stream<Path> files = Files.list(BronzeLayout.partition(root, source, d))) {
        files.filter(f -> BronzeLayout.PART_FILE.matcher(f.getFileName().toString()).matches()).forEach(parts::add);
      }
      parts.sort(null);
      out.addAll(parts);
    }
    return out;
  }

  /**
   * A cursor over the records of one source from {@code from} to {@code to} inclusive (UTC dates of receipt).
   *
   * @throws IOException when the folders cannot be listed
   */
  public Cursor read(String source, LocalDate from, LocalDate to) throws IOException {
    return new Cursor(files(source, from, to));
  }

  /**
   * Records in order, with the damage it skipped. Reading a file may throw {@link UncheckedIOException} when the
   * file cannot be read at all. Not thread-safe; close it to release the inflater.
   */
  public static final class Cursor implements Iterator<RawRecord>, Closeable {
    private final List<Path> files;
    private final ArrayDeque<RawRecord> ready = new ArrayDeque<>();
    private final Inflater inflater = new Inflater(true);
    private final byte[] chunk = new byte[64 * 1024];
    private int nextFile;
    private byte[] data;
    private int pos;
    private boolean damaged;
    private long records;
    private long tornMembers;
    private long corruptLines;
    private long members;

    Cursor(List<Path> files) {
      this.files = List.copyOf(files);
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty()) {
        if (data != null && pos < data.length) {
          readMember();
        } else if (nextFile < files.size()) {
          openNext();
        } else {
          return false;
        }
      }
      return true;
    }

    @Override
    public RawRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      records++;
      return ready.poll();
    }

    /** The remaining records as a sequential stream (closing it closes the cursor). */
    public Stream<RawRecord> stream() {
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
          false).onClose(this::close);
    }

    /** Records returned so far. */
    public long records() {
      return records;
    }

    /** Torn or corrupt gzip members (each damaged stretch of a file counts once) seen so far. */
    public long tornMembers() {
      return tornMembers;
    }

    /** Lines of intact members that were not valid records, seen so far. */
    public long corruptLines() {
      return corruptLines;
    }

    /** Intact gzip members read so far. */
    public long members() {
      return members;
    }

    /** Files this cursor reads. */
    public List<Path> files() {
      return files;
    }

    @Override
    public void close() {
      inflater.end();
      data = null;
    }

    private void openNext() {
      Path file = files.get(nextFile++);
      try {
        data = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bronze file " + file, e);
      }
      pos = 0;
      damaged = false;
    }

    /** Decodes the member at {@code pos}, or skips to the next plausible member header after damage. */
    private void readMember() {
      int next = decode(pos);
      if (next > 0) {
        pos = next;
        damaged = false;
        members++;
        return;
      }
      if (!damaged) {
        tornMembers++;
        damaged = true;
      }
      pos = nextHeader(pos + 1);
    }

    private int nextHeader(int from) {
      for (int i = from; i + 2 < data.length; i++) {
        if (data[i] == 0x1f && data[i + 1] == (byte) 0x8b && data[i + 2] == 8) {
          return i;
        }
      }
      return data.length;
    }

    /** Decodes one member at {@code off} into {@link #ready}; the offset after it, or -1 when it is damaged. */
    private int decode(int off) {
      int len = data.length;
      if (len - off < 18 || data[off] != 0x1f || data[off + 1] != (byte) 0x8b || data[off + 2] != 8) {
        return -1;
      }
      int flags = data[off + 3] & 0xFF;
      int p = off + 10;
      if ((flags & 4) != 0) { // FEXTRA
        if (p + 2 > len) {
          return -1;
        }
        p += 2 + ((data[p] & 0xFF) | (data[p + 1] & 0xFF) << 8);
      }
      for (int bit : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
        if ((flags & bit) != 0) {
          while (p < len && data[p] != 0) {
            p++;
          }
          p++;
        }
      }
      if ((flags & 2) != 0) { // FHCRC
        p += 2;
      }
      if (p >= len) {
        return -1;
      }
      inflater.reset();
      inflater.setInput(data, p, len - p);
      CRC32 crc = new CRC32();
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      try {
        while (!inflater.finished()) {
          int n = inflater.inflate(chunk);
          if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            return -1; // torn: the stream ends inside the member
          }
          crc.update(chunk, 0, n);
          out.write(chunk, 0, n);
          if (out.size() > MAX_MEMBER_BYTES) {
            return -1;
          }
        }
      } catch (DataFormatException e) {
        return -1;
      }
      int trailer = len - inflater.getRemaining();
      if (trailer + 8 > len) {
        return -1;
      }
      long storedCrc = le32(trailer);
      long storedSize = le32(trailer + 4);
      if (storedCrc != crc.getValue() || storedSize != (out.size() & 0xFFFFFFFFL)) {
        return -1;
      }
      splitLines(out.toByteArray());
      return trailer + 8;
    }

    private long le32(int at) {
      return (data[at] & 0xFFL) | (data[at + 1] & 0xFFL) << 8 | (data[at + 2] & 0xFFL) << 16 | (data[at + 3] & 0xFFL) << 24;
    }

    private void splitLines(byte[] text) {
      int start = 0;
      for (int i = 0; i <= text.length; i++) {
        if (i == text.length || text[i] == '\n') {
          if (i > start) {
            parseLine(text, start, i - start);
          }
          start = i + 1;
        }
      }
    }

    private void parseLine(byte[] text, int off, int len) {
      try {
        String line = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(text, off, len))
            .toString();
        if (line.isBlank()) {
          return;
        }
        ready.add(RawRecord.fromJson(new JsonObject(line)));
      } catch (CharacterCodingException | RuntimeException e) {
        corruptLines++;
      }
    }
  }
}
