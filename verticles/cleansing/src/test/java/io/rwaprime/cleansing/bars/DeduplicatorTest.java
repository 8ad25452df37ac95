package io.rwaprime.cleansing.bars;

import io.rwaprime.events.Tick;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeduplicatorTest {

  private static final Instant T = Instant.parse("2025-03-14T10:00:00.123456789Z");

  private static Tick tick(String source, String symbol, Instant time, long seq) {
    return new Tick("e" + seq, symbol, source, new BigDecimal("108.45"), BigDecimal.ONE, "USD", time, time, seq);
  }

  @Test
  @DisplayName("a flood of the same tick 10 times keeps only the first")
  void keepsOneOfTenCopies() {
    Deduplicator dedup = new Deduplicator(1_000, Duration.ofMinutes(5));
    int first = 0;
    for (int i = 0; i < 10; i++) {
      // a fresh object each time, as a decoder produces: equality is by key, not identity
      first += dedup.add(tick("sim", "OUSG", Instant.parse(T.toString()), 42)) ? 1 : 0;
    }
    assertThat(first).isEqualTo(1);
    assertThat(dedup.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("ticks differing in any key field are all kept")
  void keyHasFourFields() {
    Deduplicator dedup = new Deduplicator(1_000, null);
    assertThat(dedup.add(tick("sim", "OUSG", T, 42))).isTrue();
    assertThat(dedup.add(tick("venue", "OUSG", T, 42))).isTrue();
    assertThat(dedup.add(tick("sim", "BUIDL", T, 42))).isTrue();
    assertThat(dedup.add(tick("sim", "OUSG", T.plusNanos(1), 42))).isTrue();
    assertThat(dedup.add(tick("sim", "OUSG", T, 43))).isTrue();
    // String.hashCode collides for "C0"/"BO"; the 64-bit key hash does not
    assertThat(dedup.add(tick("sim", "C0", T, 1))).isTrue();
    assertThat(dedup.add(tick("sim", "BO", T, 1))).isTrue();
    // the separator keeps (ab, c) and (a, bc) apart
    assertThat(dedup.add(tick("ab", "C", T, 1))).isTrue();
    assertThat(dedup.add(tick("a", "BC", T, 1))).isTrue();
    assertThat(dedup.add(tick("sim", "OUSG", T, 42))).isFalse();
  }

  @Test
  @DisplayName("bounded by count: the oldest keys are forgotten first")
  void boundedByCount() {
    Deduplicator dedup = new Deduplicator(100, null);
    for (int i = 0; i < 150; i++) {
      assertThat(dedup.add("sim", "OUSG", T, i)).isTrue();
    }
    assertThat(dedup.size()).isEqualTo(100);
    for (int i = 50; i < 150; i++) {
      assertThat(dedup.add("sim", "OUSG", T, i)).as("seq %d", i).isFalse();
    }
    assertThat(dedup.add("sim", "OUSG", T, 0)).isTrue();
  }

  @Test
  @DisplayName("bounded by time: keys older than the newest event time minus the retention are forgotten")
  void boundedByTime() {
    Deduplicator dedup = new Deduplicator(1_000, Duration.ofSeconds(10));
    dedup.add("sim", "OUSG", T, 1);
    dedup.add("sim", "OUSG", T.plusSeconds(5), 2);
    assertThat(dedup.add("sim", "OUSG", T, 1)).isFalse();
    dedup.add("sim", "OUSG", T.plusSeconds(12), 3);
    assertThat(dedup.size()).isEqualTo(2);
    assertThat(dedup.add("sim", "OUSG", T.plusSeconds(5), 2)).isFalse();
    assertThat(dedup.add("sim", "OUSG", T, 1)).isTrue();
  }

  @Test
  @DisplayName("agrees with a simple model under heavy eviction (exercises backward-shift deletion)")
  void matchesModel() {
    Random rnd = new Random(3);
    int capacity = 37;
    Deduplicator dedup = new Deduplicator(capacity, null);
    ArrayDeque<String> order = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    String[] symbols = {"OUSG", "BUIDL", "PAXG", "XAUT"};
    for (int i = 0; i < 200_000; i++) {
      String symbol = symbols[rnd.nextInt(symbols.length)];
      long seq = rnd.nextInt(60);
      Instant time = T.plusMillis(rnd.nextInt(3));
      String key = symbol + "|" + time + "|" + seq;
      boolean expected = !seen.contains(key);
      if (expected) {
        if (order.size() == capacity) {
          seen.remove(order.removeFirst());
        }
        order.addLast(key);
        seen.add(key);
      }
      assertThat(dedup.add("sim", symbol, time, seq)).as("step %d", i).isEqualTo(expected);
    }
    assertThat(dedup.size()).isEqualTo(order.size());
  }

  @Test
  void refusesInvalidSettings() {
    assertThatThrownBy(() -> new Deduplicator(0, null)).hasMessageContaining("capacity");
    assertThatThrownBy(() -> new Deduplicator(10, Duration.ZERO)).hasMessageContaining("retention");
  }
}
