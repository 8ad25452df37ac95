package io.rwaprime.cleansing.bars;

import io.rwaprime.events.Tick;

import java.time.Duration;
import java.time.Instant;

/**
 * A bounded memory of recently seen ticks, keyed by (source, symbol, event time, sequence), that tells
 * a first sighting from a repeat in O(1) with no allocation: an open-addressing hash table (linear
 * probing, backward-shift deletion) of three {@code long}s per key, plus a ring that remembers the
 * insertion order for eviction.
 *
 * <p><b>Key.</b> Event time (to the nanosecond) and sequence are stored exactly; source and symbol as a
 * 64-bit hash of their characters. Two different ticks are mistaken for each other only if they share
 * event time and sequence <em>and</em> their (source, symbol) pairs collide in 64 bits: with a few
 * hundred pairs, a chance of about 10^-15.
 *
 * <p><b>Bounds.</b> A key is remembered at least while (a) fewer than {@code capacity} other keys were
 * added after it and (b) its event time is no older than the newest event time added minus
 * {@code retention}. Eviction goes in insertion order, so some keys stay longer. Pair {@code retention}
 * with the bar aggregator: a repeat older than {@code closeDelay + allowedLateness} plus the finest bar
 * is refused there as too late anyway, so that is the retention worth having. Memory is 75 to 125
 * bytes × capacity (the table is a power of two of at least twice the capacity). One thread.
 */
public final class Deduplicator {

  /** Reason code for a repeated tick. */
  public static final String REASON = "duplicate";

  private final int capacity;
  private final long retentionNanos;
  private final int mask;
  private final long[] keyHash;
  private final long[] keyTime;
  private final long[] keySeq;
  private final boolean[] used;
  private final long[] ringHash;
  private final long[] ringTime;
  private final long[] ringSeq;
  private int ringHead;
  private int size;
  private long newest = Long.MIN_VALUE;

  /**
   * @param capacity  most keys kept; 1 to 2^28
   * @param retention how far behind the newest event time a key is kept at most; null for no time bound
   */
  public Deduplicator(int capacity, Duration retention) {
    if (capacity < 1 || capacity > 1 << 28) {
      throw new IllegalArgumentException("capacity must be 1 to 2^28, was " + capacity);
    }
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException("retention must be positive or null, was " + retention);
    }
    this.capacity = capacity;
    this.retentionNanos = retention == null ? Long.MAX_VALUE : saturatedNanos(retention);
    int table = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1; // >= 2 × capacity: load <= 1/2
    this.mask = table - 1;
    this.keyHash = new long[table];
    this.keyTime = new long[table];
    this.keySeq = new long[table];
    this.used = new boolean[table];
    this.ringHash = new long[capacity];
    this.ringTime = new long[capacity];
    this.ringSeq = new long[capacity];
  }

  /**
   * Records the tick's key; {@code Set.add} semantics.
   *
   * @return true on the first sighting, false when the key is already remembered (a duplicate)
   */
  public boolean add(Tick tick) {
    return add(tick.source(), tick.symbol(), tick.eventTime(), tick.sequence());
  }

  /** Records the key (source, symbol, eventTime, sequence); true on the first sighting. */
  public boolean add(String source, String symbol, Instant eventTime, long sequence) {
    long h = hash(source, symbol);
    // wraps only for instants 584 years apart
    long t = eventTime.getEpochSecond() * 1_000_000_000L + eventTime.getNano();
    if (find(h, t, sequence) >= 0) {
      return false;
    }
    if (t > newest) {
      newest = t;
    }
    if (retentionNanos != Long.MAX_VALUE && newest > Long.MIN_VALUE + retentionNanos) {
      long horizon = newest - retentionNanos;
      while (size > 0 && ringTime[ringHead] < horizon) {
        evictOldest();
      }
    }
    if (size == capacity) {
      evictOldest();
    }
    insert(h, t, sequence);
    int tail = (ringHead + size) % capacity;
    ringHash[tail] = h;
    ringTime[tail] = t;
    ringSeq[tail] = sequence;
    size++;
    return true;
  }

  /** Keys remembered now. */
  public int size() {
    return size;
  }

  private void evictOldest() {
    int i = find(ringHash[ringHead], ringTime[ringHead], ringSeq[ringHead]);
    if (i >= 0) {
      delete(i);
    }
    ringHead = (ringHead + 1) % capacity;
    size--;
  }

  private int slot(long h, long t, long q) {
    return (int) mix(h ^ mix(t) ^ (q * 0x9E3779B97F4A7C15L)) & mask;
  }

  private int find(long h, long t, long q) {
    int i = slot(h, t, q);
    while (used[i]) {
      if (keyHash[i] == h && keyTime[i] == t && keySeq[i] == q) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  private void insert(long h, long t, long q) {
    int i = slot(h, t, q);
    while (used[i]) {
      i = (i + 1) & mask;
    }
    used[i] = true;
    keyHash[i] = h;
    keyTime[i] = t;
    keySeq[i] = q;
  }

  /** Backward-shift deletion: moves later entries of the probe run into the hole, so no tombstones. */
  private void delete(int hole) {
    int j = hole;
    while (true) {
      j = (j + 1) & mask;
      if (!used[j]) {
        break;
      }
      int home = slot(keyHash[j], keyTime[j], keySeq[j]);
      // entry j may move to the hole unless its home lies cyclically in (hole, j]
      boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        keyHash[hole] = keyHash[j];
        keyTime[hole] = keyTime[j];
        keySeq[hole] = keySeq[j];
        hole = j;
      }
    }
    used[hole] = false;
  }

  /** 64-bit hash of source, a separator and symbol (FNV-1a over chars, then a finalizer). */
  static long hash(String source, String symbol) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0, n = source.length(); i < n; i++) {
      h = (h ^ source.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ 0xFFFF) * 0x100000001b3L;
    for (int i = 0, n = symbol.length(); i < n; i++) {
      h = (h ^ symbol.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** MurmurHash3's 64-bit finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
