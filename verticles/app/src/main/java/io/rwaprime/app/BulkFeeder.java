package io.rwaprime.app;

import io.rwaprime.events.Addresses;
import io.rwaprime.events.RawRecord;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Feeds a stream of raw records to the cleansing role of this process as fast as it keeps up (a
 * {@code sync} round trip every batch bounds what is in flight), shows progress on stderr, then asks
 * for a {@code drain} so that every bar is closed and stored before the command exits.
 */
final class BulkFeeder {

  private static final int BATCH = 2_000;
  private static final long SYNC_TIMEOUT_S = 120;
  private static final long DRAIN_TIMEOUT_S = 600;

  private final Vertx vertx;
  private final PrintStream progress;
  private final boolean tty = System.console() != null;

  BulkFeeder(Vertx vertx, PrintStream progress) {
    this.vertx = vertx;
    this.progress = progress;
  }

  /** A way to pace the feed: called before each record with its index; may sleep. */
  interface Pacer {
    void before(RawRecord record) throws InterruptedException;
  }

  /**
   * Sends every record, then drains.
   *
   * @param total    expected size for the progress bar (or -1 when unknown)
   * @param position how far through the input we are (bytes or records), for the progress bar
   * @return the drain report of the cleansing role
   */
  JsonObject feed(Iterator<RawRecord> records, long total, LongSupplier position, Pacer pacer) throws Exception {
    long sent = 0;
    long t0 = System.nanoTime();
    long lastReport = 0;
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    while (records.hasNext()) {
      RawRecord r = records.next();
      pacer.before(r);
      vertx.eventBus().send(Addresses.rawAddress(r.kind()), r, local);
      sent++;
      if (sent % BATCH == 0) {
        vertx.eventBus().request(Addresses.CLEANSING_CONTROL, "sync", local).await(SYNC_TIMEOUT_S, TimeUnit.SECONDS);
      }
      long now = System.nanoTime();
      if (now - lastReport > (tty ? 250_000_000L : 5_000_000_000L)) {
        report(sent, position.getAsLong(), total, now - t0, false);
        lastReport = now;
      }
    }
    report(sent, position.getAsLong(), total, System.nanoTime() - t0, true);
    JsonObject drained = vertx.eventBus().<JsonObject>request(Addresses.CLEANSING_CONTROL, "drain",
        local.setSendTimeout(TimeUnit.SECONDS.toMillis(DRAIN_TIMEOUT_S))).await(DRAIN_TIMEOUT_S, TimeUnit.SECONDS).body();
    return drained.put("records_sent", sent)
        .put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
  }

  private void report(long sent, long position, long total, long nanos, boolean last) {
    double secs = Math.max(1e-3, nanos / 1e9);
    String rate = String.format("%,.0f records/s", sent / secs);
    if (total > 0) {
      int pct = (int) Math.min(100, position * 100 / total);
      int filled = pct / 4;
      String bar = "#".repeat(filled) + ".".repeat(25 - filled);
      progress.print((tty ? "\r" : "") + String.format("[%s] %3d%% %,d records, %s", bar, pct, sent, rate)
          + (tty && !last ? "" : "\n"));
    } else {
      progress.print((tty ? "\r" : "") + String.format("%,d records, %s", sent, rate) + (tty && !last ? "" : "\n"));
    }
    progress.flush();
  }
}
