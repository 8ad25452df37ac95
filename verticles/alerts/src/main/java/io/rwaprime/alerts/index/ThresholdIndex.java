package io.rwaprime.alerts.index;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The threshold rules of one metric of one asset, indexed so that an observation touches only the rules it fires
 * or re-arms, never a scan of all of them. Semantics: {@link ThresholdRules}. <b>Not thread-safe</b>: confined to
 * the event loop of its asset shard.
 *
 * <h2>Structure</h2>
 * Each direction keeps its rules in two sorted sets of (key, slot) over primitive arrays ({@link SortedBlocks}, no
 * boxing): the <em>armed</em> rules by threshold, the <em>disarmed</em> rules by the level that re-arms them.
 * {@link Direction#BELOW} rules are stored mirrored (negated thresholds and values), so both directions run the same
 * code: an observation takes armed rules from the end of lowest thresholds while their threshold is below the value
 * (they fire and move to the disarmed set), then disarmed rules from the end of highest re-arm levels while that level
 * is at or above the value (they move back).
 *
 * <h2>Cost</h2>
 * With {@code n} rules and {@code k} rules that fire or re-arm on an observation: an observation compares four set
 * ends ({@code O(1)} when nothing changes state) and each of the {@code k} rules costs an {@code O(1)} removal from the
 * end of one set plus an insertion into the other: a binary search ({@code O(log n)}) and a shift within one block of
 * at most {@value SortedBlocks#B} entries. So {@code O(1 + k log n)} in comparisons, which is {@code O(log n + k)}
 * for the usual {@code k ≤ 1}; in memory traffic, the moves happen near the current value, in blocks that stay in
 * cache. {@code add} and {@code remove} cost the same binary search and shift plus an {@code O(1)} id lookup; a
 * block split or an emptied block also shifts the block table ({@code n / }{@value SortedBlocks#B} references).
 * Slots of removed rules are reused.
 */
public final class ThresholdIndex implements ThresholdRules {

  /** Set numbers: direction ordinal × 2 + (0 armed, 1 disarmed). */
  private static final int ARMED = 0;
  private static final int DISARMED = 1;
  /** Flag on a disarmed rule's set number: it waits for its first cross (re-arm level = threshold). */
  private static final int FIRST_CROSS = 4;
  private static final byte FREE = -1;

  private final SortedBlocks[] sets = {new SortedBlocks(), new SortedBlocks(), new SortedBlocks(), new SortedBlocks()};
  private final LongIntMap slotOf = new LongIntMap();

  private long[] ids = new long[16];
  /** Per slot, side by side (one cache line): threshold (negated for BELOW) at 2s, hysteresis at 2s + 1. */
  private double[] levels = new double[32];
  /** Which set the slot is in (with {@link #FIRST_CROSS}), or {@link #FREE}. */
  private byte[] setOf = new byte[16];
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
    levels[2 * s] = m;
    levels[2 * s + 1] = hysteresis;
    int side = 2 * dir.ordinal();
    if (requireCross) {
      enter(s, side + DISARMED + FIRST_CROSS, m); // arms at the threshold itself; the hysteresis applies later
    } else {
      enter(s, side + ARMED, -m);
    }
    slotOf.put(ruleId, s);
  }

  @Override
  public boolean remove(long ruleId) {
    int s = slotOf.remove(ruleId);
    if (s == LongIntMap.ABSENT) {
      return false;
    }
    int set = setOf[s];
    double m = levels[2 * s];
    double key = (set & 1) == ARMED ? -m : (set & FIRST_CROSS) != 0 ? m : m - levels[2 * s + 1];
    sets[set & 3].remove(key, s);
    setOf[s] = FREE;
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
    // armed keys are minus the thresholds: the largest key is the lowest threshold; it fires when below x
    // (maxKey() is NaN when a set is empty, and every comparison with NaN is false)
    SortedBlocks armed = sets[side + ARMED];
    int n = 0;
    while (armed.maxKey() > -x) {
      int s = armed.popMax();
      enter(s, side + DISARMED, levels[2 * s] - levels[2 * s + 1]);
      fired.accept(ids[s]);
      n++;
    }
    SortedBlocks disarmed = sets[side + DISARMED];
    while (disarmed.maxKey() >= x) {
      int s = disarmed.popMax();
      enter(s, side + ARMED, -levels[2 * s]);
      rearmed++;
    }
    return n;
  }

  private void enter(int slot, int set, double key) {
    setOf[slot] = (byte) set;
    sets[set & 3].insert(key, slot);
  }

  private int allocate() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    if (highWater == ids.length) {
      int n = ids.length * 2;
      ids = Arrays.copyOf(ids, n);
      levels = Arrays.copyOf(levels, 2 * n);
      setOf = Arrays.copyOf(setOf, n);
      freeSlots = Arrays.copyOf(freeSlots, n);
    }
    return highWater++;
  }
}
