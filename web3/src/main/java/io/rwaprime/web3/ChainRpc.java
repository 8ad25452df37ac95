package io.rwaprime.web3;

import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * JSON-RPC access to one chain over HTTP, with failover: calls go to the endpoint that answered last; an endpoint
 * that cannot be reached (connection refused, timeout, HTTP error) hands the call to the next one. Every endpoint
 * is asked its {@code eth_chainId} before its first use and is shut out for good when it reports another chain.
 * A JSON-RPC error answer is the provider's refusal and is not retried elsewhere ({@link RpcException}).
 *
 * <p>All calls use web3j's {@code sendAsync}: the stages complete on web3j's threads.
 */
public final class ChainRpc implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChainRpc.class);
  private static final int BATCH = 100;

  private final String chain;
  private final long chainId;
  private final List<Endpoint> endpoints = new ArrayList<>();
  private volatile int current;

  /**
   * @param chain   chain name for messages
   * @param chainId the chain id every endpoint must report
   * @param urls    HTTP(S) JSON-RPC URLs in order of preference
   * @param timeout per-request timeout
   */
  public ChainRpc(String chain, long chainId, List<URI> urls, Duration timeout) {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException(chain + ": at least one RPC URL is needed");
    }
    this.chain = chain;
    this.chainId = chainId;
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(timeout).connectTimeout(timeout)
        .readTimeout(timeout).build();
    for (URI url : urls) {
      HttpService service = new HttpService(url.toString(), http);
      endpoints.add(new Endpoint(url.toString(), service, Web3j.build(service)));
    }
  }

  /** The chain name given at construction. */
  public String chain() {
    return chain;
  }

  /** The chain id every endpoint must report. */
  public long chainId() {
    return chainId;
  }

  /** What each endpoint did last, for health and the API. */
  public List<EndpointStatus> endpoints() {
    List<EndpointStatus> out = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      Endpoint e = endpoints.get(i);
      out.add(new EndpointStatus(e.url, i == current, e.verified, e.shutOut, e.lastError, e.lastErrorAt));
    }
    return out;
  }

  /** {@code eth_blockNumber}. */
  public CompletionStage<Long> blockNumber() {
    return call("eth_blockNumber", w -> w.ethBlockNumber().sendAsync()
        .thenApply(r -> check("eth_blockNumber", r).getBlockNumber().longValueExact()));
  }

  /** The header at a height, empty when the chain is not that high. */
  public CompletionStage<Optional<BlockRef>> block(long number) {
    return block(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)));
  }

  /** The header at a tag ({@code finalized}, {@code safe}, {@code latest}); empty when the node has none. */
  public CompletionStage<Optional<BlockRef>> block(DefaultBlockParameterName tag) {
    return block((DefaultBlockParameter) tag);
  }

  private CompletionStage<Optional<BlockRef>> block(DefaultBlockParameter at) {
    return call("eth_getBlockByNumber", w -> w.ethGetBlockByNumber(at, false).sendAsync()
        .thenApply(r -> Optional.ofNullable(check("eth_getBlockByNumber", r).getBlock()).map(ChainRpc::ref)));
  }

  /** Headers of several heights in JSON-RPC batches; heights the chain does not have are absent. */
  public CompletionStage<Map<Long, BlockRef>> blocks(Collection<Long> numbers) {
    List<Long> all = new ArrayList<>(numbers);
    CompletionStage<Map<Long, BlockRef>> out = CompletableFuture.completedFuture(new HashMap<>());
    for (int i = 0; i < all.size(); i += BATCH) {
      List<Long> part = all.subList(i, Math.min(all.size(), i + BATCH));
      out = out.thenCompose(map -> call("eth_getBlockByNumber", w -> {
        BatchRequest batch = w.newBatch();
        for (long n : part) {
          batch.add(w.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), false));
        }
        return batch.sendAsync().thenApply(answer -> {
          for (Response<?> r : answer.getResponses()) {
            EthBlock.Block b = ((EthBlock) check("eth_getBlockByNumber", r)).getBlock();
            if (b != null) {
              map.put(b.getNumber().longValueExact(), ref(b));
            }
          }
          return map;
        });
      }));
    }
    return out;
  }

  /** {@code eth_getLogs} of one contract and topic0 over blocks {@code from..to}. */
  public CompletionStage<List<Log>> logs(String address, String topic0, long from, long to) {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), address);
    filter.addSingleTopic(topic0);
    return call("eth_getLogs", w -> w.ethGetLogs(filter).sendAsync().thenApply(r -> {
      List<Log> logs = new ArrayList<>();
      for (EthLog.LogResult<?> result : check("eth_getLogs", r).getLogs()) {
        if (!(result.get() instanceof Log log)) {
          throw new IntegrityException("eth_getLogs answered a hash instead of a log object");
        }
        logs.add(log);
      }
      return logs;
    }));
  }

  /** {@code eth_call} of {@code data} on {@code to} at a height ({@code block < 0}: latest). */
  public CompletionStage<String> call(String to, String data, long block) {
    return call("eth_call", w -> w.ethCall(Transaction.createEthCallTransaction(null, to, data), at(block)).sendAsync()
        .thenApply(r -> value(check("eth_call", r))));
  }

  /** Several {@code eth_call}s at one height in one JSON-RPC batch; answers in the order of {@code calls}. */
  public CompletionStage<List<String>> calls(List<Call> calls, long block) {
    if (calls.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return call("eth_call", w -> {
      BatchRequest batch = w.newBatch();
      for (Call c : calls) {
        batch.add(w.ethCall(Transaction.createEthCallTransaction(null, c.to(), c.data()), at(block)));
      }
      return batch.sendAsync().thenApply(answer -> {
        Map<Long, String> byId = new HashMap<>();
        for (Response<?> r : answer.getResponses()) {
          byId.put(r.getId(), value((EthCall) check("eth_call", r)));
        }
        List<String> out = new ArrayList<>();
        for (var request : batch.getRequests()) {
          out.add(byId.get(request.getId()));
        }
        return out;
      });
    });
  }

  /**
   * Moves on to the next usable endpoint after {@code reason} (an answer that failed validation); with one
   * endpoint nothing changes.
   */
  public void rotate(String reason) {
    for (int step = 1; step < endpoints.size(); step++) {
      int next = (current + step) % endpoints.size();
      if (endpoints.get(next).shutOut == null) {
        Endpoint from = endpoints.get(current);
        from.lastError = "answer failed validation: " + reason;
        from.lastErrorAt = Instant.now();
        LOG.warn("chain RPC rotated away [chain: {}, from: {}, to: {}]", chain, from.url, endpoints.get(next).url);
        current = next;
        return;
      }
    }
  }

  @Override
  public void close() {
    for (Endpoint e : endpoints) {
      e.web3j.shutdown();
    }
  }

  /** One {@code eth_call}. */
  public record Call(String to, String data) {}

  /** One endpoint's state: {@code shutOut} names why it is no longer used (another chain id). */
  public record EndpointStatus(String url, boolean current, boolean verified, String shutOut, String lastError,
                               Instant lastErrorAt) {}

  // ---------------------------------------------------------------------------------------------------------

  private <T> CompletionStage<T> call(String method, Function<Web3j, CompletionStage<T>> op) {
    return attempt(method, op, 0, null);
  }

  private <T> CompletionStage<T> attempt(String method, Function<Web3j, CompletionStage<T>> op, int tried,
                                         Throwable last) {
    if (tried >= endpoints.size()) {
      return CompletableFuture.failedFuture(new ChainUnavailableException(chain + ": no endpoint answered " + method
          + (last == null ? "" : ": " + last.getMessage()), last));
    }
    int index = (current + tried) % endpoints.size();
    Endpoint e = endpoints.get(index);
    if (e.shutOut != null) {
      return attempt(method, op, tried + 1, last == null ? new IllegalStateException(e.shutOut) : last);
    }
    return verify(e).thenCompose(v -> op.apply(e.web3j)).handle((value, error) -> {
      if (error == null) {
        if (current != index) {
          LOG.warn("chain RPC failed over [chain: {}, to: {}]", chain, e.url);
          current = index;
        }
        return CompletableFuture.completedFuture(value);
      }
      Throwable cause = unwrap(error);
      if (cause instanceof RpcException || cause instanceof IntegrityException || cause instanceof ChainMovedException) {
        return CompletableFuture.<T>failedFuture(cause);
      }
      e.lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
      e.lastErrorAt = Instant.now();
      return attempt(method, op, tried + 1, cause);
    }).thenCompose(Function.identity());
  }

  private CompletionStage<Void> verify(Endpoint e) {
    if (e.verified) {
      return CompletableFuture.completedFuture(null);
    }
    return e.web3j.ethChainId().sendAsync().thenAccept(r -> {
      long reported = check("eth_chainId", r).getChainId().longValueExact();
      if (reported != chainId) {
        e.shutOut = "reports chain id " + reported + ", configured " + chainId;
        LOG.error("chain RPC endpoint shut out [chain: {}, url: {}, reason: {}]", chain, e.url, e.shutOut);
        throw new WrongChain(e.url + " " + e.shutOut);
      }
      e.verified = true;
    });
  }

  private static <R extends Response<?>> R check(String method, R response) {
    if (response.hasError()) {
      throw new RpcException(method, response.getError().getCode(), response.getError().getMessage());
    }
    return response;
  }

  private static String value(EthCall r) {
    if (r.isReverted()) {
      throw new RpcException("eth_call", 3, "reverted: " + r.getRevertReason());
    }
    return r.getValue();
  }

  private static DefaultBlockParameter at(long block) {
    return block < 0 ? DefaultBlockParameterName.LATEST : DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
  }

  private static BlockRef ref(EthBlock.Block b) {
    return new BlockRef(b.getNumber().longValueExact(), b.getHash().toLowerCase(Locale.ROOT),
        b.getParentHash().toLowerCase(Locale.ROOT), b.getTimestamp().longValueExact());
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static final class WrongChain extends RuntimeException {
    WrongChain(String message) {
      super(message);
    }
  }

  private static final class Endpoint {
    final String url;
    final HttpService service;
    final Web3j web3j;
    volatile boolean verified;
    volatile String shutOut;
    volatile String lastError;
    volatile Instant lastErrorAt;

    Endpoint(String url, HttpService service, Web3j web3j) {
      this.url = url;
      this.service = service;
      this.web3j = web3j;
    }
  }
}
