package io.rwaprime.ingestion.source;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The schedule of one polled key (a symbol, a series): one poll at a time; the next one an interval after the
 * previous one ended, or, after a failure, after the longer of the interval and the backoff, or, when the server
 * answered 429/503 with {@code Retry-After}, after the longer of the interval and that wait. Keys are independent:
 * a throttled or failing key does not delay the others. Runs on the context of the caller of {@link #start()}.
 */
final class PollLoop {

  private final Vertx vertx;
  private final String source;
  private final String key;
  private final long intervalMs;
  private final Backoff backoff;
  private final DoubleSupplier jitter;
  private final SourceStats stats;
  private final Logger log;
  private final Supplier<Future<Void>> poll;
  private long timer = -1;
  private boolean stopped = true;
  private int generation;
  private int failures;

  PollLoop(Vertx vertx, String source, String key, Duration interval, Backoff backoff, DoubleSupplier jitter,
           SourceStats stats, Logger log, Supplier<Future<Void>> poll) {
    this.vertx = vertx;
    this.source = source;
    this.key = key;
    this.intervalMs = interval.toMillis();
    this.backoff = backoff;
    this.jitter = jitter;
    this.stats = stats;
    this.log = log;
    this.poll = poll;
  }

  /** Polls now, then on schedule until {@link #stop()}. */
  void start() {
    if (!stopped) {
      return;
    }
    stopped = false;
    failures = 0;
    generation++;
    run(generation);
  }

  /** Cancels the next poll; a poll in flight finishes but schedules nothing. */
  void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void run(int gen) {
    timer = -1;
    if (stopped || gen != generation) {
      return;
    }
    Future<Void> f;
    try {
      f = poll.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      if (stopped || gen != generation) {
        return;
      }
      long delay = intervalMs;
      if (ar.succeeded()) {
        failures = 0;
      } else {
        failures++;
        String reason = PollFailure.redacted(ar.cause());
        stats.onError(key + ": " + reason);
        PollFailure pf = ar.cause() instanceof PollFailure p ? p : null;
        if (pf != null && pf.throttled()) {
          stats.onThrottled();
        }
        if (pf != null && pf.throttled() && pf.retryAfterMs >= 0) {
          delay = Math.max(intervalMs, pf.retryAfterMs);
        } else {
          delay = Math.max(intervalMs, backoff.delayMillis(failures, jitter.getAsDouble()));
        }
        log.warn("poll failed [source: {}, key: {}, reason: {}, consecutive: {}, next in ms: {}]",
            source, key, reason, failures, delay);
      }
      timer = vertx.setTimer(Math.max(1, delay), id -> run(gen));
    });
  }
}
