package io.rwaprime.ingestion.bronze;

import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The victim of {@link BronzeArchiveTest}'s kill -9 test: appends numbered records forever, flushing every
 * 100, and prints {@code flushed <n>} after each flush returns, so that the killer knows what must survive.
 */
public final class BronzeCrashWriter {

  private BronzeCrashWriter() {
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    BronzeArchive archive = new BronzeArchive(BronzeArchive.Options.defaults(root).withFlush(Duration.ofHours(1), 100)
        .withMemberRecords(100));
    Instant t0 = Instant.parse("2025-06-03T12:00:00Z");
    for (long seq = 0; ; seq++) {
      archive.append(new RawRecord("crash:" + seq, "crash", RecordKind.PRICE, t0.plusMillis(seq),
          "{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(200) + "\"}"));
      if (archive.flushDue()) {
        archive.flush();
        System.out.println("flushed " + (seq + 1));
        System.out.flush();
      }
    }
  }
}
