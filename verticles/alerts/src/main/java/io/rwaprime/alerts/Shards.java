package io.rwaprime.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Which alerts instance evaluates which asset, so that several instances (verticles of one process, or processes of
 * the cluster) share the work: every instance heartbeats its id into the cluster-wide map {@value #MAP} (a TTL
 * entry), reads the live ids back, and owns the assets whose rendezvous hash (highest {@code hash(member, symbol)})
 * names it. When an instance joins or leaves, the others see the new member list within one heartbeat and take over
 * or hand back assets ({@code onChange}). During that moment two instances may both evaluate an asset; the
 * deterministic trigger ids make any double firing a single recorded one, so nothing is sent twice.
 */
final class Shards {

  static final String MAP = "rwa.alerts.members";
  static final long HEARTBEAT_MS = 3_000;
  static final long TTL_MS = 10_000;

  private final Vertx vertx;
  private final String self = UUID.randomUUID().toString();
  private volatile List<String> members = List.of(self);

  Shards(Vertx vertx) {
    this.vertx = vertx;
  }

  String self() {
    return self;
  }

  /** Registers this instance, then keeps the member list fresh; {@code onChange} runs when it changes. */
  Future<Void> start(Consumer<List<String>> onChange) {
    return beat().compose(v -> refresh(onChange)).onSuccess(v -> vertx.setPeriodic(HEARTBEAT_MS,
        id -> beat().compose(x -> refresh(onChange))));
  }

  private Future<AsyncMap<String, Long>> map() {
    return vertx.sharedData().getAsyncMap(MAP);
  }

  private Future<Void> beat() {
    return map().compose(m -> m.put(self, System.currentTimeMillis(), TTL_MS));
  }

  private Future<Void> refresh(Consumer<List<String>> onChange) {
    return map().compose(AsyncMap::keys).map(keys -> {
      List<String> now = keys.stream().sorted().toList();
      if (now.isEmpty()) {
        now = List.of(self);
      }
      if (!now.equals(members)) {
        members = now;
        onChange.accept(now);
      }
      return null;
    });
  }

  /** Leaves the member list (on undeploy). */
  Future<Void> stop() {
    return map().compose(m -> m.remove(self)).mapEmpty();
  }

  boolean owns(String symbol) {
    return owner(symbol, members).equals(self);
  }

  /** The member of {@code members} with the highest hash for {@code symbol} (rendezvous hashing). */
  static String owner(String symbol, List<String> members) {
    String best = null;
    long bestScore = Long.MIN_VALUE;
    for (String m : members) {
      long score = hash(m + "|" + symbol);
      if (best == null || score > bestScore || (score == bestScore && m.compareTo(best) < 0)) {
        best = m;
        bestScore = score;
      }
    }
    return best;
  }

  private static long hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (d[i] & 0xff);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
