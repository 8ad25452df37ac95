package io.rwaprime.web3;

import java.util.List;

/** What a {@link TokenScanner} tells as it goes; called after the store has the change. */
public interface ScanListener {

  /** Transfers applied; those in blocks above {@code finalizedTo} are provisional. */
  default void applied(TokenRef token, List<Transfer> transfers, long finalizedTo) {}

  /** A reorg took {@code removed} back: every block above {@code keptUpTo} is gone from the ledger. */
  default void rolledBack(TokenRef token, long keptUpTo, List<Transfer> removed) {}

  /** An integrity finding (rejected answer, supply or balance mismatch); {@code null}: a check came out clean. */
  default void integrity(TokenRef token, String finding) {}
}
