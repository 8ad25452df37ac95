package io.rwaprime.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * {@link ChainDriver#loadTransfers}: many {@code transferBatch} transactions signed locally, sent in JSON-RPC
 * batches with automine off, and mined by {@code evm_mine} until the pool is empty.
 */
final class BulkTransfers {

  private static final Logger LOG = LoggerFactory.getLogger(BulkTransfers.class);
  private static final int RPC_BATCH = 100;
  /** anvil answers "Invalid request" to a request body over about 2 MB */
  private static final int RPC_BATCH_CHARS = 1_000_000;
  private static final int REPEAT_ONE_IN = 5;
  private static final int MAX_BLOCKS = 10_000;

  private final ChainDriver driver;
  private final AnvilNode node;

  BulkTransfers(ChainDriver driver, AnvilNode node) {
    this.driver = driver;
    this.node = node;
  }

  ChainDriver.LoadedTransfers load(String token, int count, int perTx, Random random) {
    if (count <= 0 || perTx <= 0) {
      throw new IllegalArgumentException("count and perTx must be positive [count: " + count + ", perTx: " + perTx + "]");
    }
    long t0 = System.nanoTime();
    List<List<String>> recipients = new ArrayList<>();
    List<List<BigInteger>> amounts = new ArrayList<>();
    Map<String, BigInteger> received = plan(count, perTx, random, recipients, amounts);
    BigInteger total = received.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    driver.mint(token, driver.account(0), total);

    Credentials sender = driver.credentials(0);
    List<String> hashes;
    List<Long> blocks;
    node.setAutomine(false);
    try {
      long nonce = AnvilNode.quantity(node.rpc("eth_getTransactionCount", sender.getAddress(), "pending"));
      BigInteger gasPrice = driver.gasPrice();
      List<List<String>> rawTxs = new ArrayList<>();
      for (int i = 0; i < recipients.size(); i++) {
        RawTransaction tx = RawTransaction.createTransaction(BigInteger.valueOf(nonce + i), gasPrice,
            ChainDriver.batchGas(recipients.get(i).size()), token, BigInteger.ZERO, ChainDriver.encode(
                "transferBatch", ChainDriver.addresses(recipients.get(i)), ChainDriver.uints(amounts.get(i))));
        rawTxs.add(List.of(Numeric.toHexString(TransactionEncoder.signMessage(tx, node.chainId(), sender))));
      }
      hashes = new ArrayList<>(rawTxs.size());
      for (List<List<String>> chunk : chunksBySize(rawTxs)) {
        node.rpcBatch("eth_sendRawTransaction", chunk).forEach(hash -> hashes.add((String) hash));
      }
      mineUntilEmpty();
      blocks = checkReceipts(hashes);
    } finally {
      node.setAutomine(true);
      driver.forgetNonce(0);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    LOG.info("loaded transfers [count: {}, transactions: {}, blocks: {}, recipients: {}, took: {} ms]", count,
        hashes.size(), blocks, received.size(), took.toMillis());
    return new ChainDriver.LoadedTransfers(List.copyOf(blocks), count, hashes.size(), received, took);
  }

  private static Map<String, BigInteger> plan(int count, int perTx, Random random, List<List<String>> recipients,
                                              List<List<BigInteger>> amounts) {
    Map<String, BigInteger> received = new LinkedHashMap<>();
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i % perTx == 0) {
        recipients.add(new ArrayList<>(perTx));
        amounts.add(new ArrayList<>(perTx));
      }
      String to;
      if (!seen.isEmpty() && random.nextInt(REPEAT_ONE_IN) == 0) {
        to = seen.get(random.nextInt(seen.size()));
      } else {
        to = ChainDriver.randomAddress(random);
        seen.add(to);
      }
      BigInteger amount = BigInteger.valueOf(1 + random.nextInt(1_000_000));
      recipients.getLast().add(to);
      amounts.getLast().add(amount);
      received.merge(to, amount, BigInteger::add);
    }
    return received;
  }

  private void mineUntilEmpty() {
    for (int mined = 0; pending() > 0; mined++) {
      if (mined == MAX_BLOCKS) {
        throw new IllegalStateException(pending() + " transactions still pending after " + MAX_BLOCKS + " blocks");
      }
      node.rpc("evm_mine");
    }
  }

  private long pending() {
    Map<?, ?> status = (Map<?, ?>) node.rpc("txpool_status");
    return AnvilNode.quantity(status.get("pending")) + AnvilNode.quantity(status.get("queued"));
  }

  /** @return the blocks that hold the transactions, ascending */
  private List<Long> checkReceipts(List<String> hashes) {
    TreeSet<Long> blocks = new TreeSet<>();
    List<List<String>> params = hashes.stream().map(List::of).toList();
    for (List<List<String>> chunk : chunks(params)) {
      List<Object> receipts = node.rpcBatch("eth_getTransactionReceipt", chunk);
      for (int i = 0; i < receipts.size(); i++) {
        if (!(receipts.get(i) instanceof Map<?, ?> receipt)) {
          throw new IllegalStateException("no receipt for " + chunk.get(i).get(0) + " after mining: anvil drops"
              + " pending transactions that it cannot include (e.g. the sender cannot pay the gas)");
        }
        if (AnvilNode.quantity(receipt.get("status")) != 1) {
          throw new IllegalStateException("transferBatch " + chunk.get(i).get(0) + " reverted in block "
              + AnvilNode.quantity(receipt.get("blockNumber")) + " [gas used: "
              + AnvilNode.quantity(receipt.get("gasUsed")) + "]");
        }
        blocks.add(AnvilNode.quantity(receipt.get("blockNumber")));
      }
    }
    return new ArrayList<>(blocks);
  }

  /** Splits signed transactions into batches of at most {@value #RPC_BATCH} and about {@value #RPC_BATCH_CHARS} characters. */
  private static List<List<List<String>>> chunksBySize(List<List<String>> rawTxs) {
    List<List<List<String>>> chunks = new ArrayList<>();
    List<List<String>> chunk = new ArrayList<>();
    long chars = 0;
    for (List<String> tx : rawTxs) {
      int length = tx.get(0).length();
      if (!chunk.isEmpty() && (chunk.size() == RPC_BATCH || chars + length > RPC_BATCH_CHARS)) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        chars = 0;
      }
      chunk.add(tx);
      chars += length;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  private static <T> List<List<T>> chunks(List<T> list) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < list.size(); from += RPC_BATCH) {
      chunks.add(list.subList(from, Math.min(list.size(), from + RPC_BATCH)));
    }
    return chunks;
  }
}
