package io.rwaprime.alerts.index;

import java.util.Arrays;

/**
 * A map from any {@code long} to a non-negative {@code int}, without boxing: open addressing with linear probing
 * and backward-shift deletion (no tombstones), kept at most half full.
 */
final class LongIntMap {

  /** What {@link #get} and {@link #remove} return for an absent key. */
  static final int ABSENT = -1;

  private long[] keys = new long[16];
  private int[] values = filled(16);
  private int mask = 15;
  private int size;

  int size() {
    return size;
  }

  /** The value of {@code key}, or {@link #ABSENT}. */
  int get(long key) {
    for (int i = index(key); ; i = (i + 1) & mask) {
      int v = values[i];
      if (v == ABSENT || keys[i] == key) {
        return v;
      }
    }
  }

  /** Sets {@code key} to {@code value} ({@code ≥ 0}); returns the previous value or {@link #ABSENT}. */
  int put(long key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("value must be >= 0");
    }
    if (2 * (size + 1) > values.length) {
      grow();
    }
    int i = index(key);
    while (values[i] != ABSENT) {
      if (keys[i] == key) {
        int old = values[i];
        values[i] = value;
        return old;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    size++;
    return ABSENT;
  }

  /** Removes {@code key}; returns its value or {@link #ABSENT}. */
  int remove(long key) {
    int i = index(key);
    while (values[i] != ABSENT && keys[i] != key) {
      i = (i + 1) & mask;
    }
    int old = values[i];
    if (old == ABSENT) {
      return ABSENT;
    }
    size--;
    // shift back the entries of the probe run that follows, so that no lookup stops early at the hole
    int hole = i;
    for (int j = (hole + 1) & mask; values[j] != ABSENT; j = (j + 1) & mask) {
      int home = index(keys[j]);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    values[hole] = ABSENT;
    return old;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = filled(oldKeys.length * 2);
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != ABSENT) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private int index(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private static int[] filled(int n) {
    int[] a = new int[n];
    Arrays.fill(a, ABSENT);
    return a;
  }
}
