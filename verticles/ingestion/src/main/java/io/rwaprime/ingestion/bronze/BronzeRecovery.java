package io.rwaprime.ingestion.bronze;

import io.rwaprime.events.Addresses;
import io.rwaprime.events.RawRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * After a restart, replays the bronze tail: the records a source archived (and, for push ingestion, acknowledged)
 * after the newest tick the cleansing role had stored — what a kill -9 can leave in bronze but not in silver. The
 * cleansing role says where each source stands ({@code checkpoint}); records received after that point (less one
 * second) are sent again on the raw addresses with {@link Addresses#RECOVERY_HEADER}, so that those stored after all
 * are dropped as duplicates without a dead letter. The caller then sends {@code recovered}, which reopens the
 * wall-clock closing of bars.
 * Runs before the sources start. Without an answering cleansing role (a clustered mesh still starting) it replays
 * nothing and says so; a source with no stored tick is replayed from its files of the last day. History sources
 * ({@code backfill:…}) are not replayed: their loader re-runs them.
 */
public final class BronzeRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(BronzeRecovery.class);
  private static final Duration MARGIN = Duration.ofSeconds(1);
  private static final Duration NO_CHECKPOINT_LOOKBACK = Duration.ofDays(1);
  private static final int SYNC_EVERY = 5_000;
  private static final String HISTORICAL_PREFIX = "backfill:";

  private BronzeRecovery() {}

  /** Replays the tail of every source under {@code root}; the future holds a summary and never fails. */
  public static Future<JsonObject> run(Vertx vertx, Path root) {
    return vertx.eventBus().<JsonObject>request(Addresses.CLEANSING_CONTROL, "checkpoint",
            new DeliveryOptions().setSendTimeout(30_000))
        .compose(reply -> vertx.executeBlocking(() -> replay(vertx, root, reply.body()), false))
        .onSuccess(summary -> LOG.info("bronze tail replayed [{}]", summary.encode()))
        .recover(err -> {
          LOG.warn("bronze tail not replayed [reason: {}]", err.getMessage());
          return Future.succeededFuture(new JsonObject().put("replayed", 0).put("skipped", err.getMessage()));
        });
  }

  private static JsonObject replay(Vertx vertx, Path root, JsonObject checkpoints) throws IOException {
    if (!Files.isDirectory(root)) {
      return new JsonObject().put("replayed", 0);
    }
    BronzeReader reader = new BronzeReader(root);
    Instant now = Instant.now();
    long replayed = 0;
    long sinceSync = 0;
    JsonObject perSource = new JsonObject();
    for (String source : reader.sources()) {
      if (source.startsWith(HISTORICAL_PREFIX)) {
        // history loads (backfill, simulated history) are re-run by whoever loaded them, and their old event times
        // would only be refused as late against today's bars
        continue;
      }
      String stored = checkpoints.getString(source);
      Instant from = (stored == null ? now.minus(NO_CHECKPOINT_LOOKBACK) : Instant.parse(stored)).minus(MARGIN);
      List<Path> files = new ArrayList<>();
      for (Path f : reader.files(source, LocalDate.ofInstant(from, ZoneOffset.UTC), LocalDate.ofInstant(now, ZoneOffset.UTC))) {
        // a file last written before the checkpoint holds nothing newer
        if (!Files.getLastModifiedTime(f).toInstant().isBefore(from)) {
          files.add(f);
        }
      }
      long n = 0;
      try (BronzeReader.Cursor cursor = new BronzeReader.Cursor(files)) {
        while (cursor.hasNext()) {
          RawRecord r = cursor.next();
          if (r.receivedAt().isBefore(from)) {
            continue;
          }
          vertx.eventBus().send(Addresses.rawAddress(r.kind()), r,
              new DeliveryOptions().addHeader(Addresses.RECOVERY_HEADER, "true"));
          n++;
          if (++sinceSync >= SYNC_EVERY) {
            sinceSync = 0;
            sync(vertx);
          }
        }
      }
      if (n > 0) {
        perSource.put(source, n);
      }
      replayed += n;
    }
    sync(vertx);
    return new JsonObject().put("replayed", replayed).put("sources", perSource);
  }

  /** Waits until the cleansing role has handled what was sent: bounded memory however long the tail. */
  private static void sync(Vertx vertx) {
    try {
      vertx.eventBus().request(Addresses.CLEANSING_CONTROL, "sync", new DeliveryOptions().setSendTimeout(60_000))
          .toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the bronze recovery", e);
    } catch (Exception e) {
      throw new IllegalStateException("the cleansing role stopped answering during the bronze recovery", e);
    }
  }
}
