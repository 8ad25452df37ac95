package io.rwaprime.web3;

/**
 * The chain changed while a range was being read (a log's block hash or a header's parent does not match a block
 * read moments before): nothing was applied and the pass should simply run again.
 */
public final class ChainMovedException extends RuntimeException {

  public ChainMovedException(String message) {
    super(message);
  }
}
