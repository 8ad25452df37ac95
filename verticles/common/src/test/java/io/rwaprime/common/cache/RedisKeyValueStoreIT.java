package io.rwaprime.common.cache;

import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.testkit.RedisExtension;
import io.rwaprime.testkit.RedisServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redis-backed store against a real redis-server on loopback, including a server restart. */
@ExtendWith(RedisExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RedisKeyValueStoreIT {

  private Vertx vertx;
  private RedisKeyValueStore store;

  @BeforeEach
  void connect(RedisServer redis) throws Exception {
    vertx = Vertx.vertx();
    store = RedisKeyValueStore.connect(vertx, new RwaConfig.Redis(Optional.of(redis.uri()), 4,
        Duration.ofMillis(50), Duration.ofMillis(400))).await(20, TimeUnit.SECONDS);
  }

  @AfterEach
  void close() {
    store.close().await();
    vertx.close().await();
  }

  @Test
  void storesReadsAndExpiresValues() throws Exception {
    store.put("it:k1", "v1", Duration.ofSeconds(30)).await();
    assertThat(store.get("it:k1").await()).contains("v1");
    store.put("it:short", "v", Duration.ofMillis(100)).await();
    vertx.timer(300).await();
    assertThat(store.get("it:short").await()).isEmpty();
    store.delete("it:k1").await();
    assertThat(store.get("it:k1").await()).isEmpty();
  }

  @Test
  void counterIsCreatedWithAnExpiry() throws Exception {
    assertThat(store.increment("it:counter", Duration.ofMillis(300)).await()).isEqualTo(1);
    assertThat(store.increment("it:counter", Duration.ofMillis(300)).await()).isEqualTo(2);
    vertx.timer(500).await();
    assertThat(store.increment("it:counter", Duration.ofMillis(300)).await()).isEqualTo(1);
  }

  @Test
  void reconnectsAfterTheServerRestarts(RedisServer redis) throws Exception {
    store.put("it:before", "x", Duration.ofMinutes(1)).await();
    redis.stop();
    try {
      boolean failed = false;
      for (int i = 0; i < 50 && !failed; i++) {
        failed = store.ping().transform(ar -> io.vertx.core.Future.succeededFuture(ar.failed())).await();
        if (!failed) {
          vertx.timer(100).await();
        }
      }
      assertThat(failed).as("ping fails while Redis is down").isTrue();
    } finally {
      redis.start();
    }
    boolean back = false;
    for (int i = 0; i < 100 && !back; i++) {
      back = store.ping().transform(ar -> io.vertx.core.Future.succeededFuture(ar.succeeded())).await();
      if (!back) {
        vertx.timer(100).await();
      }
    }
    assertThat(back).as("the store answers again after Redis restarted").isTrue();
    store.put("it:after", "y", Duration.ofMinutes(1)).await();
    assertThat(store.get("it:after").await()).contains("y");
  }

  @Test
  void tokenBucketIsAtomicUnderConcurrencyAndRefills() throws Exception {
    java.util.List<io.vertx.core.Future<RateDecision>> all = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(store.take("it:bucket", 50, Duration.ofMinutes(1)));
    }
    io.vertx.core.Future.all(all).await(20, TimeUnit.SECONDS);
    long allowed = all.stream().filter(f -> f.result().allowed()).count();
    assertThat(allowed).as("exactly the bucket's size passes, however many race").isEqualTo(50);
    RateDecision refused = all.get(199).result();
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterMillis()).isBetween(1L, 1200L);
    assertThat(refused.remaining()).isZero();
    // a small bucket refills: 2 per 200 ms
    assertThat(store.take("it:small", 2, Duration.ofMillis(200)).await().allowed()).isTrue();
    assertThat(store.take("it:small", 2, Duration.ofMillis(200)).await().allowed()).isTrue();
    assertThat(store.take("it:small", 2, Duration.ofMillis(200)).await().allowed()).isFalse();
    vertx.timer(250).await();
    assertThat(store.take("it:small", 2, Duration.ofMillis(200)).await().allowed()).isTrue();
    // and its key expires once it would be full again, so no bucket lives forever
    vertx.timer(400).await();
    assertThat(store.get("it:small").await()).isEmpty();
  }
}
