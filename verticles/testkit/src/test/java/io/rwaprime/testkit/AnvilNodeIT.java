package io.rwaprime.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class AnvilNodeIT {

  private static AnvilNode node;
  private static ChainDriver driver;

  @BeforeAll
  static void startNode() {
    node = AnvilNode.start();
    driver = new ChainDriver(node);
  }

  @AfterAll
  static void stopNode() {
    if (driver != null) {
      driver.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void answersOnLoopbackWithTheRequestedChainId() {
    assertThat(node.httpUrl()).isEqualTo("http://127.0.0.1:" + node.port());
    assertThat(node.wsUrl()).isEqualTo("ws://127.0.0.1:" + node.port());
    assertThat(AnvilNode.quantity(node.rpc("eth_chainId"))).isEqualTo(31337);
    assertThat(node.logFile()).exists();
  }

  @Test
  @ExtendWith(AnvilExtension.class)
  void sharedNodeIsOneInstancePerJvm(AnvilNode shared) {
    assertThat(AnvilNode.shared()).isSameAs(shared);
    assertThat(shared.port()).isNotEqualTo(node.port());
    assertThat(shared.blockNumber()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void devAccountsAreTheWellKnownAnvilAccounts() {
    assertThat(driver.account(0)).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    assertThat(driver.account(1)).isEqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    assertThat(driver.credentials(0).getEcKeyPair().getPrivateKey().toString(16))
        .isEqualTo("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    assertThat(((List<?>) node.rpc("eth_accounts")).stream().map(a -> ((String) a).toLowerCase(Locale.ROOT)))
        .contains(driver.account(9));
  }

  @Test
  @DisplayName("mint, transfer and burn move exact amounts and total supply follows")
  void mintTransferBurnKeepExactBalances() {
    String token = driver.deployToken("Test Treasury", "TTB", 6);
    assertThat(token).matches("0x[0-9a-f]{40}");
    String alice = driver.account(1);
    String bob = ChainDriver.randomAddress(new Random(1));

    driver.mint(token, alice, BigInteger.valueOf(1_000_000));
    TransactionReceipt transfer = driver.transfer(token, 1, bob, BigInteger.valueOf(250_001));
    driver.burn(token, alice, BigInteger.valueOf(99));

    assertThat(transfer.getLogs()).hasSize(1);
    assertThat(driver.balanceOf(token, alice)).isEqualTo(BigInteger.valueOf(1_000_000 - 250_001 - 99));
    assertThat(driver.balanceOf(token, bob)).isEqualTo(BigInteger.valueOf(250_001));
    assertThat(driver.totalSupply(token)).isEqualTo(BigInteger.valueOf(1_000_000 - 99));
  }

  @Test
  void batchesAndPairSync() {
    String a = driver.deployToken("A", "A", 18);
    String b = driver.deployToken("B", "B", 6);
    String pair = driver.deployPair(a, b);
    driver.mintBatch(a, List.of(pair, driver.account(2)), List.of(BigInteger.valueOf(7), BigInteger.valueOf(5)));
    driver.mint(b, pair, BigInteger.valueOf(11));
    driver.transferBatch(a, 2, List.of(pair, driver.account(3)), List.of(BigInteger.ONE, BigInteger.TWO));
    TransactionReceipt sync = driver.sync(pair);

    assertThat(sync.getLogs()).hasSize(1);
    List<BigInteger> reserves = driver.reserves(pair);
    boolean aFirst = a.compareTo(b) < 0;
    assertThat(reserves.subList(0, 2)).containsExactly(
        BigInteger.valueOf(aFirst ? 8 : 11), BigInteger.valueOf(aFirst ? 11 : 8));
    assertThat(driver.balanceOf(a, driver.account(2))).isEqualTo(BigInteger.TWO);
  }

  @Test
  @DisplayName("a reverted transfer names its reason, and the sender's next transfer goes through")
  void revertedTransferDoesNotBlockTheNextOne() {
    String token = driver.deployToken("Revert", "REV", 0);
    String to = driver.account(5);
    driver.mint(token, driver.account(4), BigInteger.TEN);

    assertThatThrownBy(() -> driver.transfer(token, 4, to, BigInteger.valueOf(11)))
        .isInstanceOfSatisfying(ChainDriver.RevertedException.class, e -> {
          assertThat(e.reason()).startsWith("ERC20InsufficientBalance(" + driver.account(4) + ", 10, 11)");
          assertThat(e.receipt().isStatusOK()).isFalse();
        });
    driver.transfer(token, 4, to, BigInteger.valueOf(3));
    driver.transfer(token, 4, to, BigInteger.valueOf(4));

    assertThat(driver.balanceOf(token, to)).isEqualTo(BigInteger.valueOf(7));
    assertThat(driver.balanceOf(token, driver.account(4))).isEqualTo(BigInteger.valueOf(3));
  }

  @Test
  @DisplayName("a send the node refuses leaves no nonce gap behind")
  void refusedSendDoesNotLeaveANonceGap() {
    String token = driver.deployToken("Refused", "REF", 0);
    int unfunded = 20;
    driver.mint(token, driver.account(unfunded), BigInteger.TEN);

    assertThatThrownBy(() -> driver.transfer(token, unfunded, driver.account(1), BigInteger.ONE))
        .hasMessageContaining("refused");
    node.rpc("anvil_setBalance", driver.account(unfunded), "0xde0b6b3a7640000");
    driver.transfer(token, unfunded, driver.account(1), BigInteger.TWO);

    assertThat(driver.balanceOf(token, driver.account(unfunded))).isEqualTo(BigInteger.valueOf(8));
  }

  @Test
  @DisplayName("safe and finalized lag the head by one and two epochs")
  void blockTagsFollowSlotsInAnEpoch() {
    try (AnvilNode own = AnvilNode.start(AnvilNode.Options.defaults().withSlotsInAnEpoch(3).withChainId(1337))) {
      own.mine(20);
      assertThat(own.blockNumber()).isEqualTo(20);
      assertThat(own.blockNumber("safe")).isEqualTo(17);
      assertThat(own.blockNumber("finalized")).isEqualTo(14);
      assertThat(AnvilNode.quantity(own.rpc("eth_chainId"))).isEqualTo(1337);
    }
  }

  @Test
  void revertToSnapshotGivesTheHeightANewHash() {
    try (AnvilNode own = AnvilNode.start(); ChainDriver chain = new ChainDriver(own)) {
      String token = chain.deployToken("Snap", "SNP", 0);
      String snapshot = own.snapshot();
      long height = own.blockNumber();
      chain.mint(token, chain.account(1), BigInteger.TEN);
      String before = own.blockHash(height + 1);

      own.revert(snapshot);
      assertThat(own.blockNumber()).isEqualTo(height);
      assertThat(own.blockHash(height + 1)).isNull();
      assertThatThrownBy(() -> own.revert(snapshot)).isInstanceOf(IllegalStateException.class);

      chain.resetNonces();
      chain.mint(token, chain.account(1), BigInteger.ONE);
      assertThat(own.blockHash(height + 1)).isNotNull().isNotEqualTo(before);
      assertThat(chain.balanceOf(token, chain.account(1))).isEqualTo(BigInteger.ONE);
    }
  }

  @Test
  @DisplayName("anvil_reorg replaces the newest blocks, drops their transactions and keeps the height")
  void reorgReplacesTheNewestBlocks() {
    try (AnvilNode own = AnvilNode.start(); ChainDriver chain = new ChainDriver(own)) {
      String token = chain.deployToken("Reorg", "ORG", 0);
      own.mine(10);
      chain.mint(token, chain.account(1), BigInteger.TEN);
      long head = own.blockNumber();
      String keep = own.blockHash(head - 3);
      String gone = own.blockHash(head - 2);

      own.reorg(3);

      assertThat(own.blockNumber()).isEqualTo(head);
      assertThat(own.blockHash(head - 3)).isEqualTo(keep);
      assertThat(own.blockHash(head - 2)).isNotEqualTo(gone);
      assertThat(chain.balanceOf(token, chain.account(1))).isZero();
      chain.resetNonces();
      chain.mint(token, chain.account(1), BigInteger.TWO);
      assertThat(chain.balanceOf(token, chain.account(1))).isEqualTo(BigInteger.TWO);
      assertThatThrownBy(() -> own.reorg(1_000)).isInstanceOf(AnvilNode.RpcException.class)
          .hasMessageContaining("Reorg depth must not exceed current chain height");
    }
  }

  @Test
  void rpcErrorsCarryTheNodesMessage() {
    assertThatThrownBy(() -> node.rpc("anvil_mine", Map.of("blocks", 1)))
        .isInstanceOfSatisfying(AnvilNode.RpcException.class, e -> assertThat(e.code()).isEqualTo(-32602));
    assertThatThrownBy(() -> node.rpc("no_such_method")).isInstanceOf(AnvilNode.RpcException.class);
  }

  @Test
  @DisplayName("loadTransfers puts 2,000 transfers on chain in a few blocks with exact balances")
  void loadsTwoThousandTransfers() {
    try (AnvilNode own = AnvilNode.start(); ChainDriver chain = new ChainDriver(own)) {
      String token = chain.deployToken("Load", "LOAD", 6);
      long before = own.blockNumber();

      ChainDriver.LoadedTransfers load = chain.loadTransfers(token, 2_000, 200, new Random(42));

      assertThat(load.transfers()).isEqualTo(2_000);
      assertThat(load.transactions()).isEqualTo(10);
      assertThat(load.blocks()).isNotEmpty().allMatch(b -> b > before + 1);
      assertThat(load.received().size()).isBetween(1_500, 1_800);
      assertThat(chain.totalSupply(token)).isEqualTo(load.total());
      assertThat(chain.balanceOf(token, chain.account(0))).isZero();
      load.received().entrySet().stream().limit(5)
          .forEach(e -> assertThat(chain.balanceOf(token, e.getKey())).isEqualTo(e.getValue()));
      assertThat(own.rpc("anvil_getAutomine")).isEqualTo(true);
      chain.mint(token, chain.account(0), BigInteger.ONE);
      assertThat(chain.balanceOf(token, chain.account(0))).isEqualTo(BigInteger.ONE);
    }
  }
}
