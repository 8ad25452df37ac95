package io.rwaprime.app;

import io.rwaprime.ml.arima.ArimaException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one command over its input files in one JVM: reads each series, applies the command, and prints
 * one JSON object (one file) or a JSON array (a batch, where a failed file is an object with an
 * {@code error}). Bad data and models that cannot be fitted exit {@value ForecastCommand#EXIT_DATA};
 * anything else {@value #EXIT_SOFTWARE}; each failure is one line on stderr, never a stack trace.
 */
final class SeriesBatch {

  /** Exit status for an unexpected failure (sysexits EX_SOFTWARE). */
  static final int EXIT_SOFTWARE = 70;

  /** What a command does with one series. */
  @FunctionalInterface
  interface Job {
    JsonObject apply(Path file, double[] y);
  }

  private SeriesBatch() {
  }

  static int run(List<Path> files, boolean batch, String command, PrintWriter out, PrintWriter err, Job job) {
    JsonArray array = new JsonArray();
    int exit = 0;
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      long t0 = System.nanoTime();
      if (batch) {
        err.printf("%s [%d/%d] %s ...%n", command, i + 1, files.size(), f);
        err.flush();
      }
      String error;
      int code;
      try {
        JsonObject result = job.apply(f, SeriesCsv.read(f));
        JsonObject o = new JsonObject().put("input", f.toString()).mergeIn(result);
        if (batch) {
          array.add(o);
          err.printf("%s [%d/%d] %s done in %.1f s%n", command, i + 1, files.size(), f, (System.nanoTime() - t0) / 1e9);
        } else {
          out.println(o.encodePrettily());
        }
        continue;
      } catch (SeriesCsv.BadInput e) {
        error = e.getMessage();
        code = ForecastCommand.EXIT_DATA;
      } catch (IOException e) {
        error = f + ": cannot read: " + e.getMessage();
        code = ForecastCommand.EXIT_DATA;
      } catch (IllegalArgumentException | ArimaException e) {
        error = f + ": " + e.getMessage();
        code = ForecastCommand.EXIT_DATA;
      } catch (RuntimeException e) {
        error = f + ": internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage();
        code = EXIT_SOFTWARE;
      }
      err.println("rwa-prime " + command + ": " + error.replace('\n', ' '));
      err.flush();
      exit = Math.max(exit, code);
      if (batch) {
        array.add(new JsonObject().put("input", f.toString()).put("error", error));
      }
    }
    if (batch) {
      out.println(array.encodePrettily());
    }
    out.flush();
    return exit;
  }
}
