package io.rwaprime.app;

import io.rwaprime.risk.RiskJson;
import io.rwaprime.risk.analytics.BetaCorrelation;
import io.rwaprime.risk.analytics.MarketRiskReport;
import io.rwaprime.risk.analytics.MonteCarloVar;
import io.rwaprime.risk.analytics.PriceSeries;
import io.rwaprime.risk.analytics.Stats;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code risk --input prices.csv}: the market-risk report of one price series as JSON on stdout —
 * {@code volatility}, {@code sharpe}, {@code sortino}, {@code max_drawdown}, VaR by method
 * ({@code var_historical}, {@code var_parametric}, {@code var_cornish_fisher}, {@code var_monte_carlo}) and CVaR
 * ({@code cvar_*}) keyed by confidence in percent then horizon in periods, and {@code beta}/{@code correlation}
 * against {@code --benchmark} (aligned on time). Definitions: verticles/risk/RISK-DEFINITIONS.md. Exit 0; 2 for a
 * bad option; {@value #EXIT_DATA} for bad data (too short, zero variance, NaN or non-positive prices, a benchmark
 * that does not align), with one line on stderr naming the problem.
 */
@Command(name = "risk", mixinStandardHelpOptions = true,
    description = "Market-risk report (VaR, CVaR, volatility, Sharpe, Sortino, drawdown, beta) of a price CSV, as JSON.")
final class RiskCommand implements Callable<Integer> {

  /** Exit status for bad input data (sysexits EX_DATAERR). */
  static final int EXIT_DATA = 65;
  static final int EXIT_USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "CSV", description = "Prices: a price or value column, optional time.")
  Path input;

  @Option(names = "--benchmark", paramLabel = "CSV", description = "Benchmark prices for beta and correlation.")
  Path benchmark;

  @Option(names = "--confidence", split = ",", defaultValue = "95,99", paramLabel = "PCT",
      description = "VaR confidence levels in percent (default: ${DEFAULT-VALUE}).")
  List<Double> confidence;

  @Option(names = "--horizon", split = ",", defaultValue = "1,10", paramLabel = "N",
      description = "Horizons in periods of the input (default: ${DEFAULT-VALUE}).")
  List<Integer> horizon;

  @Option(names = "--periods-per-year", defaultValue = "365", paramLabel = "N",
      description = "Annualization: 365 for tokens trading daily (default), 252 for exchange days, 8760 for hours.")
  double periodsPerYear;

  @Option(names = "--risk-free", defaultValue = "0", paramLabel = "RATE", description = "Annual risk-free rate for Sharpe (default 0).")
  double riskFree;

  @Option(names = "--target", defaultValue = "0", paramLabel = "RATE", description = "Annual target return for Sortino (default 0).")
  double target;

  @Option(names = "--mc-paths", defaultValue = "100000", paramLabel = "N", description = "Monte Carlo paths (0: none; default 100000).")
  int paths;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Monte Carlo seed (default 1).")
  long seed;

  @Override
  public Integer call() {
    String usage = usageProblem();
    if (usage != null) {
      return fail(EXIT_USAGE, usage);
    }
    try {
      PriceSeries series = PriceCsv.read(input, "--input");
      int maxH = horizon.stream().mapToInt(Integer::intValue).max().orElse(1);
      int min = Math.max(5, maxH + 2);
      if (series.size() < min) {
        return fail(EXIT_DATA, "--input: series too short: " + series.size() + " prices, at least " + min
            + " needed (5 for Cornish-Fisher, horizon " + maxH + " needs " + (maxH + 2) + ")");
      }
      if (Stats.variance(series.simpleReturns()) <= 1e-24) {
        return fail(EXIT_DATA, "--input: zero variance: every return is the same, so volatility-based risk is undefined");
      }
      double[] conf = confidence.stream().mapToDouble(c -> c / 100).toArray();
      int[] hs = horizon.stream().mapToInt(Integer::intValue).toArray();
      MarketRiskReport report = MarketRiskReport.of(series, new MarketRiskReport.Params(periodsPerYear, riskFree, target,
          conf, hs, paths, MonteCarloVar.Model.NORMAL, seed));
      JsonObject out = new JsonObject().put("input", inputJson(series))
          .mergeIn(RiskJson.report(report, conf, hs, Integer::toString));
      JsonObject unavailable = out.getJsonObject("unavailable");
      out.remove("unavailable");
      out.put("beta", null).put("correlation", null);
      if (benchmark != null) {
        BetaCorrelation bc = beta(series, PriceCsv.read(benchmark, "--benchmark"), min);
        out.put("beta", bc.beta()).put("correlation", bc.correlation()).put("benchmark_common_times", bc.commonTimestamps());
      } else {
        unavailable.put("beta", "no --benchmark given");
      }
      spec.commandLine().getOut().println(out.put("unavailable", unavailable).encodePrettily());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (PriceCsv.DataError e) {
      return fail(EXIT_DATA, e.getMessage());
    } catch (IOException e) {
      return fail(EXIT_DATA, "cannot read input: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return fail(EXIT_DATA, e.getMessage());
    }
  }

  private static BetaCorrelation beta(PriceSeries asset, PriceSeries bench, int min) throws PriceCsv.DataError {
    if (asset.hasTimestamps() != bench.hasTimestamps()) {
      throw new PriceCsv.DataError("--benchmark: cannot align: only one of the two files has a time column");
    }
    try {
      return BetaCorrelation.of(asset, bench, min);
    } catch (IllegalArgumentException e) {
      throw new PriceCsv.DataError("--benchmark: " + e.getMessage());
    }
  }

  private JsonObject inputJson(PriceSeries s) {
    JsonObject in = new JsonObject().put("prices", s.size()).put("periods_per_year", periodsPerYear)
        .put("risk_free_rate", riskFree).put("sortino_target", target)
        .put("return_type", "simple (volatility: log)").put("var_sign", "positive = loss fraction")
        .put("monte_carlo", new JsonObject().put("paths", paths).put("seed", seed).put("model", "normal"));
    s.timestamps().ifPresent(t -> in.put("from", Instant.ofEpochMilli(t[0]).toString())
        .put("to", Instant.ofEpochMilli(t[t.length - 1]).toString()));
    return in;
  }

  private String usageProblem() {
    if (!Files.isReadable(input)) {
      return "cannot read --input " + input;
    }
    if (benchmark != null && !Files.isReadable(benchmark)) {
      return "cannot read --benchmark " + benchmark;
    }
    for (double c : confidence) {
      if (!(c > 50 && c < 100)) {
        return "--confidence must be percentages between 50 and 100 (exclusive), got " + c;
      }
    }
    for (int h : horizon) {
      if (h < 1 || h > 10_000) {
        return "--horizon must be whole periods between 1 and 10000, got " + h;
      }
    }
    if (!(periodsPerYear > 0) || Double.isInfinite(periodsPerYear)) {
      return "--periods-per-year must be a positive number, got " + periodsPerYear;
    }
    if (paths != 0 && (paths < 100 || paths > MonteCarloVar.MAX_PATHS)) {
      return "--mc-paths must be 0 or between 100 and " + MonteCarloVar.MAX_PATHS + ", got " + paths;
    }
    if (!Double.isFinite(riskFree) || !Double.isFinite(target)) {
      return "--risk-free and --target must be finite numbers";
    }
    return null;
  }

  private int fail(int code, String message) {
    spec.commandLine().getErr().println("risk: " + message.replace('\n', ' '));
    spec.commandLine().getErr().flush();
    return code;
  }
}
