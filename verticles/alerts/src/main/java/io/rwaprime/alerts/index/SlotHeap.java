package io.rwaprime.alerts.index;

import java.util.Arrays;

/**
 * A binary min-heap of (double key, int slot) pairs in two primitive arrays, indexed: every move writes the slot's
 * position into the owner's {@code pos} array, so that any slot can be removed in O(log n). Several heaps may share
 * one {@code pos} array when a slot is in at most one of them at a time.
 */
final class SlotHeap {

  private double[] keys = new double[16];
  private int[] slots = new int[16];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The smallest key; only when not empty. */
  double minKey() {
    return keys[0];
  }

  void push(double key, int slot, int[] pos) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      slots = Arrays.copyOf(slots, size * 2);
    }
    siftUp(size++, key, slot, pos);
  }

  /** Removes the smallest and returns its slot; only when not empty. */
  int pop(int[] pos) {
    int top = slots[0];
    removeAt(0, pos);
    return top;
  }

  /** Removes the entry at heap position {@code i}. */
  void removeAt(int i, int[] pos) {
    int last = --size;
    if (i == last) {
      return;
    }
    double key = keys[last];
    int slot = slots[last];
    if (i > 0 && key < keys[(i - 1) >>> 1]) {
      siftUp(i, key, slot, pos);
    } else {
      siftDown(i, key, slot, pos);
    }
  }

  private void siftUp(int i, double key, int slot, int[] pos) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (keys[parent] <= key) {
        break;
      }
      place(i, keys[parent], slots[parent], pos);
      i = parent;
    }
    place(i, key, slot, pos);
  }

  private void siftDown(int i, double key, int slot, int[] pos) {
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && keys[right] < keys[child]) {
        child = right;
      }
      if (key <= keys[child]) {
        break;
      }
      place(i, keys[child], slots[child], pos);
      i = child;
    }
    place(i, key, slot, pos);
  }

  private void place(int i, double key, int slot, int[] pos) {
    keys[i] = key;
    slots[i] = slot;
    pos[slot] = i;
  }
}
