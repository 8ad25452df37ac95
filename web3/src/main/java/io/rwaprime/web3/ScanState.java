package io.rwaprime.web3;

import java.math.BigInteger;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A token's checkpoint.
 *
 * @param scannedTo      last block applied ({@code startBlock - 1}: none yet)
 * @param finalizedTo    last block treated as final; the blocks above it are provisional
 * @param finalizedHash  hash of {@code finalizedTo} when known
 * @param provisional    hashes of the applied blocks above {@code finalizedTo}, by height
 * @param supplyBaseline totalSupply() just before the start block
 */
public record ScanState(long scannedTo, long finalizedTo, String finalizedHash, NavigableMap<Long, String> provisional,
                        BigInteger supplyBaseline) {

  public ScanState {
    provisional = Collections.unmodifiableNavigableMap(new TreeMap<>(provisional));
  }
}
