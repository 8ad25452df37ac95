package io.rwaprime.risk.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Every single-series metric of this package for one price series, in one call, as the risk
 * verticle publishes them. A metric that is undefined for this series (too short, zero
 * variance, no downside) is left empty and its reason is listed in {@code unavailable}, so one
 * flat stretch does not sink the whole report. Run it off the event loop when Monte Carlo is on.
 *
 * @param prices           number of prices used
 * @param annualVolatility annualized volatility of log returns
 * @param sharpe           annualized Sharpe ratio
 * @param sortino          annualized Sortino ratio
 * @param drawdown         maximum drawdown episode, null when unavailable
 * @param tail             VaR/CVaR for each method × confidence × horizon that could be computed
 * @param monteCarlo       the Monte Carlo runs (one per horizon), empty when paths = 0
 * @param unavailable      metric name → reason it is missing
 */
public record MarketRiskReport(int prices, OptionalDouble annualVolatility, OptionalDouble sharpe,
                               OptionalDouble sortino, Drawdown drawdown, List<TailRisk> tail,
                               List<MonteCarloVar.Result> monteCarlo, Map<String, String> unavailable) {

    /** Copies the collections. */
    public MarketRiskReport {
        tail = List.copyOf(tail);
        monteCarlo = List.copyOf(monteCarlo);
        unavailable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
    }

    /**
     * What to compute.
     *
     * @param periodsPerYear P for annualization (252, 365, …)
     * @param riskFreeRate   annual risk-free rate for Sharpe
     * @param sortinoTarget  annual target return for Sortino
     * @param confidences    VaR levels, e.g. 0.95 and 0.99
     * @param horizons       holding periods, e.g. 1 and 10
     * @param mcPaths        Monte Carlo paths per horizon (0 = no Monte Carlo)
     * @param mcModel        Monte Carlo model
     * @param mcSeed         Monte Carlo seed
     */
    public record Params(double periodsPerYear, double riskFreeRate, double sortinoTarget, double[] confidences,
                         int[] horizons, int mcPaths, MonteCarloVar.Model mcModel, long mcSeed) {

        /** Validates the settings that do not depend on the series. */
        public Params {
            Require.periodsPerYear(periodsPerYear);
            Require.finite("riskFreeRate", riskFreeRate);
            Require.finite("sortinoTarget", sortinoTarget);
            if (confidences == null || confidences.length == 0 || horizons == null || horizons.length == 0) {
                throw new IllegalArgumentException("report needs at least one confidence and one horizon");
            }
            for (double c : confidences) {
                Require.confidence(c);
            }
            for (int h : horizons) {
                Require.positive("horizon", h);
            }
            if (mcPaths != 0) {
                new MonteCarloVar.Spec(mcModel, 1, mcPaths, mcSeed);
            }
            confidences = confidences.clone();
            horizons = horizons.clone();
        }

        @Override
        public double[] confidences() {
            return confidences.clone();
        }

        @Override
        public int[] horizons() {
            return horizons.clone();
        }

        /** Daily data, 95/99 %, 1 and 10 days, 100 000 normal Monte Carlo paths, seed 1. */
        public static Params daily(double periodsPerYear, double riskFreeRate) {
            return new Params(periodsPerYear, riskFreeRate, 0.0, new double[] {0.95, 0.99}, new int[] {1, 10},
                    100_000, MonteCarloVar.Model.NORMAL, 1L);
        }
    }

    /** Computes the report. */
    public static MarketRiskReport of(PriceSeries series, Params p) {
        Map<String, String> missing = new LinkedHashMap<>();
        double[] simple = series.size() >= 2 ? series.simpleReturns() : new double[0];
        OptionalDouble vol = optional("annualVolatility", missing,
                () -> Performance.annualizedVolatility(series, p.periodsPerYear()));
        OptionalDouble sharpe = optional("sharpe", missing,
                () -> Performance.sharpe(simple, p.riskFreeRate(), p.periodsPerYear()));
        OptionalDouble sortino = optional("sortino", missing,
                () -> Performance.sortino(simple, p.sortinoTarget(), p.periodsPerYear()));
        Drawdown dd = attempt("drawdown", missing, () -> Drawdown.of(series));
        List<TailRisk> tail = new ArrayList<>();
        for (int h : p.horizons()) {
            for (double c : p.confidences()) {
                String key = "@" + c + "/" + h;
                add(tail, attempt("historical" + key, missing, () -> ValueAtRisk.historical(series, c, h)));
                add(tail, attempt("parametricNormal" + key, missing, () -> ValueAtRisk.parametricNormal(simple, c, h)));
                add(tail, attempt("cornishFisher" + key, missing, () -> ValueAtRisk.cornishFisher(simple, c, h)));
            }
        }
        List<MonteCarloVar.Result> mc = new ArrayList<>();
        if (p.mcPaths() > 0) {
            for (int h : p.horizons()) {
                MonteCarloVar.Spec spec = new MonteCarloVar.Spec(p.mcModel(), h, p.mcPaths(), p.mcSeed());
                MonteCarloVar.Result r = attempt("monteCarlo/" + h, missing,
                        () -> MonteCarloVar.run(simple, spec, p.confidences()));
                if (r != null) {
                    mc.add(r);
                    tail.addAll(r.tail());
                }
            }
        }
        return new MarketRiskReport(series.size(), vol, sharpe, sortino, dd, tail, mc, missing);
    }

    private static void add(List<TailRisk> tail, TailRisk t) {
        if (t != null) {
            tail.add(t);
        }
    }

    private static OptionalDouble optional(String name, Map<String, String> missing, Supplier<Double> metric) {
        Double v = attempt(name, missing, metric);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static <T> T attempt(String name, Map<String, String> missing, Supplier<T> metric) {
        try {
            return metric.get();
        } catch (IllegalArgumentException undefined) {
            missing.put(name, undefined.getMessage());
            return null;
        }
    }
}
