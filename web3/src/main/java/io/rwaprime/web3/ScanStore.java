package io.rwaprime.web3;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Where a {@link TokenScanner} keeps its checkpoint, the provisional block hashes and the holder ledger. Every
 * method is atomic: a commit applies its transfers, balances, blocks and checkpoint together or not at all, and
 * refuses to run when the checkpoint is no longer at {@code expectedScannedTo} (another scanner got there first).
 */
public interface ScanStore {

  /** The token's state, created at {@code startBlock - 1} (with {@code supplyBaseline}) when it is new. */
  CompletionStage<ScanState> open(TokenRef token, BigInteger supplyBaseline);

  /** Applies one scanned range. */
  CompletionStage<Void> commit(TokenRef token, ScanStep step);

  /**
   * Undoes everything above block {@code keepUpTo}: transfers, their balance effects and the block hashes; the
   * checkpoint goes back to {@code keepUpTo}.
   *
   * @return the transfers taken back, in block order
   */
  CompletionStage<List<Transfer>> rollback(TokenRef token, long keepUpTo, long expectedScannedTo);

  /** The ledger's supply: the baseline plus every mint minus every burn applied. */
  CompletionStage<BigInteger> ledgerSupply(TokenRef token);

  /** The ledger balances of some holders (absent: never held anything). */
  CompletionStage<Map<String, BigInteger>> balances(TokenRef token, List<String> holders);

  /**
   * Records the result of an integrity check ({@code finding == null}: clean) with the on-chain supply seen at
   * {@code block}.
   */
  CompletionStage<Void> integrity(TokenRef token, String finding, BigInteger onchainSupply, long block);
}
