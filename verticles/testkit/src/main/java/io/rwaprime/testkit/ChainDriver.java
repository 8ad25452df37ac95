package io.rwaprime.testkit;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint112;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.FastRawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.tx.response.TransactionReceiptProcessor;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Puts real ERC-20 activity on an {@link AnvilNode} from Java: deploys the committed test contracts
 * ({@code RwaTestToken}, {@code TestPair}) and sends their transactions with web3j, signed locally with the anvil
 * dev keys. Dev account 0 deploys, and so owns every token (only it may mint and burn).
 *
 * <p>Every send waits for its receipt (polled every 50 ms) and throws {@link RevertedException} with the decoded
 * reason, e.g. {@code ERC20InsufficientBalance(0x…, 5, 6)}, when the transaction failed on chain. Reverted
 * transactions still take a block and a nonce, as on a real chain, and emit no logs. Sends are serialised.
 *
 * <p><b>Nonces.</b> Each dev account's nonce is cached ({@link FastRawTransactionManager}) and re-read from the node
 * after any failed send. A test that rewinds the chain ({@link AnvilNode#revert}, {@link AnvilNode#reorg}) must call
 * {@link #resetNonces()} before its next send: anvil queues a transaction with a nonce from the future forever.
 * For the same reason two drivers must not send from the same account of one node at the same time; tests on
 * {@link AnvilNode#shared()} that run in parallel use different accounts for their senders, or their own node.
 */
public final class ChainDriver implements AutoCloseable {

  /** The mnemonic of anvil's dev accounts; account {@code i} is at {@code m/44'/60'/0'/0/i}. */
  public static final String MNEMONIC = "test test test test test test test test test test test junk";

  private static final long POLL_MILLIS = 50;
  private static final int POLL_ATTEMPTS = 1200;
  private static final BigInteger CALL_GAS = BigInteger.valueOf(300_000);
  private static final BigInteger DEPLOY_GAS = BigInteger.valueOf(3_000_000);
  private static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);
  private static final Bip32ECKeyPair MASTER = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));

  private final AnvilNode node;
  private final ScheduledExecutorService scheduler;
  private final Web3j web3j;
  private final TransactionReceiptProcessor receipts;
  private final Map<Integer, Credentials> credentials = new HashMap<>();
  private final Map<Integer, FastRawTransactionManager> managers = new HashMap<>();
  private final TestContract tokenContract = TestContract.load("RwaTestToken");
  private final TestContract pairContract = TestContract.load("TestPair");

  /** The transactions that {@link #loadTransfers} put on the chain. */
  public record LoadedTransfers(List<Long> blocks, int transfers, int transactions,
                                Map<String, BigInteger> received, Duration took) {

    /** @return the total amount transferred */
    public BigInteger total() {
      return received.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }
  }

  /** A transaction that was mined with status {@code 0x0}. */
  public static final class RevertedException extends RuntimeException {
    private final transient TransactionReceipt receipt;
    private final String reason;

    RevertedException(String what, String reason, TransactionReceipt receipt) {
      super(what + " reverted in block " + receipt.getBlockNumber() + ": " + reason);
      this.receipt = receipt;
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }

    public TransactionReceipt receipt() {
      return receipt;
    }
  }

  public ChainDriver(AnvilNode node) {
    this.node = node;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "testkit-chain-driver-" + node.port());
      t.setDaemon(true);
      return t;
    });
    this.web3j = Web3j.build(new HttpService(node.httpUrl()), POLL_MILLIS, scheduler);
    this.receipts = new PollingTransactionReceiptProcessor(web3j, POLL_MILLIS, POLL_ATTEMPTS);
  }

  public AnvilNode node() {
    return node;
  }

  /** @return the web3j client this driver sends with (50 ms polling); closed by {@link #close()} */
  public Web3j web3j() {
    return web3j;
  }

  /** @return the address of dev account {@code i}, lower case; anvil funds accounts 0 to 9 */
  public String account(int i) {
    return credentials(i).getAddress();
  }

  /** @return the key pair of dev account {@code i} */
  public synchronized Credentials credentials(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("account index " + i);
    }
    return credentials.computeIfAbsent(i, index -> Credentials.create(Bip32ECKeyPair.deriveKeyPair(MASTER,
        new int[] {44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT, Bip32ECKeyPair.HARDENED_BIT,
            0, index})));
  }

  /** @return 20 random bytes as a lower-case address: an account no one has used */
  public static String randomAddress(Random random) {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  /** Deploys an {@code RwaTestToken} owned by dev account 0. @return its address, lower case */
  public String deployToken(String name, String symbol, int decimals) {
    String args = FunctionEncoder.encodeConstructor(List.of(new Utf8String(name), new Utf8String(symbol),
        new Uint8(decimals)));
    return deploy(tokenContract, args);
  }

  /** Deploys a {@code TestPair} of two tokens (it orders them as token0 &lt; token1). @return its address */
  public String deployPair(String tokenA, String tokenB) {
    return deploy(pairContract, FunctionEncoder.encodeConstructor(List.of(new Address(tokenA), new Address(tokenB))));
  }

  /** Mints {@code amount} base units to {@code to} (one {@code Transfer} from the zero address). */
  public TransactionReceipt mint(String token, String to, BigInteger amount) {
    return send(0, token, tokenContract, "mint", CALL_GAS, new Address(to), new Uint256(amount));
  }

  /** Burns {@code amount} from {@code from}, as an issuer's redemption (a {@code Transfer} to the zero address). */
  public TransactionReceipt burn(String token, String from, BigInteger amount) {
    return send(0, token, tokenContract, "burn", CALL_GAS, new Address(from), new Uint256(amount));
  }

  /** Sends an ERC-20 {@code transfer} from dev account {@code fromAccount}. */
  public TransactionReceipt transfer(String token, int fromAccount, String to, BigInteger amount) {
    return send(fromAccount, token, tokenContract, "transfer", CALL_GAS, new Address(to), new Uint256(amount));
  }

  /** Calls the pair's {@code sync()}: reserves take the pair's token balances and it emits {@code Sync}. */
  public TransactionReceipt sync(String pair) {
    return send(0, pair, pairContract, "sync", CALL_GAS);
  }

  /** Mints to many holders in one transaction (one {@code Transfer} each). */
  public TransactionReceipt mintBatch(String token, List<String> to, List<BigInteger> amounts) {
    return send(0, token, tokenContract, "mintBatch", batchGas(to.size()), addresses(to), uints(amounts));
  }

  /** Transfers from dev account {@code fromAccount} to many holders in one transaction. */
  public TransactionReceipt transferBatch(String token, int fromAccount, List<String> to, List<BigInteger> amounts) {
    return send(fromAccount, token, tokenContract, "transferBatch", batchGas(to.size()), addresses(to),
        uints(amounts));
  }

  public BigInteger balanceOf(String token, String holder) {
    return (BigInteger) call(token, "balanceOf", List.of(new Address(holder)), List.of(new TypeReference<Uint256>() {}))
        .get(0).getValue();
  }

  public BigInteger totalSupply(String token) {
    return (BigInteger) call(token, "totalSupply", List.of(), List.of(new TypeReference<Uint256>() {}))
        .get(0).getValue();
  }

  /** @return the pair's {@code getReserves()}: reserve0, reserve1, blockTimestampLast */
  public List<BigInteger> reserves(String pair) {
    return call(pair, "getReserves", List.of(), List.of(new TypeReference<Uint112>() {},
        new TypeReference<Uint112>() {}, new TypeReference<Uint32>() {}))
        .stream().map(v -> (BigInteger) v.getValue()).toList();
  }

  /** Forgets every cached nonce, so that the next send of each account asks the node; call after a revert or reorg. */
  public synchronized void resetNonces() {
    managers.values().forEach(FastRawTransactionManager::clearNonce);
  }

  /**
   * Puts {@code count} token transfers on the chain fast, for benchmarks: mints their total to dev account 0, then
   * sends {@code transferBatch} transactions of {@code perTx} transfers each, to fresh random addresses and (one in
   * five) to earlier recipients again. Automine is off meanwhile: the transactions are signed locally with
   * consecutive nonces, sent in JSON-RPC batches and mined by {@code evm_mine} into as few blocks as the block gas
   * limit allows (anvil 1.7.1 stalls under automine with thousands of pending transactions).
   *
   * @return the blocks of the transfers, what each recipient received in all, and how long it took
   */
  public synchronized LoadedTransfers loadTransfers(String token, int count, int perTx, Random random) {
    return new BulkTransfers(this, node).load(token, count, perTx, random);
  }

  @Override
  public void close() {
    web3j.shutdown();
    scheduler.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------------------------

  static BigInteger batchGas(int transfers) {
    // a transfer to a fresh holder costs about 26k gas (a zero-to-non-zero SSTORE, the log, calldata)
    return BigInteger.valueOf(100_000L + 40_000L * transfers);
  }

  static String encode(String function, Type<?>... args) {
    return FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
  }

  static DynamicArray<Address> addresses(List<String> addresses) {
    return new DynamicArray<>(Address.class, addresses.stream().map(Address::new).toList());
  }

  static DynamicArray<Uint256> uints(List<BigInteger> values) {
    return new DynamicArray<>(Uint256.class, values.stream().map(Uint256::new).toList());
  }

  /**
   * @return the gas price for a legacy transaction: twice the newest block's base fee plus a 1 gwei tip, which
   *     survives several full blocks. Not anvil's {@code eth_gasPrice}: that follows the prices of recent
   *     transactions, so paying a multiple of it compounds block after block until the dev accounts run dry.
   */
  BigInteger gasPrice() {
    Map<?, ?> head = (Map<?, ?>) node.rpc("eth_getBlockByNumber", "latest", false);
    Object baseFee = head.get("baseFeePerGas");
    BigInteger base = baseFee == null ? BigInteger.ZERO : Numeric.decodeQuantity((String) baseFee);
    return base.shiftLeft(1).add(TIP);
  }

  /** Clears the nonce cache of dev account {@code i} after sends that bypassed its transaction manager. */
  synchronized void forgetNonce(int account) {
    FastRawTransactionManager manager = managers.get(account);
    if (manager != null) {
      manager.clearNonce();
    }
  }

  TestContract tokenContract() {
    return tokenContract;
  }

  private String deploy(TestContract contract, String constructorArgs) {
    TransactionReceipt receipt = transact(0, null, contract.bytecode() + constructorArgs, DEPLOY_GAS, contract,
        "deploy " + contract.name());
    return receipt.getContractAddress().toLowerCase(Locale.ROOT);
  }

  private TransactionReceipt send(int account, String to, TestContract contract, String function, BigInteger gas,
                                  Type<?>... args) {
    return transact(account, to, encode(function, args), gas, contract, contract.name() + "." + function);
  }

  private synchronized TransactionReceipt transact(int account, String to, String data, BigInteger gas,
                                                   TestContract contract, String what) {
    FastRawTransactionManager manager = managers.computeIfAbsent(account,
        i -> new FastRawTransactionManager(web3j, credentials(i), node.chainId(), receipts));
    TransactionReceipt receipt;
    try {
      EthSendTransaction sent = manager.sendTransaction(gasPrice(), gas, to, data, BigInteger.ZERO, to == null);
      if (sent.hasError()) {
        throw new IllegalStateException(what + " was refused: " + sent.getError().getMessage());
      }
      receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
    } catch (IOException e) {
      manager.clearNonce();
      throw new UncheckedIOException(what + " failed", e);
    } catch (TransactionException e) {
      manager.clearNonce();
      throw new IllegalStateException(what + ": no receipt", e);
    } catch (RuntimeException e) {
      manager.clearNonce();
      throw e;
    }
    if (!receipt.isStatusOK()) {
      manager.clearNonce();
      throw new RevertedException(what, revertReason(account, to, data, gas, receipt, contract), receipt);
    }
    return receipt;
  }

  /** Replays a failed transaction as {@code eth_call} on the state before its block, to read its revert data. */
  private String revertReason(int account, String to, String data, BigInteger gas, TransactionReceipt receipt,
                              TestContract contract) {
    Map<String, Object> tx = new LinkedHashMap<>();
    tx.put("from", account(account));
    if (to != null) {
      tx.put("to", to);
    }
    tx.put("data", data);
    tx.put("gas", Numeric.toHexStringWithPrefix(gas));
    try {
      node.rpc("eth_call", tx, Numeric.toHexStringWithPrefix(receipt.getBlockNumber().subtract(BigInteger.ONE)));
      return "(the replay did not revert; out of gas? used " + receipt.getGasUsed() + " of " + gas + ")";
    } catch (AnvilNode.RpcException e) {
      return e.data() instanceof String hex ? contract.describe(hex) : e.getMessage();
    }
  }

  @SuppressWarnings("rawtypes") // web3j's Function and decoder take and give raw Type lists
  private List<Type> call(String to, String function, List<Type> args, List<TypeReference<?>> outputs) {
    Function f = new Function(function, args, outputs);
    String result = (String) node.rpc("eth_call", Map.of("to", to, "data", FunctionEncoder.encode(f)), "latest");
    return FunctionReturnDecoder.decode(result, f.getOutputParameters());
  }
}
