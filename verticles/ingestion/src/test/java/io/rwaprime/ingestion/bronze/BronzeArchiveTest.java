package io.rwaprime.ingestion.bronze;

import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BronzeArchiveTest {

  private static final Logger LOG = LoggerFactory.getLogger(BronzeArchiveTest.class);
  private static final Instant BEFORE_MIDNIGHT = Instant.parse("2025-06-03T23:55:00Z");
  private static final LocalDate JUNE_3 = LocalDate.parse("2025-06-03");
  private static final LocalDate JUNE_4 = LocalDate.parse("2025-06-04");

  @TempDir
  Path root;

  private static RawRecord record(String source, long seq, Instant receivedAt) {
    return new RawRecord(source + ":" + seq, source, RecordKind.PRICE, receivedAt,
        "{\"symbol\":\"BUIDL\",\"price\":\"1.00\",\"seq\":" + seq + ",\"note\":\"caf\u00e9 \\\"q\\\"\\n\"}");
  }

  private static List<RawRecord> readAll(Path root, String source, LocalDate from, LocalDate to) throws IOException {
    try (BronzeReader.Cursor c = new BronzeReader(root).read(source, from, to)) {
      List<RawRecord> out = new ArrayList<>();
      c.forEachRemaining(out::add);
      assertThat(c.tornMembers()).as("torn members").isZero();
      assertThat(c.corruptLines()).as("corrupt lines").isZero();
      return out;
    }
  }

  private static List<Path> partFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  @DisplayName("10,000 records of two sources across midnight read back exactly, in order")
  void roundTripsAcrossSourcesAndDates() throws IOException {
    List<RawRecord> price = new ArrayList<>();
    List<RawRecord> news = new ArrayList<>();
    try (BronzeArchive archive = new BronzeArchive(root)) {
      for (int i = 0; i < 10_000; i++) {
        Instant at = BEFORE_MIDNIGHT.plusMillis(60L * i); // 10 minutes: 5 before midnight, 5 after
        RawRecord r = i % 2 == 0 ? record("simulator", i, at) : record("news:wire", i, at);
        (i % 2 == 0 ? price : news).add(r);
        archive.append(r);
        if (i % 1_000 == 999) {
          archive.flush();
        }
      }
      archive.flush();
      BronzeArchive.Stats stats = archive.stats();
      assertThat(stats.records()).isEqualTo(10_000);
      assertThat(stats.files()).isEqualTo(4);
      assertThat(stats.flushes()).isEqualTo(10);
      assertThat(stats.buffered()).isZero();
      assertThat(stats.lastFlush()).isNotNull();
      long onDisk = 0;
      for (Path p : partFiles(root)) {
        onDisk += Files.size(p);
      }
      assertThat(stats.bytesWritten()).isEqualTo(onDisk);
    }

    assertThat(readAll(root, "simulator", JUNE_3, JUNE_4)).containsExactlyElementsOf(price);
    assertThat(readAll(root, "news:wire", JUNE_3, JUNE_4)).containsExactlyElementsOf(news);
    assertThat(readAll(root, "news:wire", JUNE_4, JUNE_4))
        .allSatisfy(r -> assertThat(r.receivedAt()).isAfterOrEqualTo(Instant.parse("2025-06-04T00:00:00Z")))
        .hasSize((int) news.stream().filter(r -> !r.receivedAt().isBefore(Instant.parse("2025-06-04T00:00:00Z"))).count());
    assertThat(new BronzeReader(root).sources()).containsExactly("news:wire", "simulator");
    assertThat(readAll(root, "unknown", JUNE_3, JUNE_4)).isEmpty();
  }

  @Test
  @DisplayName("layout: source=<escaped>/date=YYYY-MM-DD/part-<millis>-<n>.jsonl.gz of gzip members any reader can read")
  void writesTheSpecifiedLayout(@TempDir Path scratch) throws IOException {
    try (BronzeArchive archive = new BronzeArchive(root)) {
      archive.append(record("news:wire", 1, BEFORE_MIDNIGHT));
      archive.flush();
      archive.append(record("news:wire", 2, BEFORE_MIDNIGHT.plusSeconds(1)));
      archive.flush();
      archive.append(record("simulator", 3, BEFORE_MIDNIGHT.plus(Duration.ofMinutes(10))));
    }

    List<String> relative = partFiles(root).stream().map(p -> root.relativize(p).toString()).toList();
    assertThat(relative).hasSize(2);
    assertThat(relative.get(0)).matches("source=news%3Awire/date=2025-06-03/part-\\d{13}-\\d{6}\\.jsonl\\.gz");
    assertThat(relative.get(1)).matches("source=simulator/date=2025-06-04/part-\\d{13}-\\d{6}\\.jsonl\\.gz");

    // two flushes = two members; the JDK's GZIPInputStream reads them as one stream of JSON lines
    Path file = partFiles(root).getFirst();
    List<String> lines;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      lines = in.lines().toList();
    }
    assertThat(lines).hasSize(2);
    assertThat(new JsonObject(lines.get(0))).isEqualTo(record("news:wire", 1, BEFORE_MIDNIGHT).toJson());
    assertThat(countMembers(file, scratch)).isEqualTo(2);
  }

  @Test
  @DisplayName("garbage after the last member (a torn write) is skipped and counted; complete records survive")
  void skipsGarbageAfterTheLastMember() throws IOException {
    List<RawRecord> written = writeOneFile(100);
    Path file = partFiles(root).getFirst();
    Files.write(file, "\u0000\u0000garbage{\"event_id\":".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

    try (BronzeReader.Cursor c = new BronzeReader(root).read("crash", JUNE_3, JUNE_3)) {
      List<RawRecord> read = new ArrayList<>();
      c.forEachRemaining(read::add);
      assertThat(read).containsExactlyElementsOf(written);
      assertThat(c.tornMembers()).isEqualTo(1);
      assertThat(c.members()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a truncated gzip member at the end of a file is detected by length/CRC and skipped")
  void skipsATruncatedLastMember() throws IOException {
    List<RawRecord> written = writeOneFile(100);
    Path file = partFiles(root).getFirst();
    byte[] member = gzip(lines(List.of(record("crash", 999, BEFORE_MIDNIGHT))));
    for (int cut : new int[] {5, 12, member.length / 2, member.length - 4, member.length - 1}) {
      byte[] original = Files.readAllBytes(file);
      Files.write(file, java.util.Arrays.copyOf(member, cut), StandardOpenOption.APPEND);

      try (BronzeReader.Cursor c = new BronzeReader(root).read("crash", JUNE_3, JUNE_3)) {
        List<RawRecord> read = new ArrayList<>();
        c.forEachRemaining(read::add);
        assertThat(read).as("cut at %d of %d", cut, member.length).containsExactlyElementsOf(written);
        assertThat(c.tornMembers()).isEqualTo(1);
      }
      Files.write(file, original);
    }
  }

  @Test
  @DisplayName("a damaged member in the middle of a file is skipped and reading resumes at the next member")
  void resynchronizesAfterADamagedMember() throws IOException {
    RawRecord a = record("crash", 1, BEFORE_MIDNIGHT);
    RawRecord b = record("crash", 2, BEFORE_MIDNIGHT);
    RawRecord c = record("crash", 3, BEFORE_MIDNIGHT);
    byte[] damaged = gzip(lines(List.of(b)));
    damaged[damaged.length - 6] ^= 0x55; // flip bits in the CRC
    Path dir = BronzeLayout.partition(root, "crash", JUNE_3);
    Files.createDirectories(dir);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(gzip(lines(List.of(a))));
    file.writeBytes(damaged);
    file.writeBytes(java.util.Arrays.copyOf(gzip(lines(List.of(b))), 20)); // and a torn one right after
    file.writeBytes(gzip(lines(List.of(c))));
    Files.write(dir.resolve(BronzeLayout.partName(1, 0)), file.toByteArray());

    try (BronzeReader.Cursor cursor = new BronzeReader(root).read("crash", JUNE_3, JUNE_3)) {
      List<RawRecord> read = new ArrayList<>();
      cursor.forEachRemaining(read::add);
      assertThat(read).containsExactly(a, c);
      assertThat(cursor.tornMembers()).as("one damaged stretch").isEqualTo(1);
    }
  }

  @Test
  @DisplayName("lines that are not valid records are skipped and counted")
  void countsCorruptLines() throws IOException {
    RawRecord good = record("crash", 1, BEFORE_MIDNIGHT);
    byte[] text = (good.toJson().encode() + "\n{not json\n{\"event_id\":\"x\"}\n\n").getBytes(StandardCharsets.UTF_8);
    byte[] badUtf8 = {(byte) 0xC3, (byte) 0x28, '\n'};
    Path dir = BronzeLayout.partition(root, "crash", JUNE_3);
    Files.createDirectories(dir);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(gzip(text));
    file.writeBytes(gzip(badUtf8));
    Files.write(dir.resolve(BronzeLayout.partName(1, 0)), file.toByteArray());

    try (BronzeReader.Cursor cursor = new BronzeReader(root).read("crash", JUNE_3, JUNE_3)) {
      List<RawRecord> read = new ArrayList<>();
      cursor.forEachRemaining(read::add);
      assertThat(read).containsExactly(good);
      assertThat(cursor.corruptLines()).isEqualTo(3);
      assertThat(cursor.tornMembers()).isZero();
    }
  }

  @Test
  @DisplayName("kill -9 of a writing process loses nothing that a completed flush reported")
  void survivesKillMinus9() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        BronzeCrashWriter.class.getName(), root.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    long reported = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("flushed ")) {
          reported = Long.parseLong(line.substring(8));
          if (reported >= 5_000) {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no final flush
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(reported).as("the child ran").isGreaterThanOrEqualTo(5_000);

    try (BronzeReader.Cursor c = new BronzeReader(root).read("crash", JUNE_3, JUNE_3)) {
      long expected = 0;
      while (c.hasNext()) {
        RawRecord r = c.next();
        assertThat(r.eventId()).isEqualTo("crash:" + expected);
        expected++;
      }
      assertThat(expected).as("every reported record, in order, no gap").isGreaterThanOrEqualTo(reported);
      assertThat(c.corruptLines()).isZero();
      assertThat(c.tornMembers()).isLessThanOrEqualTo(1);
      LOG.info("kill -9 after {} reported records: {} read back, {} torn member(s)", reported, expected, c.tornMembers());
    }
  }

  @Test
  @DisplayName("4 threads appending concurrently while a flusher thread writes lose nothing")
  void concurrentAppendsLoseNothing() throws Exception {
    int threads = 4;
    int perThread = 25_000;
    BronzeArchive archive = new BronzeArchive(BronzeArchive.Options.defaults(root).withFlush(Duration.ofMillis(5), 2_000));
    archive.startFlusher();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      workers.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perThread; i++) {
          archive.append(new RawRecord("t" + id + ":" + i, "shared", RecordKind.PRICE, BEFORE_MIDNIGHT, "{\"t\":" + id + "}"));
        }
      }));
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    archive.close();
    assertThat(archive.stats().records()).isEqualTo((long) threads * perThread);
    assertThat(archive.stats().flushes()).isGreaterThan(1);

    List<RawRecord> read = readAll(root, "shared", JUNE_3, JUNE_3);
    assertThat(read).hasSize(threads * perThread);
    Set<String> ids = new HashSet<>();
    int[] next = new int[threads];
    for (RawRecord r : read) {
      assertThat(ids.add(r.eventId())).as("no duplicate").isTrue();
      String[] parts = r.eventId().substring(1).split(":");
      int t = Integer.parseInt(parts[0]);
      assertThat(Integer.parseInt(parts[1])).as("each thread's records in its order").isEqualTo(next[t]++);
    }
  }

  @Test
  @DisplayName("files roll before they pass the size limit")
  void rollsAtTheSizeLimit() throws IOException {
    long limit = 16 * 1024;
    List<RawRecord> written = new ArrayList<>();
    try (BronzeArchive archive = new BronzeArchive(BronzeArchive.Options.defaults(root).withMaxFileBytes(limit)
        .withMemberRecords(50))) {
      for (int i = 0; i < 5_000; i++) {
        RawRecord r = record("roll", i, BEFORE_MIDNIGHT.plusMillis(i));
        written.add(r);
        archive.append(r);
        if (i % 200 == 199) {
          archive.flush();
        }
      }
    }
    List<Path> files = partFiles(root);
    assertThat(files).hasSizeGreaterThan(3);
    for (Path f : files) {
      assertThat(Files.size(f)).as(f.toString()).isLessThanOrEqualTo(limit);
    }
    assertThat(files.stream().map(p -> p.getFileName().toString()).toList()).isSorted();
    assertThat(readAll(root, "roll", JUNE_3, JUNE_3)).containsExactlyElementsOf(written);
  }

  @Test
  void saysWhenAFlushIsDue() throws IOException {
    AtomicLong now = new AtomicLong(Instant.parse("2025-06-03T12:00:00Z").toEpochMilli());
    Clock clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(now.get());
      }
    };
    try (BronzeArchive archive = new BronzeArchive(BronzeArchive.Options.defaults(root)
        .withFlush(Duration.ofMillis(500), 3), clock)) {
      assertThat(archive.flushDue()).as("nothing buffered").isFalse();
      now.addAndGet(1_000);
      assertThat(archive.flushDue()).as("nothing buffered, however long").isFalse();
      archive.append(record("due", 1, BEFORE_MIDNIGHT));
      assertThat(archive.flushDue()).as("interval passed since the last flush").isTrue();
      assertThat(archive.flush()).isEqualTo(1);
      archive.append(record("due", 2, BEFORE_MIDNIGHT));
      archive.append(record("due", 3, BEFORE_MIDNIGHT));
      assertThat(archive.flushDue()).isFalse();
      archive.append(record("due", 4, BEFORE_MIDNIGHT));
      assertThat(archive.flushDue()).as("count reached").isTrue();
    }
  }

  @Test
  @DisplayName("a full buffer refuses appends rather than growing without bound; a closed archive refuses too")
  void refusesWhenFullOrClosed() throws IOException {
    BronzeArchive archive = new BronzeArchive(BronzeArchive.Options.defaults(root).withFlush(Duration.ofSeconds(1), 5)
        .withMaxBufferedRecords(10));
    for (int i = 0; i < 10; i++) {
      archive.append(record("full", i, BEFORE_MIDNIGHT));
    }
    assertThatThrownBy(() -> archive.append(record("full", 10, BEFORE_MIDNIGHT)))
        .isInstanceOf(BronzeArchive.BufferFullException.class);
    archive.close();
    assertThat(readAll(root, "full", JUNE_3, JUNE_3)).as("close flushes").hasSize(10);
    assertThatThrownBy(() -> archive.append(record("full", 11, BEFORE_MIDNIGHT)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    archive.close(); // idempotent
  }

  @Test
  @DisplayName("a failed write keeps the records buffered; the next flush writes them to a new file")
  void keepsRecordsWhenAWriteFails() throws IOException {
    BronzeArchive archive = new BronzeArchive(root);
    Path blocker = root.resolve("source=blocked");
    Files.writeString(blocker, "a file where the partition folder should be");
    archive.append(record("blocked", 1, BEFORE_MIDNIGHT));
    archive.append(record("fine", 2, BEFORE_MIDNIGHT));

    assertThatThrownBy(archive::flush).isInstanceOf(IOException.class);
    assertThat(archive.stats().buffered()).isEqualTo(1);
    assertThat(archive.stats().failedFlushes()).isEqualTo(1);
    assertThat(archive.stats().records()).as("the other partition was written").isEqualTo(1);

    Files.delete(blocker);
    assertThat(archive.flush()).isEqualTo(1);
    archive.close();
    assertThat(readAll(root, "blocked", JUNE_3, JUNE_3)).extracting(RawRecord::eventId).containsExactly("blocked:1");
    assertThat(readAll(root, "fine", JUNE_3, JUNE_3)).hasSize(1);
  }

  @Test
  void escapesSourceLabelsForPaths() {
    for (String s : List.of("news:reuters", "csv:/data/x y.csv", ".hidden", "..", "caf\u00e9-\u00fc", "a%b", "simulator")) {
      String encoded = BronzeLayout.encode(s);
      assertThat(encoded).matches("[A-Za-z0-9_%-][A-Za-z0-9._%-]*");
      assertThat(BronzeLayout.decode(encoded)).isEqualTo(s);
    }
    assertThat(BronzeLayout.encode("news:reuters")).isEqualTo("news%3Areuters");
    assertThat(BronzeLayout.encode("simulator")).isEqualTo("simulator");
    assertThatThrownBy(() -> BronzeLayout.decode("bad%4")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("throughput of append + flush and of reading back (measured, not asserted)")
  void measuresThroughput() throws IOException {
    int n = 200_000;
    List<RawRecord> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      records.add(new RawRecord("simulator:run:BUIDL:" + i, "simulator", RecordKind.PRICE,
          BEFORE_MIDNIGHT.minusSeconds(3600).plusMillis(i),
          "{\"symbol\":\"BUIDL\",\"price\":\"1.0001\",\"volume\":\"1250.5\",\"currency\":\"USD\",\"ts\":\"2025-06-03T22:55:00.123Z\",\"seq\":" + i + "}"));
    }
    BronzeArchive.Stats stats;
    long t0 = System.nanoTime();
    try (BronzeArchive archive = new BronzeArchive(root)) {
      for (int i = 0; i < n; i++) {
        archive.append(records.get(i));
        if (i % 10_000 == 9_999) {
          archive.flush();
        }
      }
      stats = archive.stats();
    }
    double writeSeconds = (System.nanoTime() - t0) / 1e9;
    long r0 = System.nanoTime();
    long read;
    try (BronzeReader.Cursor c = new BronzeReader(root).read("simulator", JUNE_3, JUNE_3)) {
      read = c.stream().count();
    }
    double readSeconds = (System.nanoTime() - r0) / 1e9;
    assertThat(read).isEqualTo(n);

    // append alone: a separate archive, no flush
    BronzeArchive appendOnly = new BronzeArchive(BronzeArchive.Options.defaults(root.resolve("append-only"))
        .withMaxBufferedRecords(n).withFlush(Duration.ofHours(1), n));
    long p0 = System.nanoTime();
    for (RawRecord r : records) {
      appendOnly.append(r);
    }
    double appendOnlyNanos = (System.nanoTime() - p0) / (double) n;
    String report = String.format(
        "bronze throughput: %,d records, append+flush(10k)+fsync %.0f records/s (%.1f MB/s compressed, %.1f bytes/record), "
            + "read back %.0f records/s, append alone %.0f ns/record",
        n, n / writeSeconds, stats.bytesWritten() / writeSeconds / 1e6, stats.bytesWritten() / (double) n,
        n / readSeconds, appendOnlyNanos);
    LOG.info(report);
    System.out.println(report);
  }

  // ---------------------------------------------------------------- helpers

  private List<RawRecord> writeOneFile(int n) throws IOException {
    List<RawRecord> written = new ArrayList<>();
    try (BronzeArchive archive = new BronzeArchive(root)) {
      for (int i = 0; i < n; i++) {
        RawRecord r = record("crash", i, BEFORE_MIDNIGHT);
        written.add(r);
        archive.append(r);
      }
    }
    return written;
  }

  private static byte[] lines(List<RawRecord> records) {
    StringBuilder sb = new StringBuilder();
    records.forEach(r -> sb.append(r.toJson().encode()).append('\n'));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** Intact gzip members in a file, counted by the reader's own decoder (magic bytes can occur inside data). */
  private static long countMembers(Path file, Path scratch) throws IOException {
    Path part = BronzeLayout.partition(scratch, "c", JUNE_3);
    Files.createDirectories(part);
    Files.copy(file, part.resolve(BronzeLayout.partName(1, 0)));
    try (BronzeReader.Cursor c = new BronzeReader(scratch).read("c", JUNE_3, JUNE_3)) {
      c.forEachRemaining(r -> { });
      return c.members();
    }
  }
}
