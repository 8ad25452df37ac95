package io.rwaprime.common.storage;

/** Tells failures worth retrying from those that will never succeed. */
public final class PoolErrors {

  private PoolErrors() {}

  /**
   * Whether the pool was closed: retrying cannot succeed. The launcher closes the pool only after every
   * verticle has flushed, so this happens when something stops out of order (or in a test that closes
   * the database first).
   */
  public static boolean closed(Throwable t) {
    return t != null && "Pool closed".equals(t.getMessage());
  }
}
