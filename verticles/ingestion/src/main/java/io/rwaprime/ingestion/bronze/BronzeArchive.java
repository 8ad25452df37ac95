package io.rwaprime.ingestion.bronze;

import io.rwaprime.events.RawRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The bronze layer on disk: an immutable, append-only archive of every raw record, written before any cleansing
 * so that silver and gold can be rebuilt from it ({@link BronzeReader}).
 *
 * <h2>Layout and format</h2>
 * Files are partitioned by source and by the UTC date of {@link RawRecord#receivedAt()} (see {@link BronzeLayout}):
 * {@code <root>/source=<source>/date=YYYY-MM-DD/part-<startMillis>-<n>.jsonl.gz}, where {@code startMillis} is when
 * this archive instance was opened and {@code n} a sequence within it, so that file names sort in write order.
 * Each line is one {@link RawRecord#toJson()} in UTF-8. A file is a series of complete gzip members, one per flush
 * (and per {@value #DEFAULT_MEMBER_RECORDS} records), which {@code zcat}, {@link java.util.zip.GZIPInputStream} and
 * every gzip reader read as one stream.
 *
 * <h2>Durability</h2>
 * {@link #append} only buffers. {@link #flush} compresses the buffer into new members, writes them and calls
 * {@link FileChannel#force(boolean) force(false)} before returning; the folder is synced when a file is created.
 * A crash (kill -9, power loss) therefore loses at most the records appended since the last completed flush, and
 * can leave at most a torn last member in each file being written, which {@link BronzeReader} detects (CRC and
 * length), skips and counts. An archive never appends to a file it did not create, so a torn tail is never followed
 * by new data. Files roll at {@link Options#maxFileBytes()} and a new file starts for each new date.
 *
 * <h2>Threads</h2>
 * {@link #append} is cheap (a lock and a list add, no I/O, no serialization) and safe from any thread, including an
 * event loop. {@link #flush} and {@link #close} <b>block</b> on disk I/O: call them from a worker (for instance
 * {@code vertx.executeBlocking}) or let {@link #startFlusher()} run them on a dedicated thread; concurrent calls
 * are serialized. Flushing is due every {@link Options#flushInterval()} or as soon as
 * {@link Options#flushRecords()} records are buffered ({@link #flushDue()}).
 *
 * <h2>Errors</h2>
 * When writing a partition fails, its records go back to the front of the buffer, the file is abandoned (the next
 * flush starts a new one) and the exception is thrown; records that were written whole before the error may then
 * be written twice, with the same event id (at-least-once, never lost). When the buffer holds
 * {@link Options#maxBufferedRecords()} records — the disk is failing or too slow — {@link #append} refuses with
 * {@link BufferFullException} instead of growing without bound.
 */
public final class BronzeArchive implements Closeable {

  /** Default records per gzip member: bounds the memory a reader needs per member. */
  public static final int DEFAULT_MEMBER_RECORDS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(BronzeArchive.class);
  private static final int MAX_OPEN_FILES = 64;
  private static final byte NEWLINE = '\n';

  /**
   * Settings.
   *
   * @param root               the archive's root folder (created when missing)
   * @param flushInterval      a flush is due this long after the previous one when anything is buffered
   * @param flushRecords       a flush is due as soon as this many records are buffered
   * @param maxFileBytes       a file rolls before a member would take it past this size (a single member larger than
   *                           this still goes whole into a file of its own)
   * @param maxBufferedRecords {@link #append} refuses beyond this many unflushed records
   * @param memberRecords      most records in one gzip member
   */
  public record Options(Path root, Duration flushInterval, int flushRecords, long maxFileBytes,
                        int maxBufferedRecords, int memberRecords) {

    /** Validates every component. */
    public Options {
      if (root == null) {
        throw new IllegalArgumentException("bronze root is required");
      }
      if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
        throw new IllegalArgumentException("bronze flush interval must be positive (was " + flushInterval + ")");
      }
      if (flushRecords < 1 || maxBufferedRecords < flushRecords || memberRecords < 1) {
        throw new IllegalArgumentException("bronze needs 1 <= flushRecords <= maxBufferedRecords and memberRecords >= 1");
      }
      if (maxFileBytes < 1024) {
        throw new IllegalArgumentException("bronze max file bytes must be at least 1 KiB (was " + maxFileBytes + ")");
      }
    }

    /** Flush every second or 10,000 records, files up to 128 MiB, refuse beyond 1,000,000 buffered records. */
    public static Options defaults(Path root) {
      return new Options(root, Duration.ofSeconds(1), 10_000, 128L * 1024 * 1024, 1_000_000, DEFAULT_MEMBER_RECORDS);
    }

    /** A copy with another flush policy. */
    public Options withFlush(Duration interval, int records) {
      return new Options(root, interval, records, maxFileBytes, Math.max(maxBufferedRecords, records), memberRecords);
    }

    /** A copy with another file size limit. */
    public Options withMaxFileBytes(long bytes) {
      return new Options(root, flushInterval, flushRecords, bytes, maxBufferedRecords, memberRecords);
    }

    /** A copy with another buffer limit. */
    public Options withMaxBufferedRecords(int records) {
      return new Options(root, flushInterval, flushRecords, maxFileBytes, records, memberRecords);
    }

    /** A copy with another member size. */
    public Options withMemberRecords(int records) {
      return new Options(root, flushInterval, flushRecords, maxFileBytes, maxBufferedRecords, records);
    }
  }

  /**
   * Counters since the archive was opened.
   *
   * @param records       records written and forced to disk
   * @param bytesWritten  compressed bytes written
   * @param files         part files created
   * @param flushes       flushes that wrote something
   * @param failedFlushes flushes that threw
   * @param buffered      records appended and not yet written
   * @param openFiles     part files currently open for appending
   * @param lastFlush     end of the last successful flush, or null
   */
  public record Stats(long records, long bytesWritten, long files, long flushes, long failedFlushes, int buffered,
                      int openFiles, Instant lastFlush) {
  }

  /** {@link #append} refused: {@link Options#maxBufferedRecords()} records are waiting for the disk. */
  public static final class BufferFullException extends IllegalStateException {
    BufferFullException(int limit) {
      super("bronze buffer full (" + limit + " records waiting for the disk)");
    }
  }

  private record PartitionKey(String source, LocalDate date) {
  }

  /** One open part file. Touched under {@link #flushLock} only. */
  private static final class PartFile {
    final Path path;
    final FileChannel channel;
    long size;

    PartFile(Path path, FileChannel channel) {
      this.path = path;
      this.channel = channel;
    }
  }

  private final Options options;
  private final Clock clock;
  private final long startMillis;

  private final Object bufferLock = new Object();
  private ArrayList<RawRecord> buffer = new ArrayList<>();
  private boolean closed;
  private long lastFlushMillis;
  private Thread flusher;

  private final ReentrantLock flushLock = new ReentrantLock();
  private final Map<PartitionKey, PartFile> open = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, LocalDate> newestDate = new LinkedHashMap<>();
  private int sequence;

  private volatile long recordsWritten;
  private volatile long bytesWritten;
  private volatile long filesCreated;
  private volatile long flushes;
  private volatile long failedFlushes;
  private volatile Instant lastFlush;

  /** An archive with {@link Options#defaults default} settings under {@code root}. */
  public BronzeArchive(Path root) {
    this(Options.defaults(root));
  }

  /**
   * Opens an archive; creates the root folder. Starts no thread (see {@link #startFlusher()}).
   *
   * @throws UncheckedIOException when the root cannot be created
   */
  public BronzeArchive(Options options) {
    this(options, Clock.systemUTC());
  }

  BronzeArchive(Options options, Clock clock) {
    this.options = options;
    this.clock = clock;
    this.startMillis = clock.millis();
    this.lastFlushMillis = startMillis;
    try {
      Files.createDirectories(options.root());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create bronze root " + options.root(), e);
    }
  }

  /** The settings. */
  public Options options() {
    return options;
  }

  /**
   * Buffers a record for the next flush. Cheap and thread-safe: no I/O, no serialization.
   *
   * @throws BufferFullException   when {@link Options#maxBufferedRecords()} records are waiting
   * @throws IllegalStateException when the archive is closed
   */
  public void append(RawRecord record) {
    if (record == null) {
      throw new IllegalArgumentException("record is required");
    }
    synchronized (bufferLock) {
      if (closed) {
        throw new IllegalStateException("bronze archive is closed");
      }
      int n = buffer.size();
      if (n >= options.maxBufferedRecords()) {
        throw new BufferFullException(options.maxBufferedRecords());
      }
      buffer.add(record);
      if (n + 1 == options.flushRecords() && flusher != null) {
        bufferLock.notifyAll();
      }
    }
  }

  /** Whether {@link Options#flushRecords()} records are buffered, or any are and the flush interval has passed. */
  public boolean flushDue() {
    synchronized (bufferLock) {
      return due(clock.millis());
    }
  }

  private boolean due(long now) {
    int n = buffer.size();
    return n >= options.flushRecords() || n > 0 && now - lastFlushMillis >= options.flushInterval().toMillis();
  }

  /**
   * Writes every buffered record to disk and forces it there. <b>Blocking</b>: never call it on an event loop.
   * Every record appended before this call started is on disk when it returns normally.
   *
   * @return how many records were written
   * @throws IOException when a partition could not be written; its records stay buffered for the next flush
   */
  public int flush() throws IOException {
    flushLock.lock();
    try {
      ArrayList<RawRecord> batch;
      synchronized (bufferLock) {
        batch = buffer;
        buffer = new ArrayList<>(Math.max(16, batch.size()));
        lastFlushMillis = clock.millis();
      }
      if (batch.isEmpty()) {
        return 0;
      }
      return write(batch);
    } finally {
      flushLock.unlock();
    }
  }

  private int write(List<RawRecord> batch) throws IOException {
    Map<PartitionKey, List<RawRecord>> partitions = new LinkedHashMap<>();
    for (RawRecord r : batch) {
      PartitionKey key = new PartitionKey(r.source(), LocalDate.ofInstant(r.receivedAt(), ZoneOffset.UTC));
      partitions.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    List<RawRecord> failed = new ArrayList<>();
    IOException error = null;
    Map<PartitionKey, PartFile> written = new LinkedHashMap<>();
    long bytes = 0;
    int records = 0;
    for (Map.Entry<PartitionKey, List<RawRecord>> e : partitions.entrySet()) {
      try {
        bytes += writePartition(e.getKey(), e.getValue(), written);
      } catch (IOException | RuntimeException ex) {
        error = accumulate(error, ex, e.getKey());
        abandon(e.getKey());
        written.remove(e.getKey());
        failed.addAll(e.getValue());
      }
    }
    for (Map.Entry<PartitionKey, PartFile> e : written.entrySet()) {
      PartitionKey key = e.getKey();
      try {
        e.getValue().channel.force(false);
        records += partitions.get(key).size();
      } catch (IOException ex) {
        // after a failed fsync the page cache cannot be trusted: write these records again into a new file
        error = accumulate(error, ex, key);
        abandon(key);
        failed.addAll(partitions.get(key));
      }
    }
    if (!failed.isEmpty()) {
      synchronized (bufferLock) {
        ArrayList<RawRecord> requeued = new ArrayList<>(failed.size() + buffer.size());
        requeued.addAll(failed);
        requeued.addAll(buffer);
        buffer = requeued;
      }
    }
    recordsWritten += records;
    bytesWritten += bytes;
    if (error != null) {
      failedFlushes++;
      throw error;
    }
    flushes++;
    lastFlush = clock.instant();
    closeStale();
    return records;
  }

  private static IOException accumulate(IOException first, Exception ex, PartitionKey key) {
    IOException io = ex instanceof IOException i ? i
        : new IOException("bronze write failed [source: " + key.source() + ", date: " + key.date() + "]", ex);
    if (first == null) {
      return io;
    }
    first.addSuppressed(io);
    return first;
  }

  /** Compresses and writes one partition's records as members; returns the bytes written. */
  private long writePartition(PartitionKey key, List<RawRecord> records, Map<PartitionKey, PartFile> written)
      throws IOException {
    long bytes = 0;
    for (int from = 0; from < records.size(); from += options.memberRecords()) {
      byte[] member = member(records, from, Math.min(records.size(), from + options.memberRecords()));
      PartFile file = fileFor(key, member.length);
      writeFully(file.channel, member);
      file.size += member.length;
      bytes += member.length;
      written.put(key, file);
    }
    return bytes;
  }

  /** One complete gzip member holding {@code records[from, to)} as JSON lines. */
  private static byte[] member(List<RawRecord> records, int from, int to) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(512, (to - from) * 64));
    try (GZIPOutputStream gz = new FastGzip(out)) {
      for (int i = from; i < to; i++) {
        gz.write(records.get(i).toJson().encode().getBytes(StandardCharsets.UTF_8));
        gz.write(NEWLINE);
      }
    }
    return out.toByteArray();
  }

  /** gzip at level 1: JSON still shrinks 5–10×, at several times the speed of the default level. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(ByteArrayOutputStream out) throws IOException {
      super(out, 64 * 1024);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  /** The open file of a partition with room for {@code memberBytes}, rolling or creating one as needed. */
  private PartFile fileFor(PartitionKey key, int memberBytes) throws IOException {
    PartFile file = open.get(key);
    if (file != null && file.size > 0 && file.size + memberBytes > options.maxFileBytes()) {
      file.channel.force(false);
      closeQuietly(file);
      open.remove(key);
      file = null;
    }
    if (file == null) {
      file = create(key);
      open.put(key, file);
      LocalDate newest = newestDate.get(key.source());
      if (newest == null || key.date().isAfter(newest)) {
        newestDate.put(key.source(), key.date());
      }
    }
    return file;
  }

  private PartFile create(PartitionKey key) throws IOException {
    Path dir = BronzeLayout.partition(options.root(), key.source(), key.date());
    boolean newDirs = !Files.isDirectory(dir);
    Files.createDirectories(dir);
    while (true) {
      Path path = dir.resolve(BronzeLayout.partName(startMillis, sequence++));
      try {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        syncDirectory(dir);
        if (newDirs) {
          syncDirectory(dir.getParent());
          syncDirectory(options.root());
        }
        filesCreated++;
        return new PartFile(path, channel);
      } catch (FileAlreadyExistsException taken) {
        // another archive opened in the same millisecond on this root: take the next number
      }
    }
  }

  /** Makes a new directory entry durable; a no-op where the platform cannot open folders. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("cannot sync folder [path: {}, reason: {}]", dir, e.toString());
    }
  }

  /** Closes the files of past dates of a source and the least recently used ones beyond the open-file cap. */
  private void closeStale() {
    Iterator<Map.Entry<PartitionKey, PartFile>> it = open.entrySet().iterator();
    int excess = open.size() - MAX_OPEN_FILES;
    while (it.hasNext()) {
      Map.Entry<PartitionKey, PartFile> e = it.next();
      LocalDate newest = newestDate.get(e.getKey().source());
      if (excess > 0 || newest != null && e.getKey().date().isBefore(newest)) {
        closeQuietly(e.getValue());
        it.remove();
        excess--;
      }
    }
  }

  private void abandon(PartitionKey key) {
    PartFile file = open.remove(key);
    if (file != null) {
      closeQuietly(file);
    }
  }

  private static void closeQuietly(PartFile file) {
    try {
      file.channel.close();
    } catch (IOException e) {
      LOG.warn("cannot close bronze file [path: {}, reason: {}]", file.path, e.toString());
    }
  }

  /**
   * Starts a daemon thread, {@code bronze-flusher}, that flushes whenever a flush is due (see {@link #flushDue()});
   * a failed flush is logged and retried after the flush interval. Optional: the owner may call {@link #flush()}
   * from its own worker instead. Idempotent.
   */
  public void startFlusher() {
    synchronized (bufferLock) {
      if (flusher != null || closed) {
        return;
      }
      flusher = Thread.ofPlatform().daemon().name("bronze-flusher").unstarted(this::flushLoop);
      flusher.start();
    }
  }

  private void flushLoop() {
    long interval = options.flushInterval().toMillis();
    while (true) {
      synchronized (bufferLock) {
        while (!closed && !due(clock.millis())) {
          long wait = buffer.isEmpty() ? interval : Math.max(1, lastFlushMillis + interval - clock.millis());
          try {
            bufferLock.wait(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (closed) {
          return; // close() does the final flush
        }
      }
      try {
        flush();
      } catch (IOException | RuntimeException e) {
        LOG.warn("bronze flush failed, will retry [root: {}, buffered: {}, reason: {}]", options.root(),
            stats().buffered(), e.toString());
        try {
          Thread.sleep(interval);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Counters (safe from any thread). */
  public Stats stats() {
    int buffered;
    synchronized (bufferLock) {
      buffered = buffer.size();
    }
    int openFiles;
    if (flushLock.tryLock()) {
      try {
        openFiles = open.size();
      } finally {
        flushLock.unlock();
      }
    } else {
      openFiles = -1; // a flush holds the files; not worth waiting for
    }
    return new Stats(recordsWritten, bytesWritten, filesCreated, flushes, failedFlushes, buffered, openFiles, lastFlush);
  }

  /**
   * Refuses further appends, stops the flusher, flushes what is buffered and closes the files. <b>Blocking.</b>
   * Idempotent.
   *
   * @throws IOException when the final flush fails (the unwritten records are then lost with the process)
   */
  @Override
  public void close() throws IOException {
    Thread t;
    synchronized (bufferLock) {
      closed = true;
      t = flusher;
      bufferLock.notifyAll();
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flushLock.lock();
    try {
      flush();
    } finally {
      for (PartFile f : open.values()) {
        closeQuietly(f);
      }
      open.clear();
      flushLock.unlock();
    }
  }
}
