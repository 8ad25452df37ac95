package io.rwaprime.common.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process store used when no Redis is configured: a concurrent map with expiry, swept once a
 * second. Shared by every verticle of the process, not across processes.
 */
public final class LocalKeyValueStore implements KeyValueStore {

  private record Entry(String value, long expiresAtNanos) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final long sweeper;

  public LocalKeyValueStore(Vertx vertx) {
    this.vertx = vertx;
    this.sweeper = vertx.setPeriodic(1000, id -> {
      long now = System.nanoTime();
      entries.values().removeIf(e -> e.expiresAtNanos - now <= 0);
    });
  }

  @Override
  public Future<Optional<String>> get(String key) {
    Entry e = entries.get(key);
    if (e == null || e.expiresAtNanos - System.nanoTime() <= 0) {
      return Future.succeededFuture(Optional.empty());
    }
    return Future.succeededFuture(Optional.of(e.value));
  }

  @Override
  public Future<Void> put(String key, String value, Duration ttl) {
    entries.put(key, new Entry(value, System.nanoTime() + ttl.toNanos()));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> delete(String key) {
    entries.remove(key);
    return Future.succeededFuture();
  }

  @Override
  public Future<RateDecision> take(String key, int limit, Duration window) {
    long nowMillis = System.currentTimeMillis();
    long nowNanos = System.nanoTime();
    RateDecision[] out = new RateDecision[1];
    entries.compute(key, (k, old) -> {
      double tokens = limit;
      long last = nowMillis;
      if (old != null && old.expiresAtNanos - nowNanos > 0) {
        int sep = old.value.indexOf(':');
        tokens = Double.parseDouble(old.value.substring(0, sep));
        last = Long.parseLong(old.value.substring(sep + 1));
      }
      TokenBucket.Result r = TokenBucket.take(tokens, last, nowMillis, limit, window.toMillis());
      out[0] = r.decision();
      return new Entry(r.tokens() + ":" + nowMillis, nowNanos + Math.max(1, r.decision().resetMillis()) * 1_000_000L);
    });
    return Future.succeededFuture(out[0]);
  }

  @Override
  public Future<Long> increment(String key, Duration ttl) {
    long now = System.nanoTime();
    Entry next = entries.compute(key, (k, old) -> {
      if (old == null || old.expiresAtNanos - now <= 0) {
        return new Entry("1", now + ttl.toNanos());
      }
      return new Entry(Long.toString(Long.parseLong(old.value) + 1), old.expiresAtNanos);
    });
    return Future.succeededFuture(Long.parseLong(next.value));
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public String kind() {
    return "in-process";
  }

  @Override
  public Future<Void> close() {
    vertx.cancelTimer(sweeper);
    entries.clear();
    return Future.succeededFuture();
  }
}
