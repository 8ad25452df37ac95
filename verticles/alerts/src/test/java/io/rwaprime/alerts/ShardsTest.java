package io.rwaprime.alerts;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ShardsTest {

  private static final List<String> SYMBOLS = IntStream.range(0, 400).mapToObj(i -> "SYM" + i).toList();

  @Test
  void spreadsTheAssetsOverTheMembersAndMovesOnlyWhatANewMemberTakes() {
    List<String> two = List.of("a", "b");
    Map<String, Integer> load = new HashMap<>();
    SYMBOLS.forEach(s -> load.merge(Shards.owner(s, two), 1, Integer::sum));
    assertThat(load.get("a")).isBetween(160, 240);
    assertThat(load.get("b")).isBetween(160, 240);

    List<String> three = List.of("a", "b", "c");
    for (String s : SYMBOLS) {
      String before = Shards.owner(s, two);
      String after = Shards.owner(s, three);
      // rendezvous hashing: an asset either stays or goes to the newcomer, never between the old members
      assertThat(after).isIn(before, "c");
    }
    assertThat(SYMBOLS.stream().filter(s -> Shards.owner(s, three).equals("c")).count()).isBetween(100L, 170L);
  }

  @Test
  void everyMemberAgreesOnTheOwnerWhateverTheOrderOfTheList() {
    for (String s : SYMBOLS) {
      assertThat(Shards.owner(s, List.of("x", "y", "z"))).isEqualTo(Shards.owner(s, List.of("z", "x", "y")));
    }
  }
}
