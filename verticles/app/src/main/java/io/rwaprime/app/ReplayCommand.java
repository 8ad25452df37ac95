package io.rwaprime.app;

import io.rwaprime.cleansing.CleansingRole;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.RawRecord;
import io.rwaprime.ingestion.bronze.BronzeReader;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code replay --from-bronze DIR}: rebuilds silver and gold from the immutable bronze archive, source by
 * source in the order the records were received, through the same cleansing code as live data. Writes are
 * idempotent, so replaying into a database that already holds the data changes nothing that was right.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Rebuild silver and gold (ticks, bars, features) from the bronze archive.")
final class ReplayCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--from-bronze", required = true, paramLabel = "DIR", description = "Root of the bronze archive.")
  Path bronzeDir;

  @Option(names = "--source", paramLabel = "NAME", split = ",", description = "Sources to replay (default: all).")
  List<String> sources;

  @Option(names = "--from", paramLabel = "DATE", description = "First UTC date (YYYY-MM-DD; default: the oldest).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last UTC date, inclusive (default: today).")
  LocalDate to;

  @CommandLine.Mixin
  ConfigOptions configOptions = new ConfigOptions();

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(bronzeDir)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--from-bronze " + bronzeDir + " is not a directory");
    }
    LocalDate first = from == null ? LocalDate.of(2000, 1, 1) : from;
    LocalDate last = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
    if (last.isBefore(first)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--to is before --from");
    }
    BronzeReader reader = new BronzeReader(bronzeDir);
    List<String> chosen = sources == null || sources.isEmpty() ? reader.sources() : sources;
    if (chosen.isEmpty()) {
      System.err.println("rwa-prime: no sources in " + bronzeDir);
      return 2;
    }
    RwaConfig cfg = configOptions.load();
    if (cfg == null) {
      return RunCommand.EXIT_CONFIG;
    }
    cfg = cfg.withSimulator(false);
    Logging.configure(cfg.logging());
    MeshLauncher launcher = new MeshLauncher(cfg, List.of(new CleansingRole(false)));
    List<BronzeReader.Cursor> cursors = new ArrayList<>();
    try {
      launcher.startHeadless().await(5, TimeUnit.MINUTES);
      for (String s : chosen) {
        cursors.add(reader.read(s, first, last));
      }
      long[] count = {0};
      Iterator<RawRecord> all = new Iterator<>() {
        private int i;

        @Override
        public boolean hasNext() {
          while (i < cursors.size() && !cursors.get(i).hasNext()) {
            i++;
          }
          return i < cursors.size();
        }

        @Override
        public RawRecord next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          count[0]++;
          return cursors.get(i).next();
        }
      };
      JsonObject summary = new BulkFeeder(launcher.vertx(), System.err).feed(all, -1, () -> count[0], r -> { });
      System.out.println(summary.put("bronze", bronzeDir.toString()).put("sources", chosen).encodePrettily());
      return 0;
    } finally {
      for (BronzeReader.Cursor c : cursors) {
        c.close();
      }
      launcher.shutdown().await(cfg.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
