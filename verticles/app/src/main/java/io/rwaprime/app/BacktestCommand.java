package io.rwaprime.app;

import io.rwaprime.ml.backtest.Accuracy;
import io.rwaprime.ml.backtest.Backtest;
import io.rwaprime.ml.backtest.BacktestPlan;
import io.rwaprime.ml.backtest.BacktestResult;
import io.rwaprime.ml.backtest.SignStrategy;
import io.rwaprime.ml.forecast.Forecaster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code backtest --input FILE.csv}: rolling-origin evaluation of a model, printed as JSON: the plan, the
 * origins, pooled {@code metrics} (MAE, RMSE, MAPE, sMAPE, MASE, coverage and Winkler score per level),
 * the same {@code per_step}, and the one-step forecast-sign {@code strategy} (Sharpe, Sortino, max
 * drawdown). Definitions are in the Javadoc of {@link Accuracy} and {@link SignStrategy}. Exit codes
 * as {@link ForecastCommand}.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Rolling-origin backtest of a model on a CSV series: accuracy, interval coverage, Winkler score and a sign strategy, as JSON.")
final class BacktestCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  ForecastOptions options = new ForecastOptions();

  @Option(names = "--horizon", paramLabel = "H", description = "Steps forecast at each origin (default: 2 x frequency, or 10).")
  Integer horizon;

  @Option(names = "--origins", defaultValue = "10", paramLabel = "K",
      description = "Number of origins, the latest ones (0 = as many as fit; default ${DEFAULT-VALUE}).")
  int origins;

  @Option(names = "--step", defaultValue = "1", paramLabel = "S", description = "Periods between origins (default ${DEFAULT-VALUE}).")
  int step;

  @Option(names = "--window", defaultValue = "expanding", paramLabel = "expanding|sliding",
      description = "Training window: expanding (default) or sliding (the length at the first origin).")
  String window;

  @Option(names = "--min-train", paramLabel = "N", description = "Fewest training observations (default: max(10, 2 x frequency + 2)).")
  Integer minTrain;

  @Option(names = "--periods-per-year", defaultValue = "1", paramLabel = "A",
      description = "Annualise the strategy's Sharpe and Sortino by sqrt(A) (default 1: per period).")
  double periodsPerYear;

  @Override
  public Integer call() {
    CommandLine cmd = spec.commandLine();
    int h = horizon == null ? options.defaultHorizon() : horizon;
    BacktestPlan plan;
    try {
      BacktestPlan.Window w = switch (window.toLowerCase(java.util.Locale.ROOT)) {
        case "expanding" -> BacktestPlan.Window.EXPANDING;
        case "sliding" -> BacktestPlan.Window.SLIDING;
        default -> throw new IllegalArgumentException("--window must be expanding or sliding, got " + window);
      };
      if (!(periodsPerYear > 0)) {
        throw new IllegalArgumentException("--periods-per-year must be > 0");
      }
      plan = new BacktestPlan(h, step, origins, minTrain == null ? Math.max(10, 2 * options.frequency + 2) : minTrain, w);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage());
    }
    Forecaster forecaster = options.forecaster(cmd, h);
    List<Path> files = options.files(cmd);
    double[] levels = options.levelArray();
    PrintWriter err = cmd.getErr();
    return SeriesBatch.run(files, options.batch(files), "backtest", cmd.getOut(), err, (file, y) -> {
      long t0 = System.nanoTime();
      BacktestResult r = Backtest.run(forecaster, y, options.frequency, plan, (done, total) -> {
        if (System.nanoTime() - t0 > 2_000_000_000L && (done == total || done % Math.max(1, total / 10) == 0)) {
          err.printf("backtest %s: origin %d/%d%n", file.getFileName(), done, total);
          err.flush();
        }
      }, levels);
      return json(forecaster, y, plan, r);
    });
  }

  private JsonObject json(Forecaster forecaster, double[] y, BacktestPlan plan, BacktestResult r) {
    JsonArray perStep = new JsonArray();
    List<Accuracy> steps = Accuracy.perStep(r);
    for (int j = 0; j < steps.size(); j++) {
      perStep.add(metrics(steps.get(j)).put("step", j + 1));
    }
    SignStrategy s = SignStrategy.of(r, periodsPerYear);
    return new JsonObject()
        .put("method", forecaster.name())
        .put("n", y.length)
        .put("frequency", options.frequency)
        .put("plan", new JsonObject().put("horizon", plan.horizon()).put("step", plan.step())
            .put("origins", plan.origins()).put("min_train", plan.minTrain())
            .put("window", plan.window().name().toLowerCase(java.util.Locale.ROOT)))
        .put("origins", new JsonArray(java.util.Arrays.stream(r.origins()).boxed().toList()))
        .put("failures", new JsonArray(r.failures()))
        .put("metrics", metrics(Accuracy.of(r)))
        .put("per_step", perStep)
        .put("strategy", new JsonObject().put("trades", s.trades()).put("hit_rate", ForecastJson.num(s.hitRate()))
            .put("mean_return", ForecastJson.num(s.meanReturn())).put("sharpe", ForecastJson.num(s.sharpe()))
            .put("sortino", ForecastJson.num(s.sortino())).put("max_drawdown", ForecastJson.num(s.maxDrawdown()))
            .put("periods_per_year", periodsPerYear));
  }

  private static JsonObject metrics(Accuracy a) {
    JsonObject o = new JsonObject().put("count", a.count()).put("mae", ForecastJson.num(a.mae()))
        .put("rmse", ForecastJson.num(a.rmse())).put("mape", ForecastJson.num(a.mape()))
        .put("smape", ForecastJson.num(a.smape())).put("mase", ForecastJson.num(a.mase()));
    a.coverage().forEach((l, v) -> o.put("coverage" + ForecastJson.levelKey(l), ForecastJson.num(v)));
    a.winkler().forEach((l, v) -> o.put("winkler" + ForecastJson.levelKey(l), ForecastJson.num(v)));
    return o;
  }
}
