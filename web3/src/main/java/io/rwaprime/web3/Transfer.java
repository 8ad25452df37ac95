package io.rwaprime.web3;

import java.math.BigInteger;

/**
 * One ERC-20 {@code Transfer(from, to, value)} log, validated against what was asked for.
 *
 * @param blockNumber block height
 * @param logIndex    position of the log in its block
 * @param blockHash   hash of the block that holds it (checked against the block header)
 * @param blockTime   block time, seconds since the epoch
 * @param txHash      transaction hash
 * @param from        sender, lower case; {@link EvmAddress#ZERO} for a mint
 * @param to          recipient, lower case; {@link EvmAddress#ZERO} for a burn
 * @param value       amount in base units
 */
public record Transfer(long blockNumber, int logIndex, String blockHash, long blockTime, String txHash, String from,
                       String to, BigInteger value) {

  /** Whether it creates tokens (sent from the zero address). */
  public boolean isMint() {
    return from.equals(EvmAddress.ZERO);
  }

  /** Whether it destroys tokens (sent to the zero address). */
  public boolean isBurn() {
    return to.equals(EvmAddress.ZERO);
  }

  Transfer withBlockTime(long time) {
    return new Transfer(blockNumber, logIndex, blockHash, time, txHash, from, to, value);
  }
}
