package io.rwaprime.common.cache;

/**
 * The token-bucket arithmetic shared by the Redis script and the in-process store: a bucket holds at most
 * {@code limit} tokens, refills continuously at {@code limit} per {@code windowMillis}, and each request takes one.
 * A new bucket starts full. The Lua script in {@link RedisKeyValueStore} is this method line for line.
 */
final class TokenBucket {

  private TokenBucket() {
  }

  /** State after a take: tokens left (fractional) and the decision. */
  record Result(double tokens, RateDecision decision) {}

  static Result take(double tokens, long lastMillis, long nowMillis, int limit, long windowMillis) {
    double refill = Math.max(0, nowMillis - lastMillis) * (double) limit / windowMillis;
    double t = Math.min(limit, tokens + refill);
    boolean allowed = t >= 1;
    long retry = 0;
    if (allowed) {
      t -= 1;
    } else {
      retry = (long) Math.ceil((1 - t) * windowMillis / limit);
    }
    long reset = (long) Math.ceil((limit - t) * windowMillis / limit);
    return new Result(t, new RateDecision(allowed, limit, (int) Math.floor(t), reset, retry));
  }
}
