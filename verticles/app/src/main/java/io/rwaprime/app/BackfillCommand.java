package io.rwaprime.app;

import io.rwaprime.cleansing.CleansingRole;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.RawRecord;
import io.rwaprime.ingestion.bronze.BronzeArchive;
import io.rwaprime.ingestion.replay.HistoryFile;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code backfill --file FILE}: loads a historical CSV or JSON-lines price file through the same
 * bronze → cleansing → gold path as live data, at a speed factor or as fast as possible, with a progress
 * bar; prints a JSON summary (ticks accepted and rejected, bars written) on stdout.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Load a historical price file (CSV or JSON lines, optionally .gz) into bronze, silver and gold.")
final class BackfillCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--file", required = true, paramLabel = "FILE", description = "CSV or JSON-lines file.")
  Path file;

  @Option(names = "--source", paramLabel = "NAME",
      description = "Source label (default: backfill:<file name>; always starts with backfill:).")
  String source;

  @Option(names = "--symbol", paramLabel = "SYMBOL", description = "Symbol of every row when the CSV has no symbol column.")
  String symbol;

  @Option(names = "--speed", paramLabel = "FACTOR|max", defaultValue = "max",
      description = "Replay speed relative to the data's own clock (e.g. 60 = one hour per minute), or max (default).")
  String speed;

  @CommandLine.Mixin
  ConfigOptions configOptions = new ConfigOptions();

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(file)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --file " + file);
    }
    double factor = parseSpeed();
    String label = source == null || source.isBlank() ? "backfill:" + file.getFileName() : source.trim();
    if (!label.startsWith("backfill:")) {
      label = "backfill:" + label;
    }
    RwaConfig cfg = configOptions.load();
    if (cfg == null) {
      return RunCommand.EXIT_CONFIG;
    }
    cfg = cfg.withSimulator(false);
    Logging.configure(cfg.logging());
    MeshLauncher launcher = new MeshLauncher(cfg, List.of(new CleansingRole(false)));
    long size = Files.size(file);
    try (HistoryFile history = HistoryFile.open(file, label, symbol)) {
      launcher.startHeadless().await(5, TimeUnit.MINUTES);
      BronzeArchive bronze = cfg.ingestion().bronzeEnabled()
          ? new BronzeArchive(BronzeArchive.Options.defaults(cfg.ingestion().bronzeDir())) : null;
      Iterator<RawRecord> archived = new Iterator<>() {
        @Override
        public boolean hasNext() {
          return history.hasNext();
        }

        @Override
        public RawRecord next() {
          RawRecord r = history.next();
          if (bronze != null) {
            bronze.append(r);
          }
          return r;
        }
      };
      JsonObject summary = new BulkFeeder(launcher.vertx(), System.err)
          .feed(archived, size, history::bytesRead, pacer(factor));
      if (bronze != null) {
        bronze.close();
      }
      System.out.println(summary.put("file", file.toString()).put("source", label).encodePrettily());
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("rwa-prime: " + e.getMessage());
      return 2;
    } finally {
      launcher.shutdown().await(cfg.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private double parseSpeed() {
    if (speed.equalsIgnoreCase("max")) {
      return 0;
    }
    try {
      double f = Double.parseDouble(speed);
      if (f > 0 && Double.isFinite(f)) {
        return f;
      }
    } catch (NumberFormatException e) {
      // fall through to the usage error
    }
    throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be a positive number or max, got " + speed);
  }

  /** Paces records by their event time ({@code ts} in the payload) divided by the factor. */
  private static BulkFeeder.Pacer pacer(double factor) {
    if (factor == 0) {
      return r -> { };
    }
    return new BulkFeeder.Pacer() {
      private Instant firstEvent;
      private long startNanos;

      @Override
      public void before(RawRecord r) throws InterruptedException {
        Instant ts;
        try {
          ts = Instant.parse(new JsonObject(r.payload()).getString("ts"));
        } catch (RuntimeException e) {
          return;
        }
        if (firstEvent == null) {
          firstEvent = ts;
          startNanos = System.nanoTime();
          return;
        }
        long dueNanos = (long) (java.time.Duration.between(firstEvent, ts).toNanos() / factor);
        long wait = dueNanos - (System.nanoTime() - startNanos);
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
    };
  }
}
