package io.rwaprime.web3;

/**
 * What a provider answered cannot be true of the chain that was asked: a log from another contract, a block hash
 * that is not the block's, a log outside the requested range, a duplicate log, a reorg below the finality point.
 * Nothing of the answer is applied; the finding is recorded and reported.
 */
public final class IntegrityException extends RuntimeException {

  public IntegrityException(String message) {
    super(message);
  }
}
