package io.rwaprime.web3;

import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding a Transfer log accepts only what was asked for; addresses are kept lower case. */
class Erc20Test {

  private static final String TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  private static final TokenRef REF = new TokenRef("anvil", 31337, "PAXG", TOKEN, 18, 0);
  private static final String FROM = "0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private static final String TO = "0x00000000000000000000000070997970C51812dc3A010C7d01b50e0d17dc79C8";

  private static Log log(String address, List<String> topics, String data, long block) {
    return new Log(false, "0x1", "0x0", "0x" + "aa".repeat(32), "0x" + "BB".repeat(32), "0x" + Long.toHexString(block),
        address, data, null, topics);
  }

  private static String amount(long v) {
    return "0x" + String.format("%064x", v);
  }

  @Test
  void decodesATransferWithLowerCaseAddressesAndHashes() {
    Transfer t = Erc20.decode(log(TOKEN, List.of(Erc20.TRANSFER_TOPIC, FROM, TO), amount(1234), 7), REF, 0, 10);
    assertThat(t.from()).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    assertThat(t.to()).isEqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    assertThat(t.value()).isEqualTo(BigInteger.valueOf(1234));
    assertThat(t.blockHash()).isEqualTo("0x" + "bb".repeat(32));
    assertThat(t.blockNumber()).isEqualTo(7);
    assertThat(t.isMint()).isFalse();
    Transfer mint = Erc20.decode(log(TOKEN, List.of(Erc20.TRANSFER_TOPIC, "0x" + "0".repeat(64), TO), amount(1), 7),
        REF, 0, 10);
    assertThat(mint.isMint()).isTrue();
    assertThat(mint.from()).isEqualTo(EvmAddress.ZERO);
  }

  @Test
  void refusesWhatWasNotAskedFor() {
    assertThatThrownBy(() -> Erc20.decode(log("0x" + "11".repeat(20), List.of(Erc20.TRANSFER_TOPIC, FROM, TO),
        amount(1), 7), REF, 0, 10)).isInstanceOf(IntegrityException.class).hasMessageContaining("comes from contract");
    // an ERC-721 Transfer has the token id as a third topic
    assertThatThrownBy(() -> Erc20.decode(log(TOKEN, List.of(Erc20.TRANSFER_TOPIC, FROM, TO, amount(5)), "0x", 7), REF,
        0, 10)).isInstanceOf(IntegrityException.class).hasMessageContaining("not an ERC-20 Transfer");
    assertThatThrownBy(() -> Erc20.decode(log(TOKEN, List.of("0x" + "12".repeat(32), FROM, TO), amount(1), 7), REF, 0,
        10)).isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> Erc20.decode(log(TOKEN, List.of(Erc20.TRANSFER_TOPIC, FROM, TO), amount(1), 11), REF, 0,
        10)).isInstanceOf(IntegrityException.class).hasMessageContaining("outside the requested 0..10");
    assertThatThrownBy(() -> Erc20.decode(log(TOKEN, List.of(Erc20.TRANSFER_TOPIC, FROM, TO), "0x01", 7), REF, 0, 10))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("data bytes");
    // a topic whose high bytes are not zero is not an address
    assertThatThrownBy(() -> Erc20.decode(log(TOKEN, List.of(Erc20.TRANSFER_TOPIC, "0x" + "ff".repeat(32), TO),
        amount(1), 7), REF, 0, 10)).isInstanceOf(IntegrityException.class).hasMessageContaining("malformed");
  }

  @Test
  void callEncodingsAndResults() {
    assertThat(Erc20.totalSupply()).isEqualTo("0x18160ddd");
    assertThat(Erc20.decimals()).isEqualTo("0x313ce567");
    assertThat(Erc20.balanceOf("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"))
        .isEqualTo("0x70a08231000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    assertThat(Erc20.words(amount(3) + amount(4).substring(2), 2)).containsExactly(BigInteger.valueOf(3),
        BigInteger.valueOf(4));
    assertThat(Erc20.address("0x000000000000000000000000F39FD6E51AAD88F6F4CE6AB8827279CFFFB92266"))
        .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    assertThatThrownBy(() -> Erc20.words("0x", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EvmAddress.normalize("0x123", "holder")).hasMessageContaining("holder must be 0x");
    assertThatThrownBy(() -> Finality.parse("latest", 1)).hasMessageContaining("finalized, safe or confirmations");
  }
}
