package io.rwaprime.common.cache;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.Optional;

/**
 * Short-lived shared state: latest prices and predictions (TTL), counters for rate limits. Backed by
 * Redis when configured, otherwise kept in this process. Every key written has an expiry.
 */
public interface KeyValueStore {

  Future<Optional<String>> get(String key);

  /** Stores a value that expires after {@code ttl}. */
  Future<Void> put(String key, String value, Duration ttl);

  Future<Void> delete(String key);

  /** Adds one to a counter, setting its expiry when it is created; returns the new value. */
  Future<Long> increment(String key, Duration ttl);

  /**
   * Takes one token from the bucket {@code key} that holds at most {@code limit} tokens and refills at
   * {@code limit} per {@code window} (atomically, also across processes sharing Redis). The bucket's key expires
   * once it would be full again, so no key is left without an expiry.
   */
  Future<RateDecision> take(String key, int limit, java.time.Duration window);

  /** Succeeds when the store answers; used by readiness. */
  Future<Void> ping();

  /** {@code redis} or {@code in-process}. */
  String kind();

  Future<Void> close();
}
