package io.rwaprime.fanout;

import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.events.Addresses;
import io.vertx.ext.bridge.PermittedOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

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

  @Test
  @DisplayName("browsers may follow the on-chain events, never the wallet requests nor anything else under rwa.onchain")
  void onchainEventsArePublicWalletIsNot() {
    assertThat(Channels.isPublic(Addresses.ONCHAIN)).isTrue();
    assertThat(Channels.isPublic(Addresses.ONCHAIN_EVENTS)).isTrue();
    assertThat(Channels.addresses(AssetCatalogue.load())).contains(Addresses.ONCHAIN, Addresses.ONCHAIN_EVENTS)
        .doesNotContain(Addresses.ONCHAIN_WALLET);
    assertThat(Channels.isPublic(Addresses.ONCHAIN_WALLET)).isFalse();
    assertThat(Channels.isPublic("rwa.onchain.events.x")).isFalse();
    assertThat(Channels.isPublic("rwa.onchain.")).isFalse();
    assertThat(Channels.privateOwner(Addresses.ONCHAIN_WALLET)).isNull();
  }

  @Test
  @DisplayName("the SockJS bridge permits the on-chain events' silent stand-in and no wallet address, silent or not")
  void bridgeOptionsPermitEventsNotWallet() {
    List<String> outbound = FanoutRole.bridgeOptions().getOutboundPermitteds().stream()
        .map(PermittedOptions::getAddressRegex).toList();
    String silent = BridgeGuard.SILENT_PREFIX;
    assertThat(outbound).anyMatch(r -> (silent + Addresses.ONCHAIN_EVENTS).matches(r));
    assertThat(outbound)
        .noneMatch(r -> Addresses.ONCHAIN_WALLET.matches(r) || (silent + Addresses.ONCHAIN_WALLET).matches(r));
    assertThat(FanoutRole.bridgeOptions().getInboundPermitteds()).isEmpty();
  }
}
