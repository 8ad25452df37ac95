package io.rwaprime.app;

import io.rwaprime.events.Addresses;
import io.rwaprime.events.Tick;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives a mesh with the alerts role from a test: REST calls, ticks on the bus, waits for conditions. */
final class AlertsMesh {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final AtomicLong SEQ = new AtomicLong();

  private final MeshLauncher launcher;
  private final String base;

  AlertsMesh(MeshLauncher launcher, String base) {
    this.launcher = launcher;
    this.base = base;
  }

  /** Sends a request (JSON body, bearer token when given) and checks its status. */
  HttpResponse<String> call(String method, String path, String token, JsonObject body, int expected) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
        .header("Accept", "application/json");
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s %s → %s", method, path, r.body()).isEqualTo(expected);
    return r;
  }

  /** A tick of volume 1 from {@code source} at {@code at} on {@code rwa.ticks}. */
  void tick(String eventId, String symbol, String price, Instant at, String source) {
    tick(eventId, symbol, price, BigDecimal.ONE, at, source);
  }

  /** A tick of {@code volume} from {@code source} at {@code at} on {@code rwa.ticks}. */
  void tick(String eventId, String symbol, String price, BigDecimal volume, Instant at, String source) {
    launcher.vertx().eventBus().publish(Addresses.TICKS, new Tick(eventId, symbol, source, new BigDecimal(price),
        volume, "USD", at, Instant.now(), SEQ.incrementAndGet()));
  }

  /**
   * Runs {@code change} and waits until the alerts instance that owns the rule's asset has applied it to its
   * indexes (any rule when {@code ruleId} is null, e.g. a rule being created).
   */
  <T> T applied(String ruleId, Callable<T> change) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    MessageConsumer<JsonObject> c = launcher.vertx().eventBus().consumer(Addresses.ALERT_RULES + ".applied", m -> {
      if (ruleId == null || ruleId.equals(m.body().getString("rule_id"))) {
        done.complete(null);
      }
    });
    try {
      c.completion().await(5, TimeUnit.SECONDS);
      T result = change.call();
      done.get(10, TimeUnit.SECONDS);
      return result;
    } finally {
      c.unregister();
    }
  }

  /** Polls {@code condition} every 100 ms for up to {@code seconds}. */
  static void await(String what, int seconds, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (condition.call()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
