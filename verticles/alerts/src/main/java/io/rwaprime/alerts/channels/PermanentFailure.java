package io.rwaprime.alerts.channels;

/** The destination can never work (revoked token, blocked bot, refused URL): do not retry; prune it. */
public final class PermanentFailure extends RuntimeException {

  public PermanentFailure(String message) {
    super(message);
  }
}
