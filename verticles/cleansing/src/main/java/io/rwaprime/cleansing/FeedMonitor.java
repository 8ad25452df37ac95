package io.rwaprime.cleansing;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stale-feed detection per (source, symbol): learns each feed's usual gap between records (an
 * exponentially weighted mean) and calls it stale when nothing came for {@code staleAfterIntervals}
 * usual gaps (never less than a floor, so a burst does not make a feed look stale a second later).
 * Plain Java; its methods are synchronized because the health check reads it from another thread.
 */
final class FeedMonitor {

  /** One feed's state. */
  static final class Feed {
    final String source;
    final String symbol;
    Instant lastReceivedAt;
    Instant lastEventTime;
    double meanGapMillis = Double.NaN;
    long records;
    boolean stale;
    boolean dirty = true;

    Feed(String source, String symbol) {
      this.source = source;
      this.symbol = symbol;
    }

    Duration expectedGap() {
      return Double.isNaN(meanGapMillis) ? Duration.ZERO : Duration.ofMillis((long) meanGapMillis);
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("source", source).put("symbol", symbol).put("stale", stale)
          .put("records", records).put("last_received_at", lastReceivedAt.toString());
      if (lastEventTime != null) {
        json.put("last_event_time", lastEventTime.toString());
      }
      if (!Double.isNaN(meanGapMillis)) {
        json.put("expected_gap_ms", (long) meanGapMillis);
      }
      return json;
    }
  }

  /** A feed turning stale or fresh again. */
  record Change(Feed feed, boolean stale) {}

  private static final double ALPHA = 0.1;
  private static final long MIN_STALE_MS = 5_000;

  private final int staleAfterIntervals;
  private final Map<String, Feed> feeds = new HashMap<>();

  FeedMonitor(int staleAfterIntervals) {
    this.staleAfterIntervals = staleAfterIntervals;
  }

  /** Records one received record; returns a change when a stale feed came back. */
  synchronized Change onRecord(String source, String symbol, Instant receivedAt, Instant eventTime) {
    Feed f = feeds.computeIfAbsent(source + '\u0000' + symbol, k -> new Feed(source, symbol));
    if (f.lastReceivedAt != null) {
      long gap = Math.max(0, Duration.between(f.lastReceivedAt, receivedAt).toMillis());
      f.meanGapMillis = Double.isNaN(f.meanGapMillis) ? gap : f.meanGapMillis + ALPHA * (gap - f.meanGapMillis);
    }
    f.lastReceivedAt = receivedAt;
    f.lastEventTime = eventTime;
    f.records++;
    f.dirty = true;
    if (f.stale) {
      f.stale = false;
      return new Change(f, false);
    }
    return null;
  }

  /** Marks feeds stale whose silence exceeds their threshold; returns the feeds that just turned stale. */
  synchronized List<Change> check(Instant now) {
    List<Change> changes = new ArrayList<>();
    for (Feed f : feeds.values()) {
      if (f.stale || Double.isNaN(f.meanGapMillis)) {
        continue;
      }
      long limit = Math.max(MIN_STALE_MS, (long) (f.meanGapMillis * staleAfterIntervals));
      if (Duration.between(f.lastReceivedAt, now).toMillis() > limit) {
        f.stale = true;
        f.dirty = true;
        changes.add(new Change(f, true));
      }
    }
    return changes;
  }

  synchronized List<Feed> feeds() {
    return List.copyOf(feeds.values());
  }

  synchronized List<Feed> stale() {
    return feeds.values().stream().filter(f -> f.stale).toList();
  }
}
