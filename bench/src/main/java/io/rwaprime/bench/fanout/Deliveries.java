package io.rwaprime.bench.fanout;

import io.vertx.core.buffer.Buffer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the clients received, counted from the raw bytes of each WebSocket frame (no JSON parsing, so the load
 * generator stays cheap): every tick is one delivery whether it arrived alone (baseline) or inside a batch (fanout),
 * found by its {@code "sequence"} key, whose value is the tick's publication time in wall-clock microseconds
 * ({@link TickDriver}); its latency is the frame's arrival time minus that. Frames with no tick (SockJS open and
 * heartbeat frames, control replies) are not counted. Thread-safe: the clients' event loops record concurrently.
 */
final class Deliveries {

  private static final byte[] KEY = "sequence".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /**
   * Between two {@code sequence} keys lies at least one whole tick (event id, symbol, source, price, volume,
   * currency, two instants: well over 150 characters), so the scan may jump this far after each key.
   */
  private static final int MIN_GAP = 120;
  private static final long HIGHEST_MICROS = 600_000_000L;

  private final LongAdder items = new LongAdder();
  private final LongAdder frames = new LongAdder();
  private final Recorder latency = new Recorder(HIGHEST_MICROS, 3);

  /** Counts from the start, and the latencies (µs) recorded since the previous snapshot. */
  record Snapshot(long items, long frames, Histogram latencyMicros) {}

  /** Counts the ticks of one frame and records their latency. */
  void accept(Buffer frame) {
    long now = WallClock.micros();
    byte[] b = frame.getBytes();
    int found = 0;
    int i = 0;
    int end = b.length - KEY.length;
    while (i < end) {
      if (b[i] != 's' || !keyAt(b, i)) {
        i++;
        continue;
      }
      int j = i + KEY.length;
      while (j < b.length && (b[j] == '"' || b[j] == '\\' || b[j] == ':' || b[j] == ' ')) {
        j++;
      }
      long sent = 0;
      while (j < b.length && b[j] >= '0' && b[j] <= '9') {
        sent = sent * 10 + (b[j++] - '0');
      }
      latency.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, now - sent)));
      found++;
      i = j + MIN_GAP;
    }
    if (found > 0) {
      items.add(found);
      frames.increment();
    }
  }

  private static boolean keyAt(byte[] b, int i) {
    for (int k = 1; k < KEY.length; k++) {
      if (b[i + k] != KEY[k]) {
        return false;
      }
    }
    return true;
  }

  Snapshot snapshot() {
    return new Snapshot(items.sum(), frames.sum(), latency.getIntervalHistogram());
  }
}
