package io.rwaprime.cleansing;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FeedMonitorTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void feedTurnsStaleAfterItsUsualGapTimesNAndFreshWhenDataReturns() {
    FeedMonitor monitor = new FeedMonitor(10);
    for (int i = 0; i < 20; i++) {
      monitor.onRecord("sim", "PAXG", T0.plusSeconds(i), T0.plusSeconds(i));
    }
    // usual gap 1 s → stale after 10 s of silence
    assertThat(monitor.check(T0.plusSeconds(19 + 9))).isEmpty();
    var changes = monitor.check(T0.plusSeconds(19 + 11));
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).stale()).isTrue();
    assertThat(monitor.stale()).extracting(f -> f.symbol).containsExactly("PAXG");
    // reported once, not at every check
    assertThat(monitor.check(T0.plusSeconds(60))).isEmpty();
    FeedMonitor.Change back = monitor.onRecord("sim", "PAXG", T0.plusSeconds(61), T0.plusSeconds(61));
    assertThat(back).isNotNull();
    assertThat(back.stale()).isFalse();
    assertThat(monitor.stale()).isEmpty();
  }

  @Test
  void aBurstDoesNotMakeAFeedStaleWithinTheFloor() {
    FeedMonitor monitor = new FeedMonitor(10);
    for (int i = 0; i < 50; i++) {
      monitor.onRecord("ws", "BUIDL", T0.plusMillis(i), T0.plusMillis(i));
    }
    assertThat(monitor.check(T0.plusSeconds(3))).isEmpty();
    assertThat(monitor.check(T0.plusSeconds(6))).hasSize(1);
  }

  @Test
  void feedsAreTrackedPerSourceAndSymbol() {
    FeedMonitor monitor = new FeedMonitor(3);
    for (int i = 0; i < 5; i++) {
      monitor.onRecord("a", "X", T0.plusSeconds(i * 2L), null);
      monitor.onRecord("b", "X", T0.plusSeconds(i * 10L), null);
    }
    assertThat(monitor.feeds()).hasSize(2);
    // a: gap 2 s → stale after the 5 s floor; b: gap 10 s → stale after 30 s
    var changes = monitor.check(T0.plusSeconds(40 + 10));
    assertThat(changes).extracting(c -> c.feed().source).containsExactly("a");
  }
}
