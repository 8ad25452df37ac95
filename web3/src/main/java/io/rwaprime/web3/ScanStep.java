package io.rwaprime.web3;

import java.util.List;

/**
 * One scanned range to apply atomically.
 *
 * @param expectedScannedTo the checkpoint this step continues (optimistic concurrency)
 * @param transfers         the range's transfers in block and log order
 * @param provisional       headers of the range's blocks above the finality point
 * @param scannedTo         the new checkpoint (end of the range)
 * @param finalizedTo       the new finality point ({@code <= scannedTo}); block hashes at or below it are dropped
 * @param finalizedHash     hash of {@code finalizedTo}
 */
public record ScanStep(long expectedScannedTo, List<Transfer> transfers, List<BlockRef> provisional, long scannedTo,
                       long finalizedTo, String finalizedHash) {

  public ScanStep {
    transfers = List.copyOf(transfers);
    provisional = List.copyOf(provisional);
  }
}
