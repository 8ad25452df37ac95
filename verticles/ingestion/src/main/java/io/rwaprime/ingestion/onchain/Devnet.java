package io.rwaprime.ingestion.onchain;

import io.rwaprime.common.config.RwaConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A local chain for development ({@code onchain.devnet}): anvil from {@code web3/contracts/node_modules} (the npm
 * package {@code @foundry-rs/anvil}; {@code ./rwa run} installs it), one OpenZeppelin ERC-20 per configured symbol
 * with simulated holders, a V2-style pool of the first token against a test dollar, and activity every
 * {@code activity-interval}: transfers between holders, issuer mints and redemptions (burns), now and then a whale
 * moving a large share to the "Devnet Exchange". It is scanned as chain {@code devnet} like any configured chain.
 * Blocks come every second; senders are impersonated (anvil {@code --auto-impersonate}) and funded with test ETH.
 * Nothing here is a real network: the chain starts empty at every start.
 */
final class Devnet implements AutoCloseable {

  static final String CHAIN = "devnet";
  private static final Logger LOG = LoggerFactory.getLogger(Devnet.class);
  private static final long CHAIN_ID = 31_337;
  private static final String OWNER = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"; // anvil's dev account 0
  private static final BigInteger UNIT = BigInteger.TEN.pow(18);
  private static final BigInteger GAS = BigInteger.valueOf(5_000_000);
  private static final int HOLDERS = 40;

  private final Process process;
  private final HttpService service;
  private final Web3j web3j;
  private final String url;
  private final String wsUrl;
  private final Random random = new Random(20_261_202);
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final Map<String, Map<String, BigInteger>> balances = new HashMap<>();
  private final String exchange;
  private String pair;

  private Devnet(Process process, int port) {
    this.process = process;
    this.url = "http://127.0.0.1:" + port;
    this.wsUrl = "ws://127.0.0.1:" + port;
    this.service = new HttpService(url);
    this.web3j = Web3j.build(service);
    this.exchange = address(new Random(7));
  }

  /** Starts anvil and deploys and seeds the tokens; blocking (run it on a worker). */
  static Devnet start(RwaConfig.Devnet cfg, Path dataDir) throws Exception {
    Path anvil = binary().orElseThrow(() -> new IllegalStateException("anvil is not installed: run "
        + "'(cd web3/contracts && npm ci)' or set RWA_ANVIL, or set onchain.devnet.enabled=false"));
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.createDirectories(dataDir);
    Path log = dataDir.resolve("anvil.log");
    Process p = new ProcessBuilder(anvil.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--chain-id", Long.toString(CHAIN_ID), "--slots-in-an-epoch", "4", "--block-time", "1", "--auto-impersonate",
        "--gas-limit", "1000000000")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Devnet devnet = new Devnet(p, port);
    try {
      devnet.awaitUp();
      devnet.deploy(cfg.symbols());
      LOG.info("devnet up [rpc: {}, tokens: {}, log: {}]", devnet.url, devnet.tokens, log);
      return devnet;
    } catch (Exception e) {
      devnet.close();
      throw e;
    }
  }

  /** The chain definition the onchain role scans. */
  JsonObject chainDefinition() {
    JsonArray list = new JsonArray();
    tokens.forEach((symbol, address) -> list.add(new JsonObject().put("symbol", symbol).put("address", address)));
    JsonObject chain = new JsonObject().put("name", CHAIN).put("chain-id", CHAIN_ID)
        .put("rpc", new JsonArray().add(url)).put("ws", new JsonArray().add(wsUrl))
        .put("finality", "finalized").put("poll-interval", "PT2S").put("tokens", list)
        .put("exchanges", new JsonObject().put(exchange, "Devnet Exchange"));
    if (pair != null) {
      chain.put("dex-pairs", new JsonArray().add(new JsonObject().put("symbol", tokens.keySet().iterator().next())
          .put("address", pair).put("quote-usd", "1").put("quote-decimals", 18)));
    }
    return chain;
  }

  /** One round of simulated activity: one action per token, sent without waiting for its block. */
  void step() {
    for (Map.Entry<String, String> t : tokens.entrySet()) {
      Map<String, BigInteger> held = balances.get(t.getKey());
      List<String> holders = new ArrayList<>(held.keySet());
      double dice = random.nextDouble();
      try {
        if (dice < 0.08) {
          // a whale: a large holder moves a big share to the exchange
          String from = holders.stream().max((a, b) -> held.get(a).compareTo(held.get(b))).orElseThrow();
          transfer(t.getValue(), held, from, exchange, share(held.get(from), 0.3 + 0.3 * random.nextDouble()));
        } else if (dice < 0.18) {
          String to = random.nextDouble() < 0.3 ? newHolder(held) : holders.get(random.nextInt(holders.size()));
          BigInteger amount = lognormal(200);
          send(OWNER, t.getValue(), call("mint", new Address(to), new Uint256(amount)));
          held.merge(to, amount, BigInteger::add);
        } else if (dice < 0.25) {
          String from = holders.get(random.nextInt(holders.size()));
          BigInteger amount = share(held.get(from), 0.2 * random.nextDouble());
          if (amount.signum() > 0) {
            send(OWNER, t.getValue(), call("burn", new Address(from), new Uint256(amount)));
            held.merge(from, amount.negate(), BigInteger::add);
          }
        } else {
          String from = holders.get(random.nextInt(holders.size()));
          String to = random.nextDouble() < 0.15 ? newHolder(held) : holders.get(random.nextInt(holders.size()));
          if (!to.equals(from)) {
            transfer(t.getValue(), held, from, to, share(held.get(from), 0.02 + 0.1 * random.nextDouble()));
          }
        }
      } catch (IOException e) {
        LOG.debug("devnet activity not sent [token: {}, reason: {}]", t.getKey(), e.toString());
      }
      held.values().removeIf(v -> v.signum() <= 0);
      if (held.isEmpty()) {
        held.put(OWNER, BigInteger.ZERO);
      }
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  private void awaitUp() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        web3j.ethChainId().send();
        return;
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("anvil did not start (see its log)", e);
        }
        Thread.sleep(100);
      }
    }
  }

  private void deploy(List<String> symbols) throws Exception {
    for (String symbol : symbols) {
      String address = create("RwaTestToken", FunctionEncoder.encodeConstructor(List.of(new Utf8String("Devnet " + symbol),
          new Utf8String(symbol), new Uint8(18))));
      tokens.put(symbol.toUpperCase(Locale.ROOT), address);
      Map<String, BigInteger> held = new HashMap<>();
      List<Address> to = new ArrayList<>();
      List<Uint256> amounts = new ArrayList<>();
      for (int i = 0; i < HOLDERS; i++) {
        String holder = newHolder(held);
        BigInteger amount = lognormal(1_000);
        held.put(holder, amount);
        to.add(new Address(holder));
        amounts.add(new Uint256(amount));
      }
      receipt(send(OWNER, address, FunctionEncoder.encode(new Function("mintBatch", List.of(
          new DynamicArray<>(Address.class, to), new DynamicArray<>(Uint256.class, amounts)), List.of()))));
      balances.put(symbol.toUpperCase(Locale.ROOT), held);
    }
    if (!tokens.isEmpty()) {
      // a pool of the first token against a test dollar (reserves as if at a price of 2,000)
      String usd = create("RwaTestToken", FunctionEncoder.encodeConstructor(List.of(new Utf8String("Devnet Dollar"),
          new Utf8String("DUSD"), new Uint8(18))));
      String first = tokens.values().iterator().next();
      pair = create("TestPair", FunctionEncoder.encodeConstructor(List.of(new Address(first), new Address(usd))));
      send(OWNER, first, call("mint", new Address(pair), new Uint256(UNIT.multiply(BigInteger.valueOf(500)))));
      receipt(send(OWNER, usd, call("mint", new Address(pair), new Uint256(UNIT.multiply(BigInteger.valueOf(1_000_000))))));
      receipt(send(OWNER, pair, FunctionEncoder.encode(new Function("sync", List.of(), List.of()))));
    }
  }

  private String create(String contract, String constructorArgs) throws Exception {
    String bin = resource(contract + ".bin").trim();
    EthSendTransaction sent = web3j.ethSendTransaction(Transaction.createContractTransaction(OWNER, null, null, GAS,
        BigInteger.ZERO, "0x" + bin + constructorArgs)).sendAsync().get(30, TimeUnit.SECONDS);
    if (sent.hasError()) {
      throw new IllegalStateException("deploying " + contract + " failed: " + sent.getError().getMessage());
    }
    return receipt(sent.getTransactionHash()).getContractAddress().toLowerCase(Locale.ROOT);
  }

  private TransactionReceipt receipt(String tx) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Optional<TransactionReceipt> r = web3j.ethGetTransactionReceipt(tx).sendAsync().get(10, TimeUnit.SECONDS)
          .getTransactionReceipt();
      if (r.isPresent()) {
        if (!r.get().isStatusOK()) {
          throw new IllegalStateException("devnet transaction " + tx + " reverted");
        }
        return r.get();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("devnet transaction " + tx + " was not mined");
  }

  private void transfer(String token, Map<String, BigInteger> held, String from, String to, BigInteger amount)
      throws IOException {
    if (amount.signum() <= 0) {
      return;
    }
    send(from, token, call("transfer", new Address(to), new Uint256(amount)));
    held.merge(from, amount.negate(), BigInteger::add);
    held.merge(to, amount, BigInteger::add);
  }

  private String send(String from, String to, String data) throws IOException {
    try {
      EthSendTransaction sent = web3j.ethSendTransaction(Transaction.createFunctionCallTransaction(from, null, null,
          GAS, to, data)).sendAsync().get(10, TimeUnit.SECONDS);
      if (sent.hasError()) {
        throw new IOException(sent.getError().getMessage());
      }
      return sent.getTransactionHash();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException(e);
    }
  }

  private String newHolder(Map<String, BigInteger> held) throws IOException {
    String a = address(random);
    // gas money for an impersonated sender
    try {
      Response<?> r = new Request<>("anvil_setBalance", List.of(a, "0x" + UNIT.toString(16)), service,
          VoidResponse.class).sendAsync().get(10, TimeUnit.SECONDS);
      if (r.hasError()) {
        throw new IOException(r.getError().getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException(e);
    }
    held.putIfAbsent(a, BigInteger.ZERO);
    return a;
  }

  private BigInteger lognormal(double median) {
    double units = median * Math.exp(1.2 * random.nextGaussian());
    return java.math.BigDecimal.valueOf(units).setScale(6, java.math.RoundingMode.HALF_EVEN).movePointRight(18)
        .toBigInteger();
  }

  private static BigInteger share(BigInteger balance, double fraction) {
    return new java.math.BigDecimal(balance).multiply(java.math.BigDecimal.valueOf(fraction)).toBigInteger();
  }

  private static String call(String name, org.web3j.abi.datatypes.Type<?>... args) {
    return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
  }

  private static String address(Random random) {
    byte[] b = new byte[20];
    random.nextBytes(b);
    StringBuilder s = new StringBuilder("0x");
    for (byte x : b) {
      s.append(String.format("%02x", x));
    }
    return s.toString();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Devnet.class.getResourceAsStream("/io/rwaprime/web3/contracts/" + name)) {
      if (in == null) {
        throw new IOException("missing resource io/rwaprime/web3/contracts/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The anvil binary: {@code RWA_ANVIL}, else {@code web3/contracts/node_modules} in the working directory or the
   * nearest parent that has one (tests run in a module's directory).
   */
  static Optional<Path> binary() {
    String env = System.getenv("RWA_ANVIL");
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env)).filter(Files::isExecutable);
    }
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "darwin" : "linux";
    String arch = System.getProperty("os.arch").contains("aarch64") ? "arm64" : "amd64";
    Path relative = Path.of("web3", "contracts", "node_modules", "@foundry-rs", "anvil-" + os + "-" + arch, "bin", "anvil");
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve(relative))) {
        return Optional.of(dir.resolve(relative));
      }
    }
    return Optional.empty();
  }

  /** An answer without a useful result ({@code anvil_setBalance}). */
  public static final class VoidResponse extends Response<Object> {}

  @Override
  public String toString() {
    return "Devnet[" + url + ", " + tokens.keySet() + "]";
  }
}
