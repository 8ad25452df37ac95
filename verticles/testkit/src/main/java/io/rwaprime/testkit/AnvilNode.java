package io.rwaprime.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real {@code anvil} process (Foundry's local Ethereum node, the version pinned in
 * {@code web3/contracts/package-lock.json}) listening on {@code 127.0.0.1} on a free port, for tests that read a
 * chain. JSON-RPC over HTTP and WebSocket share the port. Its ten dev accounts (mnemonic
 * {@code test test … junk}) hold 10,000 ETH each and are unlocked; {@link ChainDriver} deploys and drives the test
 * token on it.
 *
 * <p><b>Binary.</b> The file named by the system property {@value #EXECUTABLE_PROPERTY} or the environment variable
 * {@value #EXECUTABLE_ENV}; otherwise {@code web3/contracts/node_modules/@foundry-rs/anvil-<os>-<arch>/bin/anvil},
 * which the first start installs with {@code npm ci} when it is missing (a fresh clone; node and npm must be on the
 * {@code PATH}). The process log goes to {@code target/anvil/anvil-<port>.log} under the working directory.
 *
 * <p><b>Sharing.</b> {@link #shared()} is one node per JVM, started on first use and stopped by a JVM shutdown hook;
 * tests on it deploy their own contracts and never close, revert or reorg it. Tests that rewrite history
 * ({@link #revert}, {@link #reorg}, automine off) {@link #start(Options)} their own node and close it.
 *
 * <p><b>Block tags.</b> anvil derives them from the head: {@code safe} is {@code head - slotsInAnEpoch} and
 * {@code finalized} is {@code head - 2 * slotsInAnEpoch} (clamped at 0). It does <em>not</em> protect them:
 * {@link #reorg(int)} may replace blocks at or below {@code finalized}.
 */
public final class AnvilNode implements AutoCloseable {

  /** System property naming the anvil executable to use. */
  public static final String EXECUTABLE_PROPERTY = "rwaprime.testkit.anvil";
  /** Environment variable naming the anvil executable to use. */
  public static final String EXECUTABLE_ENV = "RWA_ANVIL";

  static final Path LOG_DIR = Path.of("target", "anvil");

  private static final Logger LOG = LoggerFactory.getLogger(AnvilNode.class);
  private static final Lazy<AnvilNode> SHARED =
      new Lazy<>("anvil", () -> launch(Options.defaults(), false), AnvilNode::close);
  private static final String HOST = "127.0.0.1";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How to start a node.
   *
   * @param chainId        {@code --chain-id}; 31337 by default
   * @param slotsInAnEpoch {@code --slots-in-an-epoch}: {@code safe} lags the head by this many blocks and
   *                       {@code finalized} by twice as many; 4 by default (anvil's own default is 32)
   * @param blockGasLimit  {@code --gas-limit}; 1,000,000,000 by default, so that large batch transfers fit a block
   * @param extraArgs      further anvil arguments, appended as given
   */
  public record Options(long chainId, int slotsInAnEpoch, long blockGasLimit, List<String> extraArgs) {

    public Options {
      if (chainId <= 0 || slotsInAnEpoch <= 0 || blockGasLimit <= 0) {
        throw new IllegalArgumentException("chainId, slotsInAnEpoch and blockGasLimit must be positive");
      }
      extraArgs = List.copyOf(extraArgs);
    }

    /** @return chain 31337, 4 slots per epoch, a block gas limit of 1e9, no extra arguments */
    public static Options defaults() {
      return new Options(31337, 4, 1_000_000_000L, List.of());
    }

    public Options withChainId(long id) {
      return new Options(id, slotsInAnEpoch, blockGasLimit, extraArgs);
    }

    public Options withSlotsInAnEpoch(int slots) {
      return new Options(chainId, slots, blockGasLimit, extraArgs);
    }

    public Options withBlockGasLimit(long gasLimit) {
      return new Options(chainId, slotsInAnEpoch, gasLimit, extraArgs);
    }

    public Options withExtraArgs(String... args) {
      return new Options(chainId, slotsInAnEpoch, blockGasLimit, List.of(args));
    }
  }

  /** A JSON-RPC error answer: its {@code code}, {@code message} and, where anvil gave one, {@code data}. */
  public static final class RpcException extends RuntimeException {
    private final int code;
    private final transient Object data;

    RpcException(String method, int code, String message, Object data) {
      super(method + " failed: " + message + " (code " + code + (data == null ? "" : ", data " + data) + ")");
      this.code = code;
      this.data = data;
    }

    /** @return the JSON-RPC error code, e.g. -32602 for invalid parameters, 3 for a revert */
    public int code() {
      return code;
    }

    /** @return the error's {@code data} member converted as by {@link AnvilNode#rpc}, often the revert data */
    public Object data() {
      return data;
    }
  }

  private final Process process;
  private final Options options;
  private final int port;
  private final Path logFile;
  private Thread shutdownHook;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicLong ids = new AtomicLong();

  private AnvilNode(Process process, Options options, int port, Path logFile) {
    this.process = process;
    this.options = options;
    this.port = port;
    this.logFile = logFile;
  }

  /** @return the JVM-wide node with {@link Options#defaults()}, started by the first call (well under a second) */
  public static AnvilNode shared() {
    return SHARED.get();
  }

  /** @return a new node with {@link Options#defaults()}; the caller closes it */
  public static AnvilNode start() {
    return start(Options.defaults());
  }

  /**
   * Starts a new node and waits until it answers {@code eth_chainId}; the caller closes it (a JVM shutdown hook
   * stops it otherwise).
   *
   * @throws IllegalStateException if it does not start within 30 s (three tries, each on a fresh port)
   */
  public static AnvilNode start(Options options) {
    return launch(options, true);
  }

  /** @return {@code http://127.0.0.1:<port>} */
  public String httpUrl() {
    return "http://" + HOST + ":" + port;
  }

  /** @return {@code ws://127.0.0.1:<port>}: the same port answers WebSocket JSON-RPC, subscriptions included */
  public String wsUrl() {
    return "ws://" + HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public long chainId() {
    return options.chainId();
  }

  public Options options() {
    return options;
  }

  /** @return the file that receives anvil's standard output and error */
  public Path logFile() {
    return logFile;
  }

  /**
   * Calls a JSON-RPC method. Parameters and the result are plain Java values as Jackson maps them: strings,
   * numbers, booleans, {@link List}s, {@link Map}s and null. Some anvil methods refuse a {@code 0x} string where
   * they declare a plain number ({@code anvil_reorg}'s depth); others take either ({@code anvil_mine}).
   *
   * @return the {@code result} member
   * @throws RpcException if the node answers with an {@code error} member
   */
  public Object rpc(String method, Object... params) {
    JsonNode answer = post(request(method, Arrays.asList(params)));
    return result(method, answer);
  }

  /**
   * Calls one method several times in a single HTTP request (a JSON-RPC batch).
   *
   * @param paramsPerCall the parameter list of each call
   * @return each call's result, in the order of {@code paramsPerCall}
   * @throws RpcException for the first call that failed
   */
  public List<Object> rpcBatch(String method, List<? extends List<?>> paramsPerCall) {
    if (paramsPerCall.isEmpty()) {
      return List.of();
    }
    ArrayNode batch = JSON.createArrayNode();
    paramsPerCall.forEach(params -> batch.add(request(method, params)));
    JsonNode answers = post(batch);
    if (!answers.isArray()) {
      result(method + " batch", answers);
      throw new IllegalStateException(method + " batch: the answer is no array: " + answers);
    }
    Map<Long, JsonNode> byId = new HashMap<>();
    answers.forEach(a -> byId.put(a.path("id").asLong(), a));
    List<Object> results = new ArrayList<>(paramsPerCall.size());
    for (JsonNode call : batch) {
      JsonNode answer = byId.get(call.get("id").asLong());
      if (answer == null) {
        throw new IllegalStateException(method + " batch: no answer for id " + call.get("id"));
      }
      results.add(result(method, answer));
    }
    return results;
  }

  /** Mines one block ({@code anvil_mine}), with whatever transactions are pending. */
  public void mine() {
    mine(1);
  }

  /** Mines {@code blocks} blocks at once ({@code anvil_mine}); blocks mined within one second share a timestamp. */
  public void mine(int blocks) {
    rpc("anvil_mine", blocks);
  }

  /** Turns automine (a block for each transaction as it arrives) on or off ({@code evm_setAutomine}). */
  public void setAutomine(boolean on) {
    rpc("evm_setAutomine", on);
  }

  /** @return the id of a snapshot of the whole chain state ({@code evm_snapshot}), for {@link #revert(String)} */
  public String snapshot() {
    return (String) rpc("evm_snapshot");
  }

  /**
   * Returns the chain to a snapshot ({@code evm_revert}): blocks mined since are dropped, and the next ones are
   * mined anew with new hashes. A snapshot can be reverted to once. Snapshots taken after it must not be used
   * again: anvil 1.7.1 answers "Resource not found" to them and yet moves its head, leaving heights without
   * blocks. Transaction senders that cache nonces must reset them ({@link ChainDriver#resetNonces()}).
   *
   * @throws IllegalStateException if anvil answers false (the snapshot was reverted to already)
   * @throws RpcException if anvil answers an error (a snapshot that an earlier revert invalidated)
   */
  public void revert(String snapshotId) {
    if (!Boolean.TRUE.equals(rpc("evm_revert", snapshotId))) {
      throw new IllegalStateException("anvil has no snapshot " + snapshotId + " (a snapshot is consumed by revert)");
    }
  }

  /**
   * Replaces the newest {@code depth} blocks with as many new empty blocks ({@code anvil_reorg}): the height stays,
   * the hashes from {@code head - depth + 1} on change, and the transactions of the dropped blocks are gone (not
   * returned to the mempool), so nonces go back too. The new blocks all carry the timestamp of the block below
   * them. To put transactions into the new branch, call {@code rpc("anvil_reorg", depth, txs)} where each element
   * of {@code txs} is {@code [transactionRequest, blockOffset]}.
   *
   * @param depth 1 to the current height
   */
  public void reorg(int depth) {
    rpc("anvil_reorg", depth, List.of());
  }

  /** @return the height of the newest block */
  public long blockNumber() {
    return quantity(rpc("eth_blockNumber"));
  }

  /**
   * @param tag {@code latest}, {@code safe}, {@code finalized}, {@code earliest} or {@code pending}
   * @return the height of the block with that tag
   */
  public long blockNumber(String tag) {
    Map<?, ?> block = (Map<?, ?>) rpc("eth_getBlockByNumber", tag, false);
    return quantity(Objects.requireNonNull(block, "no block " + tag).get("number"));
  }

  /** @return the hash of the block at {@code number}, or null if there is none (yet) */
  public String blockHash(long number) {
    Map<?, ?> block = (Map<?, ?>) rpc("eth_getBlockByNumber", "0x" + Long.toHexString(number), false);
    return block == null ? null : (String) block.get("hash");
  }

  /** @return whether the process is alive */
  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops the node (SIGTERM, SIGKILL after 10 s) and waits until the process has exited. Never close {@link #shared()}. */
  @Override
  public synchronized void close() {
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to run; destroy() below is idempotent
      }
    }
    destroy();
  }

  @Override
  public String toString() {
    return "AnvilNode[" + httpUrl() + ", chain " + options.chainId() + "]";
  }

  /** Parses a JSON-RPC quantity ({@code 0x}-hex string or number). */
  static long quantity(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    String s = (String) Objects.requireNonNull(value, "quantity");
    return Long.parseLong(s.startsWith("0x") ? s.substring(2) : s, 16);
  }

  // ---------------------------------------------------------------------------------------------------------------

  private void destroy() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    LOG.info("anvil on port {} stopped", port);
  }

  private ObjectNode request(String method, List<?> params) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", ids.incrementAndGet());
    request.put("method", method);
    request.set("params", JSON.valueToTree(params));
    return request;
  }

  private JsonNode post(JsonNode body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl())).timeout(RPC_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))).build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("anvil answered HTTP " + response.statusCode() + ": "
            + new String(response.body(), StandardCharsets.UTF_8));
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("JSON-RPC to " + httpUrl() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during JSON-RPC", e);
    }
  }

  private static byte[] bytes(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("parameters are not JSON-serialisable", e);
    }
  }

  private static Object result(String method, JsonNode answer) {
    JsonNode error = answer.get("error");
    if (error != null && !error.isNull()) {
      JsonNode data = error.get("data");
      throw new RpcException(method, error.path("code").asInt(), error.path("message").asText(),
          data == null || data.isNull() ? null : JSON.convertValue(data, Object.class));
    }
    return JSON.convertValue(answer.get("result"), Object.class);
  }

  private static AnvilNode launch(Options options, boolean hook) {
    Path binary = AnvilBinary.find();
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        return launchOnce(binary, options, FreePorts.find(), hook);
      } catch (IllegalStateException e) {
        last = e;
        LOG.warn("anvil did not start (attempt {}): {}", attempt, e.getMessage());
      }
    }
    throw last;
  }

  private static AnvilNode launchOnce(Path binary, Options options, int port, boolean hook) {
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--host", HOST, "--port", Integer.toString(port),
        "--chain-id", Long.toString(options.chainId()),
        "--slots-in-an-epoch", Integer.toString(options.slotsInAnEpoch()),
        "--gas-limit", Long.toString(options.blockGasLimit())));
    command.addAll(options.extraArgs());
    long t0 = System.nanoTime();
    Process process;
    Path logFile;
    try {
      logFile = Files.createDirectories(LOG_DIR).resolve("anvil-" + port + ".log").toAbsolutePath();
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    AnvilNode node = new AnvilNode(process, options, port, logFile);
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("anvil exited with " + process.exitValue() + " on port " + port
              + ":\n" + tail(logFile));
        }
        Long chainId = answeredChainId(node);
        if (chainId != null) {
          if (chainId != options.chainId()) {
            node.destroy();
            throw new IllegalStateException("port " + port + " answered chain id " + chainId + ", expected "
                + options.chainId() + " (another node took the port?)");
          }
          break;
        }
        if (System.nanoTime() > deadline) {
          node.destroy();
          throw new IllegalStateException("anvil did not answer eth_chainId on port " + port + " within "
              + STARTUP_TIMEOUT + ":\n" + tail(logFile));
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      node.destroy();
      throw new IllegalStateException("interrupted while starting anvil", e);
    }
    LOG.info("anvil started on {}:{} in {} ms [chain: {}, slots per epoch: {}, log: {}]", HOST, port,
        Duration.ofNanos(System.nanoTime() - t0).toMillis(), options.chainId(), options.slotsInAnEpoch(), logFile);
    if (hook) {
      synchronized (node) {
        node.shutdownHook = new Thread(node::destroy, "testkit-stop-anvil-" + port);
        Runtime.getRuntime().addShutdownHook(node.shutdownHook);
      }
    }
    return node;
  }

  private static Long answeredChainId(AnvilNode node) {
    try {
      return quantity(node.rpc("eth_chainId"));
    } catch (RuntimeException notYet) {
      return null;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
