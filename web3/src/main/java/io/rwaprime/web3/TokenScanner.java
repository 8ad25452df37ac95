package io.rwaprime.web3;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Scans one ERC-20 token's {@code Transfer} logs into a {@link ScanStore}, reorg-safe.
 *
 * <ul>
 *   <li><b>Ranges</b>: {@code eth_getLogs} over adaptive block ranges — halved when the provider refuses a range
 *       (too many results, range too wide: any JSON-RPC error), doubled again while answers stay small.</li>
 *   <li><b>Validation</b>: every log must come from the token, be a Transfer, lie in the asked range, and carry
 *       the hash of the header of its block; otherwise nothing of the range is applied
 *       ({@link IntegrityException}, and the RPC rotates to its next endpoint).</li>
 *   <li><b>Finality</b>: blocks above the {@link Finality} point are provisional: their hashes are kept. Each pass
 *       first compares the newest kept hash with the chain; on a mismatch it finds the highest block that still
 *       matches and rolls everything above it back, then scans again. {@code removed: true} is never relied on —
 *       nodes such as anvil never send it and {@code eth_getLogs} never returns removed logs.</li>
 *   <li><b>Cross-checks</b>: after applying, the ledger's supply is compared with {@code totalSupply()} and the
 *       ledger balances of the holders just touched with {@code balanceOf} at the same block; a difference means
 *       the provider left logs out and is recorded as a finding.</li>
 * </ul>
 * One scanner per token; passes must not overlap (the caller serializes them).
 */
public final class TokenScanner {

  private static final Logger LOG = LoggerFactory.getLogger(TokenScanner.class);
  private static final int CHAIN_MOVED_RETRIES = 3;

  /**
   * @param initialRange first {@code eth_getLogs} range, in blocks
   * @param maxRange     largest range
   * @param growBelow    a range answered with fewer logs than this doubles the next one
   * @param maxRanges    ranges applied per pass before it returns (the caller runs the next pass at once)
   * @param checkHolders holders whose balance is cross-checked after a pass that applied transfers
   */
  public record Options(int initialRange, int maxRange, int growBelow, int maxRanges, int checkHolders) {
    public static Options defaults() {
      return new Options(2_000, 100_000, 2_000, 50, 20);
    }
  }

  private final ChainRpc rpc;
  private final TokenRef token;
  private final ScanStore store;
  private final Finality finality;
  private final ScanListener listener;
  private final Options options;
  private volatile int range;
  private volatile BigInteger baseline;
  private volatile boolean checkedOnce;

  public TokenScanner(ChainRpc rpc, TokenRef token, ScanStore store, Finality finality, ScanListener listener,
                      Options options) {
    this.rpc = rpc;
    this.token = token;
    this.store = store;
    this.finality = finality;
    this.listener = listener;
    this.options = options;
    this.range = Math.max(1, options.initialRange());
  }

  /** The scanned token. */
  public TokenRef token() {
    return token;
  }

  /** The current {@code eth_getLogs} range, in blocks. */
  public int range() {
    return range;
  }

  /**
   * One pass: reorg check, then ranges up to the head (at most {@link Options#maxRanges}), then the cross-checks.
   * An integrity finding does not fail the stage: it is recorded, reported and the pass stops where it was.
   */
  public CompletionStage<SyncReport> sync() {
    return attempt(0);
  }

  private CompletionStage<SyncReport> attempt(int moved) {
    Progress p = new Progress();
    return baseline().thenCompose(b -> store.open(token, b)).thenCompose(state ->
        rpc.blockNumber().thenCompose(head -> {
          p.head = head;
          return finality.resolve(rpc, head).thenCompose(fin ->
              detectReorg(state, p).thenCompose(current -> pass(current, head, fin, p)));
        }))
        .thenCompose(report -> report.caughtUp() && (report.applied() > 0 || report.rolledBack() > 0 || !checkedOnce)
            ? crossCheck(report, p) : CompletableFuture.completedFuture(report))
        .handle((report, error) -> {
          if (error == null) {
            return CompletableFuture.completedFuture(report);
          }
          Throwable cause = ChainRpc.unwrap(error);
          if (cause instanceof ChainMovedException && moved < CHAIN_MOVED_RETRIES) {
            LOG.debug("chain moved during a pass, again [token: {}, why: {}]", token, cause.getMessage());
            return attempt(moved + 1);
          }
          if (cause instanceof ChainMovedException || cause instanceof IntegrityException) {
            String finding = cause instanceof ChainMovedException
                ? "answers stayed inconsistent " + (CHAIN_MOVED_RETRIES + 1) + " times in a row: " + cause.getMessage()
                : cause.getMessage();
            return flag(finding, p);
          }
          return CompletableFuture.<SyncReport>failedFuture(cause);
        })
        .thenCompose(Function.identity());
  }

  private CompletionStage<SyncReport> flag(String finding, Progress p) {
    LOG.warn("on-chain integrity finding [token: {}, finding: {}]", token, finding);
    rpc.rotate(finding);
    return store.integrity(token, finding, null, -1).thenApply(v -> {
      listener.integrity(token, finding);
      return new SyncReport(p.head, p.scannedTo, p.finalizedTo, p.applied, p.rolledBack, p.ranges, p.splits, false,
          finding);
    });
  }

  private CompletionStage<BigInteger> baseline() {
    if (baseline != null) {
      return CompletableFuture.completedFuture(baseline);
    }
    if (token.startBlock() == 0) {
      baseline = BigInteger.ZERO;
      return CompletableFuture.completedFuture(baseline);
    }
    // the supply the ledger cannot see: what existed before the first scanned block (none when not deployed yet)
    return rpc.call(token.address(), Erc20.totalSupply(), token.startBlock() - 1)
        .thenApply(hex -> Erc20.words(hex, 1).get(0))
        .exceptionally(e -> {
          if (ChainRpc.unwrap(e) instanceof RpcException || ChainRpc.unwrap(e) instanceof IllegalArgumentException) {
            return BigInteger.ZERO;
          }
          throw new java.util.concurrent.CompletionException(ChainRpc.unwrap(e));
        })
        .thenApply(b -> {
          if (b.signum() > 0) {
            // holders from before the start block are unknown: their first transfer would look like missing logs
            throw new IllegalStateException(token + ": start block " + token.startBlock() + " is after the token's first "
                + "mint (totalSupply() just before it is " + b + "): the holder ledger needs the whole history; set "
                + "start-block to the deployment block or earlier");
          }
          baseline = b;
          return b;
        });
  }

  // ------------------------------------------------------------------------------------------------ reorgs

  private CompletionStage<ScanState> detectReorg(ScanState state, Progress p) {
    p.note(state);
    if (state.provisional().isEmpty() && state.finalizedHash() == null) {
      return CompletableFuture.completedFuture(state);
    }
    List<Long> probe = new ArrayList<>();
    if (!state.provisional().isEmpty()) {
      probe.add(state.provisional().lastKey());
    }
    if (state.finalizedHash() != null) {
      probe.add(state.finalizedTo());
    }
    return rpc.blocks(probe).thenCompose(now -> {
      if (state.finalizedHash() != null) {
        BlockRef f = now.get(state.finalizedTo());
        if (f == null || !f.hash().equals(state.finalizedHash())) {
          throw new IntegrityException("reorg below the finality point: block " + state.finalizedTo() + " was "
              + state.finalizedHash() + ", the chain now has " + (f == null ? "no such block" : f.hash()));
        }
      }
      if (state.provisional().isEmpty()) {
        return CompletableFuture.completedFuture(state);
      }
      long top = state.provisional().lastKey();
      BlockRef head = now.get(top);
      if (head != null && head.hash().equals(state.provisional().get(top))) {
        return CompletableFuture.completedFuture(state);
      }
      return rpc.blocks(state.provisional().keySet()).thenCompose(all -> {
        long keep = state.finalizedTo();
        for (long n : state.provisional().descendingKeySet()) {
          BlockRef b = all.get(n);
          if (b != null && b.hash().equals(state.provisional().get(n))) {
            keep = n;
            break;
          }
        }
        long kept = keep;
        LOG.info("reorg [token: {}, kept up to: {}, was at: {}]", token, kept, state.scannedTo());
        return store.rollback(token, kept, state.scannedTo()).thenCompose(removed -> {
          p.rolledBack += removed.size();
          listener.rolledBack(token, kept, removed);
          return store.open(token, baseline);
        }).thenApply(s -> {
          p.note(s);
          return s;
        });
      });
    });
  }

  // ------------------------------------------------------------------------------------------------ ranges

  private CompletionStage<SyncReport> pass(ScanState state, long head, long fin, Progress p) {
    p.note(state);
    long from = state.scannedTo() + 1;
    if (from > head || p.ranges >= options.maxRanges()) {
      long newFinal = Math.min(fin, state.scannedTo());
      CompletionStage<Void> advanced = CompletableFuture.completedFuture(null);
      if (newFinal > state.finalizedTo() && state.provisional().containsKey(newFinal)) {
        advanced = store.commit(token, new ScanStep(state.scannedTo(), List.of(), List.of(), state.scannedTo(), newFinal,
            state.provisional().get(newFinal)));
        p.finalizedTo = newFinal;
      }
      boolean caughtUp = from > head;
      return advanced.thenApply(v -> new SyncReport(head, p.scannedTo, p.finalizedTo, p.applied, p.rolledBack, p.ranges,
          p.splits, caughtUp, null));
    }
    long to = Math.min(head, from + range - 1);
    return rpc.logs(token.address(), Erc20.TRANSFER_TOPIC, from, to).handle((logs, error) -> {
      if (error == null) {
        return applyRange(state, head, fin, from, to, logs, p);
      }
      Throwable cause = ChainRpc.unwrap(error);
      if (cause instanceof RpcException && to > from) {
        range = (int) Math.max(1, (to - from + 1) / 2);
        p.splits++;
        LOG.debug("range refused, halved [token: {}, range: {}, why: {}]", token, range, cause.getMessage());
        return pass(state, head, fin, p);
      }
      return CompletableFuture.<SyncReport>failedFuture(cause);
    }).thenCompose(Function.identity());
  }

  private CompletionStage<SyncReport> applyRange(ScanState state, long head, long fin, long from, long to,
                                                 List<Log> logs, Progress p) {
    List<Transfer> decoded = new ArrayList<>(logs.size());
    Set<String> seen = new HashSet<>();
    for (Log log : logs) {
      Transfer t = Erc20.decode(log, token, from, to);
      if (!seen.add(t.blockNumber() + ":" + t.logIndex())) {
        throw new IntegrityException("log " + t.logIndex() + " of block " + t.blockNumber() + " was answered twice");
      }
      decoded.add(t);
    }
    decoded.sort(Comparator.comparingLong(Transfer::blockNumber).thenComparingInt(Transfer::logIndex));
    long provisionalFrom = Math.max(from, fin + 1);
    long newFinal = Math.max(state.finalizedTo(), Math.min(fin, to));
    TreeSet<Long> need = new TreeSet<>();
    for (Transfer t : decoded) {
      need.add(t.blockNumber());
    }
    for (long n = provisionalFrom; n <= to; n++) {
      need.add(n);
    }
    if (provisionalFrom > from && provisionalFrom <= to) {
      need.add(provisionalFrom - 1);
    }
    if (newFinal >= from) {
      need.add(newFinal);
    }
    return rpc.blocks(need).thenCompose(headers -> {
      for (long n : need) {
        if (!headers.containsKey(n)) {
          throw new ChainMovedException("block " + n + " is gone from the chain");
        }
      }
      List<Transfer> timed = new ArrayList<>(decoded.size());
      for (Transfer t : decoded) {
        BlockRef h = headers.get(t.blockNumber());
        if (!h.hash().equals(t.blockHash())) {
          throw new ChainMovedException("log " + t.logIndex() + " of block " + t.blockNumber() + " carries block hash "
              + t.blockHash() + ", the block's header has " + h.hash());
        }
        timed.add(t.withBlockTime(h.timestamp()));
      }
      List<BlockRef> provisional = new ArrayList<>();
      for (long n = provisionalFrom; n <= to; n++) {
        BlockRef h = headers.get(n);
        String parent = headers.containsKey(n - 1) ? headers.get(n - 1).hash() : state.provisional().get(n - 1);
        if (parent != null && !parent.equals(h.parentHash())) {
          throw new ChainMovedException("block " + n + " has parent " + h.parentHash() + ", block " + (n - 1) + " is "
              + parent);
        }
        provisional.add(h);
      }
      String finalHash = headers.containsKey(newFinal) ? headers.get(newFinal).hash()
          : newFinal == state.finalizedTo() ? state.finalizedHash() : state.provisional().get(newFinal);
      ScanStep step = new ScanStep(state.scannedTo(), timed, provisional, to, newFinal, finalHash);
      return store.commit(token, step).thenCompose(v -> {
        p.applied += timed.size();
        p.ranges++;
        p.touched(timed);
        listener.applied(token, timed, newFinal);
        if (logs.size() < options.growBelow() && range < options.maxRange()) {
          range = (int) Math.min(options.maxRange(), (long) range * 2);
        }
        NavigableMap<Long, String> kept = new TreeMap<>(state.provisional());
        for (BlockRef b : provisional) {
          kept.put(b.number(), b.hash());
        }
        kept.headMap(newFinal, true).clear();
        return pass(new ScanState(to, newFinal, finalHash, kept, state.supplyBaseline()), head, fin, p);
      });
    });
  }

  // ------------------------------------------------------------------------------------------------ cross-checks

  private CompletionStage<SyncReport> crossCheck(SyncReport report, Progress p) {
    long block = report.scannedTo();
    if (block < token.startBlock()) {
      return CompletableFuture.completedFuture(report);
    }
    List<String> holders = new ArrayList<>(p.touched);
    List<ChainRpc.Call> calls = new ArrayList<>();
    calls.add(new ChainRpc.Call(token.address(), Erc20.totalSupply()));
    for (String h : holders) {
      calls.add(new ChainRpc.Call(token.address(), Erc20.balanceOf(h)));
    }
    return rpc.calls(calls, block).thenCompose(answers ->
        store.ledgerSupply(token).thenCompose(ledger -> store.balances(token, holders).thenCompose(balances -> {
          BigInteger onchain = Erc20.words(answers.get(0), 1).get(0);
          List<String> findings = new ArrayList<>();
          if (!onchain.equals(ledger)) {
            findings.add("supply at block " + block + ": totalSupply() " + onchain + ", ledger " + ledger);
          }
          for (int i = 0; i < holders.size(); i++) {
            BigInteger chain = Erc20.words(answers.get(i + 1), 1).get(0);
            BigInteger mine = balances.getOrDefault(holders.get(i), BigInteger.ZERO);
            if (!chain.equals(mine)) {
              findings.add("balance of " + holders.get(i) + " at block " + block + ": balanceOf() " + chain
                  + ", ledger " + mine);
            }
          }
          String finding = findings.isEmpty() ? null
              : "the provider left logs out (" + String.join("; ", findings.subList(0, Math.min(3, findings.size())))
                  + (findings.size() > 3 ? "; " + (findings.size() - 3) + " more" : "") + ")";
          checkedOnce = true;
          if (finding != null) {
            LOG.warn("on-chain integrity finding [token: {}, finding: {}]", token, finding);
            rpc.rotate(finding);
          }
          return store.integrity(token, finding, onchain, block).thenApply(v -> {
            listener.integrity(token, finding);
            return new SyncReport(report.head(), report.scannedTo(), report.finalizedTo(), report.applied(),
                report.rolledBack(), report.ranges(), report.splits(), report.caughtUp(), finding);
          });
        })));
  }

  private final class Progress {
    long head = -1;
    long scannedTo = -1;
    long finalizedTo = -1;
    int applied;
    int rolledBack;
    int ranges;
    int splits;
    final LinkedHashSet<String> touched = new LinkedHashSet<>();

    void note(ScanState s) {
      scannedTo = s.scannedTo();
      finalizedTo = s.finalizedTo();
    }

    /** The newest distinct parties of the applied transfers, at most {@link Options#checkHolders}. */
    void touched(List<Transfer> transfers) {
      for (Transfer t : transfers) {
        for (String a : List.of(t.from(), t.to())) {
          if (!a.equals(EvmAddress.ZERO)) {
            touched.remove(a);
            touched.add(a);
          }
        }
      }
      while (touched.size() > options.checkHolders()) {
        touched.remove(touched.iterator().next());
      }
    }
  }
}
