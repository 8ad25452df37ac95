package io.rwaprime.bench;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.events.BarInterval;
import io.rwaprime.risk.AssetAssessor;
import io.rwaprime.risk.Assessment;
import io.rwaprime.risk.BarWindow;
import io.rwaprime.risk.RiskProfiles;
import io.rwaprime.risk.analytics.MonteCarloVar;
import io.rwaprime.risk.score.RiskWeightProfiles;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Issue 7 benchmark (plain {@code main}, one thread): (1) a full risk round for N synthetic assets — composite
 * score with drivers plus the market-risk report (volatility, Sharpe, Sortino, drawdown, historical / normal /
 * Cornish–Fisher VaR and CVaR at 95/99 % for 1 and 10 days) from 365 daily bars each, without and with Monte
 * Carlo; (2) Monte Carlo VaR throughput in paths per second for 1- and 10-day paths.
 * <p>Usage: {@code RiskBenchmark [assets=1000] [trials=5] [mcPaths=20000]}.
 */
public final class RiskBenchmark {

  private RiskBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int mcPaths = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    List<Asset> catalogue = AssetCatalogue.load().assets();
    RiskProfiles profiles = RiskProfiles.load();
    BarWindow[] windows = new BarWindow[n];
    SplittableRandom rnd = new SplittableRandom(7);
    long day = 86_400_000L;
    for (int i = 0; i < n; i++) {
      double[] close = new double[365];
      double[] vol = new double[365];
      long[] t = new long[365];
      double p = 100;
      double sigma = 0.002 + 0.03 * rnd.nextDouble();
      for (int k = 0; k < 365; k++) {
        p *= Math.exp(sigma * gaussian(rnd));
        close[k] = p;
        vol[k] = 1_000 + rnd.nextInt(100_000);
        t[k] = k * day;
      }
      windows[i] = new BarWindow("A" + i, BarInterval.D1, t, close, vol);
    }
    for (int paths : new int[] {0, mcPaths}) {
      AssetAssessor assessor = new AssetAssessor(RiskWeightProfiles.defaults(), 0.04, 20, paths);
      for (int trial = 1; trial <= trials; trial++) {
        long t0 = System.nanoTime();
        double checksum = 0;
        for (int i = 0; i < n; i++) {
          Asset a = catalogue.get(i % catalogue.size());
          Assessment s = assessor.assess(a, profiles.of(a.symbol()), windows[i], null, Instant.EPOCH);
          checksum += s.score().compositeScore() + s.report().tail().size();
        }
        System.out.printf("round: %d assets, mc paths %d, trial %d: %.1f ms (checksum %.1f)%n", n, paths, trial,
            (System.nanoTime() - t0) / 1e6, checksum);
      }
    }
    double[] returns = windows[0].closes().length > 1 ? io.rwaprime.risk.analytics.Returns.simple(windows[0].closes())
        : new double[0];
    for (int h : new int[] {1, 10}) {
      for (int trial = 1; trial <= trials; trial++) {
        MonteCarloVar.Result r = MonteCarloVar.run(returns,
            new MonteCarloVar.Spec(MonteCarloVar.Model.NORMAL, h, 1_000_000, trial), 0.95, 0.99);
        System.out.printf("monte carlo: h=%d, 1,000,000 paths, trial %d: %.3e paths/s%n", h, trial, r.pathsPerSecond());
      }
    }
  }

  private static double gaussian(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
