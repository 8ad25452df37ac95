package io.rwaprime.alerts.index;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class SortedBlocksTest {

  private record Entry(double key, int slot) {}

  @Test
  void behavesLikeASortedSetOfKeyAndSlot() {
    Random rnd = new Random(11);
    SortedBlocks blocks = new SortedBlocks();
    TreeSet<Entry> reference = new TreeSet<>(Comparator.comparingDouble(Entry::key).thenComparingInt(Entry::slot));
    int nextSlot = 0;
    for (int i = 0; i < 300_000; i++) {
      int op = rnd.nextInt(10);
      // grow to a few thousand entries (many blocks, splits), shrink to empty now and then; many equal keys
      boolean growing = (i / 20_000) % 2 == 0;
      if (op < (growing ? 6 : 3)) {
        Entry e = new Entry(rnd.nextInt(500) * 0.5, nextSlot++);
        blocks.insert(e.key(), e.slot());
        reference.add(e);
      } else if (op < 8 && !reference.isEmpty()) {
        Entry e = rnd.nextBoolean() ? reference.ceiling(new Entry(rnd.nextInt(500) * 0.5, 0)) : null;
        if (e == null) {
          e = reference.first();
        }
        assertThat(blocks.remove(e.key(), e.slot())).isTrue();
        reference.remove(e);
        assertThat(blocks.remove(e.key(), e.slot())).isFalse();
      } else if (!reference.isEmpty()) {
        assertThat(blocks.maxKey()).isEqualTo(reference.last().key());
        assertThat(blocks.popMax()).isEqualTo(reference.pollLast().slot());
      }
      assertThat(blocks.size()).isEqualTo(reference.size());
      if (reference.isEmpty()) {
        assertThat(blocks.maxKey()).isNaN();
      } else {
        assertThat(blocks.maxKey()).isEqualTo(reference.last().key());
      }
    }
    while (!reference.isEmpty()) {
      assertThat(blocks.popMax()).isEqualTo(reference.pollLast().slot());
    }
    assertThat(blocks.size()).isZero();
  }
}
