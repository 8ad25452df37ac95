package io.rwaprime.common.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Readiness checks of one process: each configured dependency (database, Redis, cluster, Kafka) and
 * each role's own condition registers a named check. A check that fails or takes longer than the
 * timeout makes the process not ready, and the answer names it.
 */
public final class HealthRegistry {

  /** The result of one check: up, or down with a reason safe to show to operators. */
  public record Check(String name, boolean up, String detail, JsonObject data) {
    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("status", up ? "UP" : "DOWN");
      if (detail != null) {
        json.put("detail", detail);
      }
      if (data != null && !data.isEmpty()) {
        json.put("data", data);
      }
      return json;
    }
  }

  private final Vertx vertx;
  private final Duration timeout;
  private final Map<String, Supplier<Future<JsonObject>>> checks = new ConcurrentHashMap<>();

  public HealthRegistry(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeout = timeout;
  }

  /**
   * Registers a check; its future succeeds (optionally with details to show) when the dependency is usable.
   * A second registration under the same name replaces the first.
   */
  public void register(String name, Supplier<Future<JsonObject>> check) {
    checks.put(name, check);
  }

  public void unregister(String name) {
    checks.remove(name);
  }

  /** Runs every check concurrently, each bounded by the timeout. */
  public Future<List<Check>> runAll() {
    List<String> names = new ArrayList<>(checks.keySet());
    names.sort(String::compareTo);
    List<Future<Check>> results = new ArrayList<>();
    for (String name : names) {
      results.add(run(name, checks.get(name)));
    }
    return Future.join(results).transform(ar -> {
      List<Check> out = new ArrayList<>();
      for (Future<Check> f : results) {
        out.add(f.result());
      }
      return Future.succeededFuture(out);
    });
  }

  private Future<Check> run(String name, Supplier<Future<JsonObject>> check) {
    Future<JsonObject> attempt;
    try {
      attempt = check.get();
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    return attempt.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .map(data -> new Check(name, true, null, data))
        .otherwise(err -> new Check(name, false, reason(err), null));
  }

  private static String reason(Throwable err) {
    if (err instanceof TimeoutException) {
      return "no answer within the check timeout";
    }
    String msg = err.getMessage();
    return msg == null || msg.isBlank() ? err.getClass().getSimpleName() : msg;
  }
}
