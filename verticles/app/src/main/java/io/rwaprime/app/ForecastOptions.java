package io.rwaprime.app;

import io.rwaprime.ml.arima.ArimaSpec;
import io.rwaprime.ml.backtest.BacktestPlan;
import io.rwaprime.ml.ensemble.EnsembleForecaster;
import io.rwaprime.ml.forecast.ArimaForecaster;
import io.rwaprime.ml.forecast.Forecaster;
import io.rwaprime.ml.forecast.RandomWalkForecaster;
import io.rwaprime.ml.lstm.LstmForecaster;
import io.rwaprime.ml.lstm.LstmOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Options shared by {@code forecast} and {@code backtest}: inputs, frequency, model and levels, and
 * the {@link Forecaster} they describe. Inconsistent options are usage errors (exit 2).
 */
final class ForecastOptions {

  /** Models the commands accept. */
  static final List<String> MODELS = List.of("arima", "auto-arima", "naive", "snaive", "drift", "ensemble", "lstm");

  /** Backtest origins the ensemble weights and calibrates on (19 are needed for 95 % intervals). */
  static final int ENSEMBLE_ORIGINS = 40;

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE|DIR",
      description = "CSV file(s) with a value column (optional time), or folders of *.csv; more than one file gives a JSON array.")
  List<Path> inputs;

  @Option(names = "--frequency", defaultValue = "1", paramLabel = "N",
      description = "Seasonal period: observations per season (12 monthly, 7 daily-weekly; default 1 = none).")
  int frequency;

  @Option(names = "--model", defaultValue = "auto-arima", paramLabel = "NAME",
      description = "arima, auto-arima (default), naive, snaive, drift, ensemble, lstm.")
  String model;

  @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu",
      description = "Where the LSTM runs (--model lstm; default ${DEFAULT-VALUE}: the GPU when TensorFlow sees one).")
  String device;

  @Option(names = "--lstm-window", paramLabel = "W", description = "LSTM input window in steps (--model lstm; default 20).")
  Integer window;

  @Option(names = "--order", paramLabel = "p,d,q", description = "ARIMA order (--model arima only; required there).")
  String order;

  @Option(names = "--seasonal", paramLabel = "P,D,Q", description = "Seasonal order with period --frequency (--model arima only).")
  String seasonal;

  @Option(names = "--include-mean", arity = "1", paramLabel = "true|false",
      description = "Intercept of an undifferenced ARIMA (default true; --model arima only).")
  Boolean includeMean;

  @Option(names = "--level", split = ",", defaultValue = "80,95", paramLabel = "PCT",
      description = "Prediction-interval levels in percent (default: ${DEFAULT-VALUE}).")
  List<Double> levels;

  /**
   * Checks the options and returns the forecaster they name; {@code horizon} sizes the ensemble's backtest,
   * whose progress goes to stderr when it runs for more than two seconds.
   */
  Forecaster forecaster(CommandLine cmd, int horizon) {
    Forecaster f = plainForecaster(cmd, horizon);
    if (f instanceof EnsembleForecaster e) {
      java.io.PrintWriter err = cmd.getErr();
      long t0 = System.nanoTime();
      return e.withProgress((member, done, total) -> {
        if (System.nanoTime() - t0 > 2_000_000_000L && (done == total || done % 10 == 0)) {
          err.printf("ensemble: backtest of %s, origin %d/%d%n", member, done, total);
          err.flush();
        }
      });
    }
    return f;
  }

  private Forecaster plainForecaster(CommandLine cmd, int horizon) {
    String m = model.toLowerCase(java.util.Locale.ROOT);
    if (!MODELS.contains(m)) {
      throw new CommandLine.ParameterException(cmd, "unknown --model '" + model + "'; known: " + String.join(", ", MODELS));
    }
    if (frequency < 1) {
      throw new CommandLine.ParameterException(cmd, "--frequency must be >= 1, got " + frequency);
    }
    for (double l : levels) {
      if (!(l > 0 && l < 100)) {
        throw new CommandLine.ParameterException(cmd, "--level must be between 0 and 100 percent, got " + l);
      }
    }
    if (!m.equals("arima") && (order != null || seasonal != null || includeMean != null)) {
      throw new CommandLine.ParameterException(cmd, "--order, --seasonal and --include-mean apply to --model arima only");
    }
    if (!m.equals("lstm") && window != null) {
      throw new CommandLine.ParameterException(cmd, "--lstm-window applies to --model lstm only");
    }
    return switch (m) {
      case "lstm" -> lstm(cmd, horizon);
      case "arima" -> ArimaForecaster.of(spec(cmd));
      case "auto-arima" -> ArimaForecaster.auto();
      case "naive" -> RandomWalkForecaster.naive();
      case "snaive" -> RandomWalkForecaster.seasonalNaive();
      case "drift" -> RandomWalkForecaster.drift();
      default -> EnsembleForecaster.defaults(new BacktestPlan(horizon, 1, ENSEMBLE_ORIGINS,
          Math.max(10, 2 * frequency + 2), BacktestPlan.Window.EXPANDING));
    };
  }

  /** The LSTM trained for exactly {@code horizon} steps (direct multi-horizon output). */
  private Forecaster lstm(CommandLine cmd, int horizon) {
    try {
      LstmOptions o = LstmOptions.defaults().withHorizon(horizon).withDevice(LstmOptions.Device.parse(device));
      return new LstmForecaster(window == null ? o : o.withWindow(window));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage());
    }
  }

  private ArimaSpec spec(CommandLine cmd) {
    if (order == null) {
      throw new CommandLine.ParameterException(cmd, "--model arima needs --order p,d,q");
    }
    int[] o = triple(cmd, "--order", order);
    ArimaSpec s;
    try {
      s = ArimaSpec.of(o[0], o[1], o[2]).withMean(includeMean == null || includeMean);
      if (seasonal != null) {
        int[] so = triple(cmd, "--seasonal", seasonal);
        if (frequency < 2) {
          throw new CommandLine.ParameterException(cmd, "--seasonal needs --frequency >= 2");
        }
        s = s.withSeasonal(so[0], so[1], so[2], frequency);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage());
    }
    return s;
  }

  private static int[] triple(CommandLine cmd, String option, String text) {
    String[] parts = text.split(",");
    if (parts.length != 3) {
      throw new CommandLine.ParameterException(cmd, option + " takes three integers like 0,1,1, got '" + text + "'");
    }
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new CommandLine.ParameterException(cmd, option + " takes three integers like 0,1,1, got '" + text + "'");
      }
      if (out[i] < 0) {
        throw new CommandLine.ParameterException(cmd, option + " values must be >= 0, got '" + text + "'");
      }
    }
    return out;
  }

  /** forecast's default horizon: two seasons, or 10 steps for a non-seasonal series. */
  int defaultHorizon() {
    return frequency > 1 ? 2 * frequency : 10;
  }

  double[] levelArray() {
    return levels.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The input files: each named file, and the *.csv files of each named folder in name order. */
  List<Path> files(CommandLine cmd) {
    List<Path> out = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          List<Path> csv = s.filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))
              .filter(Files::isRegularFile).sorted().toList();
          if (csv.isEmpty()) {
            throw new CommandLine.ParameterException(cmd, "no *.csv files in folder " + p);
          }
          out.addAll(csv);
        } catch (IOException e) {
          throw new CommandLine.ParameterException(cmd, "cannot list folder " + p + ": " + e.getMessage());
        }
      } else if (Files.isReadable(p)) {
        out.add(p);
      } else {
        throw new CommandLine.ParameterException(cmd, "cannot read --input " + p);
      }
    }
    return out;
  }

  /** Whether the output is a JSON array: several files, or any folder. */
  boolean batch(List<Path> files) {
    return files.size() > 1 || inputs.stream().anyMatch(Files::isDirectory);
  }
}
