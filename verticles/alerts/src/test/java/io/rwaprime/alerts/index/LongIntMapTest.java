package io.rwaprime.alerts.index;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LongIntMapTest {

  @Test
  void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
    Random rnd = new Random(3);
    LongIntMap map = new LongIntMap();
    Map<Long, Integer> reference = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      // few distinct keys (long probe runs, many deletions inside them), some extreme ones
      long key = switch (rnd.nextInt(4)) {
        case 0 -> Long.MIN_VALUE + rnd.nextInt(3);
        case 1 -> rnd.nextInt(3000) * 1024L;
        default -> rnd.nextInt(5000) - 2500;
      };
      if (rnd.nextInt(3) == 0) {
        Integer old = reference.remove(key);
        assertThat(map.remove(key)).isEqualTo(old == null ? LongIntMap.ABSENT : old);
      } else {
        int value = rnd.nextInt(Integer.MAX_VALUE);
        Integer old = reference.put(key, value);
        assertThat(map.put(key, value)).isEqualTo(old == null ? LongIntMap.ABSENT : old);
      }
      long probe = rnd.nextInt(5000) - 2500;
      assertThat(map.get(probe)).isEqualTo(reference.getOrDefault(probe, LongIntMap.ABSENT));
      assertThat(map.size()).isEqualTo(reference.size());
    }
    reference.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
  }
}
