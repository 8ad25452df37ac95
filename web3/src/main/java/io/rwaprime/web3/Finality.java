package io.rwaprime.web3;

import org.web3j.protocol.core.DefaultBlockParameterName;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Which blocks count as final: the node's {@code finalized} or {@code safe} block, or {@code confirmations} blocks
 * below the head. A node that has no such tag (or answers it with an error) falls back to the confirmations.
 *
 * @param mode          {@code finalized}, {@code safe} or {@code confirmations}
 * @param confirmations depth below the head used by {@code confirmations} and as the fallback
 */
public record Finality(Mode mode, int confirmations) {

  /** How the finality point is found. */
  public enum Mode { FINALIZED, SAFE, CONFIRMATIONS }

  public Finality {
    if (confirmations < 0) {
      throw new IllegalArgumentException("confirmations must be >= 0 (was " + confirmations + ")");
    }
  }

  /** Parses {@code finalized}, {@code safe} or {@code confirmations}. */
  public static Finality parse(String mode, int confirmations) {
    try {
      return new Finality(Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT)), confirmations);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("finality must be finalized, safe or confirmations (was '" + mode + "')");
    }
  }

  /** The last final block given the current head (never above it; -1 when none is final yet). */
  public CompletionStage<Long> resolve(ChainRpc rpc, long head) {
    long byDepth = Math.max(-1, head - confirmations);
    if (mode == Mode.CONFIRMATIONS) {
      return CompletableFuture.completedFuture(byDepth);
    }
    DefaultBlockParameterName tag = mode == Mode.FINALIZED ? DefaultBlockParameterName.FINALIZED
        : DefaultBlockParameterName.SAFE;
    return rpc.block(tag)
        .thenApply(b -> b.map(ref -> Math.min(head, ref.number())).orElse(byDepth))
        .exceptionally(e -> {
          if (ChainRpc.unwrap(e) instanceof RpcException) {
            return byDepth;
          }
          throw new java.util.concurrent.CompletionException(ChainRpc.unwrap(e));
        });
  }
}
