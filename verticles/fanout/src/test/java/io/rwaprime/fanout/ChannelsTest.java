package io.rwaprime.fanout;

import io.rwaprime.common.assets.AssetCatalogue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelsTest {

  @Test
  @DisplayName("every address the feed consumes, each catalogued symbol's ticks included, is one a client may follow")
  void everyFedAddressIsPublic() {
    assertThat(Channels.addresses(AssetCatalogue.load())).allMatch(Channels::isPublic);
  }

  @Test
  @DisplayName("tick channels accept the mesh's symbols up to their 32 characters, no longer")
  void symbolLength() {
    assertThat(Channels.isPublic("rwa.ticks.REALT-10422-CROCUSLAWN")).isTrue();
    assertThat(Channels.isPublic("rwa.ticks." + "A".repeat(32))).isTrue();
    assertThat(Channels.isPublic("rwa.ticks." + "A".repeat(33))).isFalse();
  }
}
