package io.rwaprime.risk.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

/**
 * Rolling volatility, historical VaR, Sharpe and beta over windows of W returns, each with
 * the definition of its one-shot counterpart ({@link Performance}, {@link ValueAtRisk},
 * {@link BetaCorrelation}). The series must be longer than W prices (at least one window);
 * W must be at least 2.
 */
public final class Rolling {

    private Rolling() {
    }

    /** Rolling annualized volatility of log returns. */
    public static RollingSeries volatility(PriceSeries prices, int window, double periodsPerYear) {
        Require.periodsPerYear(periodsPerYear);
        return roll("volatility", prices.logReturns(), prices.timestampsOrNull(), window,
                r -> Performance.annualizedVolatility(r, periodsPerYear));
    }

    /** Rolling one-period historical VaR (and only VaR) of simple returns. */
    public static RollingSeries historicalVar(PriceSeries prices, int window, double confidence) {
        Require.confidence(confidence);
        return roll("historicalVar", prices.simpleReturns(), prices.timestampsOrNull(), window,
                r -> ValueAtRisk.historical(r, confidence).var());
    }

    /** Rolling annualized Sharpe ratio of simple returns. */
    public static RollingSeries sharpe(PriceSeries prices, int window, double riskFreeAnnual,
                                       double periodsPerYear) {
        Require.periodsPerYear(periodsPerYear);
        Require.finite("riskFreeRate", riskFreeAnnual);
        return roll("sharpe", prices.simpleReturns(), prices.timestampsOrNull(), window,
                r -> Performance.sharpe(r, riskFreeAnnual, periodsPerYear));
    }

    /**
     * Rolling beta on the series aligned on time; the window counts returns between common
     * timestamps, and indices in the result refer to the aligned series.
     */
    public static RollingSeries beta(PriceSeries asset, PriceSeries benchmark, int window, int minCommon) {
        AlignedPrices aligned = AlignedPrices.align(asset, benchmark, minCommon);
        double[] ra = Returns.simple(aligned.firstUnsafe());
        double[] rb = Returns.simple(aligned.secondUnsafe());
        long[] ts = asset.hasTimestamps() ? aligned.timestamps() : null;
        return roll("beta", ra.length, ts, window, (from, to) -> BetaCorrelation
                .ofReturns(Arrays.copyOfRange(ra, from, to), Arrays.copyOfRange(rb, from, to)).beta());
    }

    /** A metric of the returns in [from, to). */
    @FunctionalInterface
    private interface WindowMetric {
        double apply(int from, int to);
    }

    private static RollingSeries roll(String metric, double[] returns, long[] timestamps, int window,
                                      ToDoubleFunction<double[]> f) {
        return roll(metric, returns.length, timestamps, window,
                (from, to) -> f.applyAsDouble(Arrays.copyOfRange(returns, from, to)));
    }

    private static RollingSeries roll(String metric, int returns, long[] timestamps, int window,
                                      WindowMetric f) {
        if (window < 2) {
            throw new IllegalArgumentException("rolling " + metric + " window must be at least 2 returns, got " + window);
        }
        if (returns < window) {
            throw new IllegalArgumentException("rolling " + metric + " with window " + window + " needs at least "
                    + (window + 1) + " prices, got " + (returns + 1));
        }
        List<RollingSeries.Point> points = new ArrayList<>(returns - window + 1);
        List<Integer> undefined = new ArrayList<>();
        String reason = "";
        for (int end = window; end <= returns; end++) {
            OptionalLong ts = timestamps == null ? OptionalLong.empty() : OptionalLong.of(timestamps[end]);
            try {
                points.add(new RollingSeries.Point(end, ts, f.apply(end - window, end)));
            } catch (IllegalArgumentException undefinedHere) {
                undefined.add(end);
                reason = undefinedHere.getMessage();
            }
        }
        return new RollingSeries(metric, window, points, undefined, reason);
    }
}
