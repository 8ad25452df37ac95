package io.rwaprime.alerts.index;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The threshold rules of one metric of one asset, indexed so that an observation touches only the rules it fires
 * or re-arms, never a scan of all of them. Semantics: {@link ThresholdRules}. <b>Not thread-safe</b>: confined to
 * the event loop of its asset shard.
 *
 * <h2>Structure</h2>
 * Each direction keeps its rules in two indexed binary heaps over primitive arrays (no boxing):
 * the <em>armed</em> rules ordered by threshold, and the <em>disarmed</em> rules ordered by the level that re-arms
 * them. {@link Direction#BELOW} rules are stored mirrored (negated thresholds and values), so both directions run
 * the same code: an observation fires armed rules from the low end of their heap while their threshold is below the
 * value, and re-arms disarmed rules from the high end of theirs while their re-arm level is at or above it.
 *
 * <h2>Cost</h2>
 * With {@code n} rules and {@code k} rules that fire or re-arm on an observation: an observation costs
 * {@code O(1)} when nothing changes state (four heap tops are compared) and {@code O(log n)} per rule that changes
 * state, i.e. {@code O(1 + k log n)}; that is {@code O(log n + k)} for the usual {@code k ≤ 1} and at most a factor
 * {@code log n} above it when one jump crosses many thresholds. {@code add} and {@code remove} cost {@code O(log n)}
 * (id lookup in an open-addressing table, a heap insertion or removal); slots of removed rules are reused. Memory is
 * about 70 bytes a rule.
 */
public final class ThresholdIndex implements ThresholdRules {

  /** Heap numbers: direction ordinal × 2 + (0 armed, 1 disarmed). */
  private static final int ARMED = 0;
  private static final int DISARMED = 1;
  private static final byte FREE = -1;

  private final SlotHeap[] heaps = {new SlotHeap(), new SlotHeap(), new SlotHeap(), new SlotHeap()};
  private final LongIntMap slotOf = new LongIntMap();

  private long[] ids = new long[16];
  /** Threshold, negated for BELOW. */
  private double[] mirrored = new double[16];
  private double[] hysteresis = new double[16];
  /** Position in the heap the slot is in. */
  private int[] pos = new int[16];
  /** Which heap the slot is in, or {@link #FREE}. */
  private byte[] heapOf = new byte[16];
  private int[] freeSlots = new int[16];
  private int freeCount;
  private int highWater;
  private long rearmed;

  /** An empty index. */
  public ThresholdIndex() {}

  @Override
  public void add(long ruleId, Direction dir, double threshold, double hysteresis, boolean requireCross) {
    RuleArgs.check(dir, threshold, hysteresis);
    remove(ruleId);
    int s = allocate();
    double m = dir == Direction.ABOVE ? threshold : -threshold;
    ids[s] = ruleId;
    mirrored[s] = m;
    this.hysteresis[s] = hysteresis;
    int side = 2 * dir.ordinal();
    if (requireCross) {
      enter(s, side + DISARMED, -m); // arms at the threshold itself; the hysteresis applies after a firing
    } else {
      enter(s, side + ARMED, m);
    }
    slotOf.put(ruleId, s);
  }

  @Override
  public boolean remove(long ruleId) {
    int s = slotOf.remove(ruleId);
    if (s == LongIntMap.ABSENT) {
      return false;
    }
    heaps[heapOf[s]].removeAt(pos[s], pos);
    heapOf[s] = FREE;
    freeSlots[freeCount++] = s;
    return true;
  }

  @Override
  public boolean contains(long ruleId) {
    return slotOf.get(ruleId) != LongIntMap.ABSENT;
  }

  @Override
  public int size() {
    return slotOf.size();
  }

  @Override
  public long rearmed() {
    return rearmed;
  }

  @Override
  public int observe(double value, LongConsumer fired) {
    if (Double.isNaN(value)) {
      return 0;
    }
    return observeSide(0, value, fired) + observeSide(2, -value, fired);
  }

  /** One direction, in its mirrored frame: {@code x} is the value as that direction sees it. */
  private int observeSide(int side, double x, LongConsumer fired) {
    SlotHeap armed = heaps[side + ARMED];
    int n = 0;
    while (!armed.isEmpty() && armed.minKey() < x) {
      int s = armed.pop(pos);
      // disarmed, keyed by minus the re-arm level (threshold − hysteresis) so that the highest level is on top
      enter(s, side + DISARMED, hysteresis[s] - mirrored[s]);
      fired.accept(ids[s]);
      n++;
    }
    SlotHeap disarmed = heaps[side + DISARMED];
    while (!disarmed.isEmpty() && disarmed.minKey() <= -x) {
      int s = disarmed.pop(pos);
      enter(s, side + ARMED, mirrored[s]);
      rearmed++;
    }
    return n;
  }

  private void enter(int slot, int heap, double key) {
    heapOf[slot] = (byte) heap;
    heaps[heap].push(key, slot, pos);
  }

  private int allocate() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    if (highWater == ids.length) {
      int n = ids.length * 2;
      ids = Arrays.copyOf(ids, n);
      mirrored = Arrays.copyOf(mirrored, n);
      hysteresis = Arrays.copyOf(hysteresis, n);
      pos = Arrays.copyOf(pos, n);
      heapOf = Arrays.copyOf(heapOf, n);
      freeSlots = Arrays.copyOf(freeSlots, n);
    }
    return highWater++;
  }
}
