package io.rwaprime.ingestion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.RawRecord;
import io.rwaprime.ingestion.bronze.BronzeArchive;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way in for raw records of every source of the process: refuses oversized payloads (to
 * dead-letter, reason {@code payload.too-large}), appends the record to the bronze archive, then sends
 * it to its raw address for cleansing. {@link #acceptDurably} completes only once the archive has
 * flushed the record to disk, for callers that acknowledge to a provider (push ingestion).
 */
final class RawIngress {

  private static final Logger LOG = LoggerFactory.getLogger(RawIngress.class);
  static final String STAGE = "ingestion";

  private final Vertx vertx;
  private final int maxPayloadBytes;
  private final Optional<BronzeArchive> bronze;
  private final Optional<KafkaRawMirror> kafka;
  private final DeadLetters deadLetters;
  private final MeterRegistry metrics;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Object waitersLock = new Object();
  private List<Promise<Void>> waiters = new ArrayList<>();
  private final long flushTimer;
  private volatile boolean flushing;

  RawIngress(Vertx vertx, int maxPayloadBytes, Optional<BronzeArchive> bronze, Optional<KafkaRawMirror> kafka,
             Duration flushInterval, DeadLetters deadLetters, MeterRegistry metrics) {
    this.vertx = vertx;
    this.maxPayloadBytes = maxPayloadBytes;
    this.bronze = bronze;
    this.kafka = kafka;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.flushTimer = bronze.isPresent() ? vertx.setPeriodic(flushInterval.toMillis(), id -> flush()) : -1;
  }

  /** Archives and forwards a record; false when it was refused (and dead-lettered). */
  boolean accept(RawRecord record) {
    if (record.payload().length() > maxPayloadBytes / 3
        && record.payload().getBytes(StandardCharsets.UTF_8).length > maxPayloadBytes) {
      deadLetters.reject(record.eventId(), record.source(), STAGE, "payload.too-large",
          "payload exceeds ingestion.max-payload-bytes (" + maxPayloadBytes + " bytes)", record.payload());
      return false;
    }
    if (bronze.isPresent()) {
      try {
        bronze.get().append(record);
      } catch (BronzeArchive.BufferFullException e) {
        // the disk is not keeping up: refuse rather than forward a record that is not archived
        deadLetters.reject(record.eventId(), record.source(), STAGE, "bronze.unavailable",
            "the bronze archive is not keeping up; the record was not accepted", record.payload());
        return false;
      }
    }
    kafka.ifPresent(k -> k.send(record));
    vertx.eventBus().send(Addresses.rawAddress(record.kind()), record);
    counters.computeIfAbsent(record.source() + '\u0000' + record.kind(), k -> Counter.builder("rwa.ingestion.records")
        .description("Raw records appended by the sources")
        .tag("source", record.source()).tag("kind", record.kind().name().toLowerCase())
        .register(metrics)).increment();
    return true;
  }

  /** Like {@link #accept} for a batch, completing when the batch is on disk in the bronze archive. */
  Future<Integer> acceptDurably(List<RawRecord> records) {
    int accepted = 0;
    for (RawRecord r : records) {
      if (accept(r)) {
        accepted++;
      }
    }
    int n = accepted;
    if (bronze.isEmpty()) {
      return Future.succeededFuture(n);
    }
    Promise<Void> durable = Promise.promise();
    synchronized (waitersLock) {
      waiters.add(durable);
    }
    flush();
    return durable.future().map(v -> n);
  }

  /** Flushes the archive on a worker thread and completes the waiters of what it wrote. */
  Future<Void> flush() {
    if (bronze.isEmpty() || flushing) {
      return Future.succeededFuture();
    }
    flushing = true;
    List<Promise<Void>> batch;
    synchronized (waitersLock) {
      batch = waiters;
      waiters = new ArrayList<>();
    }
    return vertx.<Void>executeBlocking(() -> {
      bronze.get().flush();
      return null;
    }, false).andThen(ar -> {
      flushing = false;
      if (ar.failed()) {
        LOG.warn("bronze flush failed [reason: {}]", ar.cause().getMessage());
      }
      batch.forEach(p -> p.handle(ar));
      synchronized (waitersLock) {
        if (!waiters.isEmpty()) {
          vertx.runOnContext(v -> flush());
        }
      }
    });
  }

  Future<Void> close() {
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
    }
    Future<Void> mirror = kafka.map(k -> k.close(vertx)).orElse(Future.succeededFuture());
    if (bronze.isEmpty()) {
      return mirror;
    }
    return mirror.transform(ar -> vertx.executeBlocking(() -> {
      bronze.get().close();
      return null;
    }, false));
  }
}
