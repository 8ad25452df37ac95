package io.rwaprime.ingestion.source;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters of one {@link Source} since it was created: plain monotonic counts that a metrics binder reads
 * (for example as Micrometer {@code FunctionCounter}s) and the health endpoint shows. Safe to read from any
 * thread; only the source writes them.
 */
public final class SourceStats {

  private final AtomicLong emitted = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong ignored = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();
  private final AtomicReference<Instant> lastRecordAt = new AtomicReference<>();
  private final AtomicReference<String> lastError = new AtomicReference<>();

  /** Records handed to the sink. */
  public long emitted() {
    return emitted.get();
  }

  /**
   * Failures: network errors, non-2xx answers, oversized or malformed bodies and messages, records the sink
   * refused, records that could not be attributed to a symbol.
   */
  public long errors() {
    return errors.get();
  }

  /** Reconnection attempts of a streaming source after its connection was lost or could not be made. */
  public long reconnects() {
    return reconnects.get();
  }

  /** HTTP requests made (polling sources) or connections attempted (streaming sources). */
  public long requests() {
    return requests.get();
  }

  /** Answers 429 or 503 (also counted in {@link #errors()}). */
  public long throttled() {
    return throttled.get();
  }

  /**
   * Input deliberately not turned into a record: streaming messages that do not match the mapping (subscription
   * acknowledgements, heartbeats, other channels) and macro observations whose value is missing ({@code "."}).
   */
  public long ignored() {
    return ignored.get();
  }

  /** Records not emitted again because the previous poll of the same key already emitted them. */
  public long duplicates() {
    return duplicates.get();
  }

  /** Jumps in a provider's per-symbol sequence numbers (see {@link GapListener}). */
  public long gaps() {
    return gaps.get();
  }

  /** When the last record was emitted (its {@code receivedAt}), empty before the first. */
  public Optional<Instant> lastRecordAt() {
    return Optional.ofNullable(lastRecordAt.get());
  }

  /** A short description of the last error (never a secret, never a payload), empty before the first. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError.get());
  }

  /** The counters as JSON, for health details: field names are the accessor names in snake case. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("emitted", emitted())
        .put("errors", errors())
        .put("reconnects", reconnects())
        .put("requests", requests())
        .put("throttled", throttled())
        .put("ignored", ignored())
        .put("duplicates", duplicates())
        .put("gaps", gaps());
    lastRecordAt().ifPresent(t -> json.put("last_record_at", t.toString()));
    lastError().ifPresent(e -> json.put("last_error", e));
    return json;
  }

  @Override
  public String toString() {
    return "SourceStats" + toJson().encode();
  }

  void onEmitted(Instant at) {
    emitted.incrementAndGet();
    lastRecordAt.set(at);
  }

  void onError(String reason) {
    errors.incrementAndGet();
    lastError.set(reason);
  }

  void onReconnect() {
    reconnects.incrementAndGet();
  }

  void onRequest() {
    requests.incrementAndGet();
  }

  void onThrottled() {
    throttled.incrementAndGet();
  }

  void onIgnored() {
    ignored.incrementAndGet();
  }

  void onDuplicate() {
    duplicates.incrementAndGet();
  }

  void onGap() {
    gaps.incrementAndGet();
  }
}
