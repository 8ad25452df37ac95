package io.rwaprime.web3;

/** No configured endpoint of a chain answered (or every one reports another chain). */
public final class ChainUnavailableException extends RuntimeException {

  public ChainUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
