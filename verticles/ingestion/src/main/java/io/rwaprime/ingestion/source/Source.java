package io.rwaprime.ingestion.source;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A connector that pulls or receives data from one external provider and emits {@code RawRecord}s to a
 * {@link RawSink}. A source never validates values (cleansing does, and dead-letters what is wrong); it only
 * maps the provider's fields into the payload form that cleansing reads.
 *
 * <p>Life cycle: {@link #start()} begins work on the calling context (call it from a verticle) and succeeds
 * at once: an unreachable provider is retried with backoff, it is not a start failure. It fails only on a
 * configuration error found at start, such as a missing environment variable. {@link #stop()} cancels timers,
 * closes connections and completes when they are closed; no record is emitted after it completed.
 */
public interface Source {

  /** The source's configured name, also the {@code source} of its records. */
  String name();

  /** Starts polling or connecting; see the class description. */
  Future<Void> start();

  /** Stops; see the class description. */
  Future<Void> stop();

  /** Live counters, safe to read from any thread. */
  SourceStats stats();

  /**
   * The source a configuration describes, with environment variables read from the process environment.
   *
   * @param sink receives the records
   * @param gaps told about sequence gaps (used by {@link WebSocketSource} only)
   */
  static Source create(Vertx vertx, SourceConfig config, RawSink sink, GapListener gaps) {
    return switch (config) {
      case HttpPollingConfig c -> new HttpPollingSource(vertx, c, sink);
      case WebSocketConfig c -> new WebSocketSource(vertx, c, sink, gaps);
      case FredConfig c -> new FredSource(vertx, c, sink);
    };
  }
}
