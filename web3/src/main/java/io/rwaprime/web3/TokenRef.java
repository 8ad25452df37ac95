package io.rwaprime.web3;

import java.util.Objects;

/**
 * One ERC-20 token the mesh scans.
 *
 * @param chain      configured chain name (e.g. {@code ethereum}); the store's key together with {@code address}
 * @param chainId    the EIP-155 chain id the RPC endpoints must report
 * @param symbol     the mesh symbol of the asset the token represents
 * @param address    token contract, lower case
 * @param decimals   the token's decimals (base units per token unit = 10^decimals)
 * @param startBlock first block scanned (the deployment block, or later to skip history)
 */
public record TokenRef(String chain, long chainId, String symbol, String address, int decimals, long startBlock) {

  public TokenRef {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(symbol, "symbol");
    address = EvmAddress.normalize(address, "token address");
    if (decimals < 0 || decimals > 77) {
      throw new IllegalArgumentException("decimals must be 0..77 (was " + decimals + ")");
    }
    if (startBlock < 0) {
      throw new IllegalArgumentException("startBlock must be >= 0 (was " + startBlock + ")");
    }
  }

  @Override
  public String toString() {
    return symbol + "@" + chain + ":" + address;
  }
}
