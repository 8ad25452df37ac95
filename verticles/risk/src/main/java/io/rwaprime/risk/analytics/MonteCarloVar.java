package io.rwaprime.risk.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Monte Carlo VaR/CVaR: simulates {@code paths} compounded h-period returns
 * R = (1 + r₁)(1 + r₂)…(1 + r_h) − 1 from one-period simple returns drawn either
 * <ul>
 *   <li>{@link Model#NORMAL}: r ~ N(μ, σ) with the sample mean and sd of the history, or</li>
 *   <li>{@link Model#BOOTSTRAP}: r drawn uniformly with replacement from the history;</li>
 * </ul>
 * then applies the lower empirical quantile rule of historical VaR to the simulated R.
 * The generator is a {@link SplittableRandom} seeded with {@code seed}, so a run is
 * reproducible. Each result reports its throughput in paths per second; the run is
 * single-threaded and CPU-bound, so call it off the event loop.
 */
public final class MonteCarloVar {

    /** Fewest historical returns a simulation accepts. */
    public static final int MIN_RETURNS = 2;
    /** Most paths one run may simulate (they are held in memory to sort: 8 bytes each). */
    public static final int MAX_PATHS = 20_000_000;

    private MonteCarloVar() {
    }

    /** How one-period returns are drawn. */
    public enum Model {
        /** Normal with the sample mean and sd of the history. */
        NORMAL,
        /** Uniform draws with replacement from the history (iid bootstrap). */
        BOOTSTRAP
    }

    /**
     * What to simulate.
     *
     * @param model   how returns are drawn
     * @param horizon h, periods per path (≥ 1)
     * @param paths   number of paths (100 … {@value MonteCarloVar#MAX_PATHS})
     * @param seed    seed of the generator
     */
    public record Spec(Model model, int horizon, int paths, long seed) {
        /** Validates model, horizon and path count. */
        public Spec {
            if (model == null) {
                throw new IllegalArgumentException("Monte Carlo model must not be null");
            }
            Require.positive("horizon", horizon);
            if (paths < 100 || paths > MAX_PATHS) {
                throw new IllegalArgumentException("Monte Carlo paths must be in [100, " + MAX_PATHS
                        + "], got " + paths);
            }
        }
    }

    /**
     * The outcome of one run.
     *
     * @param spec           what was simulated
     * @param tail           VaR/CVaR per requested confidence, in request order
     * @param elapsedNanos   wall time of the simulation and sort
     * @param pathsPerSecond paths / elapsed seconds, the measured capability on this machine
     */
    public record Result(Spec spec, List<TailRisk> tail, long elapsedNanos, double pathsPerSecond) {
        /** Copies the list. */
        public Result {
            tail = List.copyOf(tail);
        }
    }

    /** Simulates from the simple returns of {@code prices}. */
    public static Result run(PriceSeries prices, Spec spec, double... confidences) {
        return run(prices.simpleReturns(), spec, confidences);
    }

    /** Simulates from one-period simple {@code returns}; one VaR/CVaR per confidence. */
    public static Result run(double[] returns, Spec spec, double... confidences) {
        ValueAtRisk.checkReturns("Monte Carlo VaR", returns, MIN_RETURNS);
        if (spec == null) {
            throw new IllegalArgumentException("Monte Carlo spec must not be null");
        }
        if (confidences == null || confidences.length == 0) {
            throw new IllegalArgumentException("Monte Carlo VaR needs at least one confidence level");
        }
        for (double c : confidences) {
            Require.confidence(c);
        }
        long start = System.nanoTime();
        double[] simulated = simulate(returns, spec);
        TailRisk.Method method = spec.model() == Model.NORMAL
                ? TailRisk.Method.MONTE_CARLO_NORMAL : TailRisk.Method.MONTE_CARLO_BOOTSTRAP;
        List<TailRisk> tail = new ArrayList<>(confidences.length);
        java.util.Arrays.sort(simulated);
        for (double c : confidences) {
            int k = EmpiricalTail.tailCount(simulated.length, c);
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += simulated[i];
            }
            tail.add(new TailRisk(method, c, spec.horizon(), -simulated[k - 1], -sum / k));
        }
        long elapsed = Math.max(1, System.nanoTime() - start);
        return new Result(spec, tail, elapsed, spec.paths() / (elapsed / 1e9));
    }

    private static double[] simulate(double[] returns, Spec spec) {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        double[] out = new double[spec.paths()];
        int h = spec.horizon();
        if (spec.model() == Model.NORMAL) {
            double mu = Stats.mean(returns);
            double sigma = Stats.stdDev(returns);
            for (int p = 0; p < out.length; p++) {
                double growth = 1.0;
                for (int t = 0; t < h; t++) {
                    growth *= 1.0 + mu + sigma * rng.nextGaussian();
                }
                out[p] = growth - 1.0;
            }
        } else {
            int n = returns.length;
            for (int p = 0; p < out.length; p++) {
                double growth = 1.0;
                for (int t = 0; t < h; t++) {
                    growth *= 1.0 + returns[rng.nextInt(n)];
                }
                out[p] = growth - 1.0;
            }
        }
        return out;
    }
}
