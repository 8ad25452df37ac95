package io.rwaprime.app;

import io.rwaprime.ml.forecast.FittedModel;
import io.rwaprime.ml.forecast.Forecaster;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code forecast --input FILE.csv}: fits a model to a series and prints JSON on stdout: {@code model}
 * (R's name, e.g. {@code ARIMA(0,1,1)(0,1,1)[12]}), {@code coefficients}, {@code loglik}, {@code sigma2},
 * {@code aic}, {@code aicc}, {@code bic} (null where the model has none) and {@code forecast}, a list of
 * {@code {step, mean, lower80, upper80, lower95, upper95}} with one bound pair per {@code --level}.
 * Several files or a folder give a JSON array, with progress on stderr. Exit 0; 2 for a usage error;
 * {@value #EXIT_DATA} for bad data (no value column, non-numeric or missing values, a constant series,
 * a series too short for the model); {@value SeriesBatch#EXIT_SOFTWARE} for an internal failure.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = "Fit ARIMA, auto-ARIMA, a baseline, the ensemble or an LSTM to a CSV series and print forecasts with intervals as JSON.")
final class ForecastCommand implements Callable<Integer> {

  /** Exit status for bad input data (sysexits EX_DATAERR). */
  static final int EXIT_DATA = 65;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  ForecastOptions options = new ForecastOptions();

  @Option(names = "--horizon", paramLabel = "H", description = "Steps to forecast (default: 2 x frequency, or 10).")
  Integer horizon;

  @Override
  public Integer call() {
    CommandLine cmd = spec.commandLine();
    int h = horizon == null ? options.defaultHorizon() : horizon;
    if (h < 1) {
      throw new CommandLine.ParameterException(cmd, "--horizon must be >= 1, got " + h);
    }
    Forecaster forecaster = options.forecaster(cmd, h);
    List<Path> files = options.files(cmd);
    double[] levels = options.levelArray();
    return SeriesBatch.run(files, options.batch(files), "forecast", cmd.getOut(), cmd.getErr(), (file, y) -> {
      FittedModel fit = forecaster.fit(y, options.frequency);
      return new JsonObject().put("method", forecaster.name()).put("n", y.length).put("frequency", options.frequency)
          .mergeIn(ForecastJson.fit(fit, fit.forecast(h, levels)));
    });
  }
}
