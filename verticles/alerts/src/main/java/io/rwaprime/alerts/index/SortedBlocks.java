package io.rwaprime.alerts.index;

import java.util.Arrays;

/**
 * A sorted multiset of (double key, int slot) pairs, ordered by key then slot, in blocks of at most {@value #B}
 * entries held in primitive arrays, with the largest key of each block in one contiguous array.
 *
 * <p>Built for the access pattern of a threshold index on a price that moves a little at a time: nearly every
 * operation is at or near the top (the largest keys), so the blocks it touches stay in cache, unlike the
 * root-to-leaf paths of a heap, and searches gallop down from the top. Costs: {@link #maxKey} {@code O(1)}; {@link #popMax} {@code O(1)} amortized;
 * {@link #insert} and {@link #remove} a binary search over the block maxima and within one block plus a shift of
 * at most {@value #B} entries, and, once per block split or emptied block, a shift of the block table
 * ({@code n / B} references).
 */
final class SortedBlocks {

  /** Block capacity. */
  static final int B = 128;
  private static final int SPARES = 4;

  private double[][] keys = new double[4][];
  private int[][] slots = new int[4][];
  private int[] counts = new int[4];
  /** Largest (key, slot) of each block. */
  private double[] maxKeys = new double[4];
  private int[] maxSlots = new int[4];
  private int blocks;
  private int size;
  private final double[][] spareKeys = new double[SPARES][];
  private final int[][] spareSlots = new int[SPARES][];
  private int spares;

  int size() {
    return size;
  }

  /** The largest key, or NaN when empty (every comparison with NaN is false). */
  double maxKey() {
    return blocks == 0 ? Double.NaN : maxKeys[blocks - 1];
  }

  /** Removes the largest entry and returns its slot; only when not empty. */
  int popMax() {
    int b = blocks - 1;
    int j = --counts[b];
    int slot = slots[b][j];
    size--;
    if (j == 0) {
      dropBlock(b);
    } else {
      maxKeys[b] = keys[b][j - 1];
      maxSlots[b] = slots[b][j - 1];
    }
    return slot;
  }

  void insert(double key, int slot) {
    if (blocks == 0) {
      addBlock(0);
    }
    int b = Math.min(blockFor(key, slot), blocks - 1);
    if (counts[b] == B) {
      split(b);
      if (greater(key, slot, maxKeys[b], maxSlots[b])) {
        b++;
      }
    }
    int n = counts[b];
    int j = position(b, key, slot);
    System.arraycopy(keys[b], j, keys[b], j + 1, n - j);
    System.arraycopy(slots[b], j, slots[b], j + 1, n - j);
    keys[b][j] = key;
    slots[b][j] = slot;
    counts[b] = n + 1;
    if (j == n) {
      maxKeys[b] = key;
      maxSlots[b] = slot;
    }
    size++;
  }

  /** Removes the entry (key, slot); returns whether it was there. */
  boolean remove(double key, int slot) {
    int b = blockFor(key, slot);
    if (b == blocks) {
      return false;
    }
    int n = counts[b];
    int j = position(b, key, slot);
    if (j == n || keys[b][j] != key || slots[b][j] != slot) {
      return false;
    }
    System.arraycopy(keys[b], j + 1, keys[b], j, n - j - 1);
    System.arraycopy(slots[b], j + 1, slots[b], j, n - j - 1);
    counts[b] = --n;
    size--;
    if (n == 0) {
      dropBlock(b);
    } else if (j == n) {
      maxKeys[b] = keys[b][n - 1];
      maxSlots[b] = slots[b][n - 1];
    }
    return true;
  }

  /** The first block whose largest entry is ≥ (key, slot), or {@code blocks} when none. */
  private int blockFor(double key, int slot) {
    return firstNotBelow(maxKeys, maxSlots, blocks, key, slot);
  }

  /** The first position in block {@code b} whose entry is ≥ (key, slot). */
  private int position(int b, double key, int slot) {
    return firstNotBelow(keys[b], slots[b], counts[b], key, slot);
  }

  /**
   * The first index in sorted {@code [0, n)} whose entry is ≥ (key, slot), or {@code n}. Gallops down from the top
   * (1, 2, 4… entries) before the binary search, because the entries sought are nearly always among the largest:
   * a few predictable steps instead of a full binary search of mispredicted branches.
   */
  private static int firstNotBelow(double[] k, int[] s, int n, double key, int slot) {
    int hi = n;
    int probe = n - 1;
    for (int step = 1; probe >= 0 && !greater(key, slot, k[probe], s[probe]); step <<= 1) {
      hi = probe;
      probe = hi - step;
    }
    int lo = Math.max(probe + 1, 0);
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (greater(key, slot, k[mid], s[mid])) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Moves the upper half of full block {@code b} into a new block after it. */
  private void split(int b) {
    addBlock(b + 1);
    int half = B / 2;
    System.arraycopy(keys[b], half, keys[b + 1], 0, B - half);
    System.arraycopy(slots[b], half, slots[b + 1], 0, B - half);
    counts[b + 1] = B - half;
    maxKeys[b + 1] = maxKeys[b];
    maxSlots[b + 1] = maxSlots[b];
    counts[b] = half;
    maxKeys[b] = keys[b][half - 1];
    maxSlots[b] = slots[b][half - 1];
  }

  /** Opens an empty block at index {@code b}. */
  private void addBlock(int b) {
    if (blocks == keys.length) {
      int n = blocks * 2;
      keys = Arrays.copyOf(keys, n);
      slots = Arrays.copyOf(slots, n);
      counts = Arrays.copyOf(counts, n);
      maxKeys = Arrays.copyOf(maxKeys, n);
      maxSlots = Arrays.copyOf(maxSlots, n);
    }
    shiftBlocks(b, b + 1, blocks - b);
    if (spares > 0) {
      keys[b] = spareKeys[--spares];
      slots[b] = spareSlots[spares];
    } else {
      keys[b] = new double[B];
      slots[b] = new int[B];
    }
    counts[b] = 0;
    blocks++;
  }

  /** Closes the empty block {@code b}, keeping its arrays for reuse. */
  private void dropBlock(int b) {
    if (spares < SPARES) {
      spareKeys[spares] = keys[b];
      spareSlots[spares++] = slots[b];
    }
    shiftBlocks(b + 1, b, blocks - b - 1);
    blocks--;
    keys[blocks] = null;
    slots[blocks] = null;
  }

  private void shiftBlocks(int from, int to, int n) {
    System.arraycopy(keys, from, keys, to, n);
    System.arraycopy(slots, from, slots, to, n);
    System.arraycopy(counts, from, counts, to, n);
    System.arraycopy(maxKeys, from, maxKeys, to, n);
    System.arraycopy(maxSlots, from, maxSlots, to, n);
  }

  /** Whether (k1, s1) sorts after (k2, s2). */
  private static boolean greater(double k1, int s1, double k2, int s2) {
    return k1 > k2 || (k1 == k2 && s1 > s2);
  }
}
