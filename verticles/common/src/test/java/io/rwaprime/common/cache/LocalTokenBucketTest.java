package io.rwaprime.common.cache;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process token bucket (no Redis configured) and the arithmetic shared with the Lua script. */
class LocalTokenBucketTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void refusesOverTheLimitAndSaysWhenToRetry() {
    LocalKeyValueStore store = new LocalKeyValueStore(vertx);
    for (int i = 0; i < 5; i++) {
      RateDecision d = store.take("k", 5, Duration.ofMinutes(1)).result();
      assertThat(d.allowed()).isTrue();
      assertThat(d.remaining()).isEqualTo(4 - i);
    }
    RateDecision refused = store.take("k", 5, Duration.ofMinutes(1)).result();
    assertThat(refused.allowed()).isFalse();
    // one token comes back every 12 s
    assertThat(refused.retryAfterMillis()).isBetween(11_000L, 12_000L);
    assertThat(store.take("other", 5, Duration.ofMinutes(1)).result().allowed()).as("buckets are per key").isTrue();
  }

  @Test
  void arithmeticRefillsContinuouslyAndCapsAtTheLimit() {
    // 10 per 1000 ms: 1 token per 100 ms
    TokenBucket.Result r = TokenBucket.take(0, 0, 250, 10, 1000);
    assertThat(r.decision().allowed()).isTrue();
    assertThat(r.tokens()).isEqualTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
    TokenBucket.Result idle = TokenBucket.take(3, 0, 1_000_000, 10, 1000);
    assertThat(idle.tokens()).as("never more than the limit").isEqualTo(9.0);
    TokenBucket.Result empty = TokenBucket.take(0.5, 0, 0, 10, 1000);
    assertThat(empty.decision().allowed()).isFalse();
    assertThat(empty.decision().retryAfterMillis()).isEqualTo(50);
    assertThat(empty.decision().resetMillis()).isEqualTo(950);
  }
}
