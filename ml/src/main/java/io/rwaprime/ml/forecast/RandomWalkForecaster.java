package io.rwaprime.ml.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark methods of R's forecast package ({@code naive}, {@code snaive},
 * {@code rwf(drift = TRUE)}, all computed by its {@code lagwalk}), with the same point
 * forecasts and normal intervals. For a series y_1..y_T, lag k (1, or the period m for the
 * seasonal naive method), z the two-sided normal quantile of the level:
 *
 * <ul>
 *   <li><b>naive</b>: ŷ_{T+h} = y_T; σ̂² = mean of the squared first differences (no degrees
 *       of freedom correction); se_h = σ̂ √h.</li>
 *   <li><b>seasonal naive</b>: ŷ_{T+h} = y_{T+h-m(j+1)} with j = ⌊(h-1)/m⌋; σ̂² = mean of the
 *       squared lag-m differences; se_h = σ̂ √(j+1).</li>
 *   <li><b>drift</b>: b = (y_T - y_1)/(T-1), the mean of the differences; ŷ_{T+h} = y_T + h b;
 *       σ̂² = sample variance of the differences (divisor T-2, {@code lm}'s residual
 *       variance); se_h = √(σ̂² h + h² σ̂²/(T-1)), the second term being the variance of b
 *       (Hyndman &amp; Athanasopoulos, <i>FPP</i> §5.5: σ̂ √(h(1 + h/T))).</li>
 * </ul>
 * Intervals are ŷ ± z se_h. The series must have no missing values.
 */
public final class RandomWalkForecaster implements Forecaster {

    /** Which of the three methods. */
    public enum Kind { NAIVE, SEASONAL_NAIVE, DRIFT }

    private final Kind kind;

    private RandomWalkForecaster(Kind kind) {
        this.kind = kind;
    }

    /** forecast::naive. */
    public static RandomWalkForecaster naive() {
        return new RandomWalkForecaster(Kind.NAIVE);
    }

    /** forecast::snaive (the naive method when the frequency is 1). */
    public static RandomWalkForecaster seasonalNaive() {
        return new RandomWalkForecaster(Kind.SEASONAL_NAIVE);
    }

    /** forecast::rwf(drift = TRUE). */
    public static RandomWalkForecaster drift() {
        return new RandomWalkForecaster(Kind.DRIFT);
    }

    @Override
    public String name() {
        return switch (kind) {
            case NAIVE -> "naive";
            case SEASONAL_NAIVE -> "snaive";
            case DRIFT -> "drift";
        };
    }

    @Override
    public FittedModel fit(double[] y, int frequency) {
        if (frequency < 1) {
            throw new IllegalArgumentException("frequency must be >= 1, got " + frequency);
        }
        int lag = kind == Kind.SEASONAL_NAIVE ? frequency : 1;
        int need = kind == Kind.DRIFT ? 3 : lag + 1;
        if (y == null || y.length < need) {
            throw new IllegalArgumentException("series too short for the " + name()
                    + " method: " + (y == null ? 0 : y.length) + " values, need at least " + need);
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("series has a missing or infinite value at index "
                        + i + "; the " + name() + " method needs a complete series");
            }
        }
        int nd = y.length - lag;
        double sum = 0;
        double sumSq = 0;
        for (int t = lag; t < y.length; t++) {
            double dlt = y[t] - y[t - lag];
            sum += dlt;
            sumSq += dlt * dlt;
        }
        double b = 0;
        double bVar = 0;
        double sigma2;
        if (kind == Kind.DRIFT) {
            b = sum / nd;
            double ss = 0;
            for (int t = 1; t < y.length; t++) {
                double e = y[t] - y[t - 1] - b;
                ss += e * e;
            }
            sigma2 = ss / (nd - 1);
            bVar = sigma2 / nd;
        } else {
            sigma2 = sumSq / nd;
        }
        double[] tail = java.util.Arrays.copyOfRange(y, y.length - lag, y.length);
        return new Fitted(kind, tail, b, bVar, sigma2);
    }

    private record Fitted(Kind kind, double[] tail, double b, double bVar, double sigma2)
            implements FittedModel {

        @Override
        public String model() {
            return switch (kind) {
                case NAIVE -> "Naive method";
                case SEASONAL_NAIVE -> tail.length == 1 ? "Naive method" : "Seasonal naive method";
                case DRIFT -> "Random walk with drift";
            };
        }

        @Override
        public Map<String, Double> coefficients() {
            return kind == Kind.DRIFT ? Map.of("drift", b) : Map.of();
        }

        @Override
        public Forecast forecast(int h, double... levels) {
            Levels.checkHorizon(h);
            double[] lv = Levels.normalise(levels);
            int lag = tail.length;
            List<Forecast.Step> steps = new ArrayList<>(h);
            for (int i = 1; i <= h; i++) {
                int periods = (i - 1) / lag + 1;
                double mean = tail[(i - 1) % lag] + periods * b;
                double se = Math.sqrt(sigma2 * periods + periods * (double) periods * bVar);
                List<Forecast.Interval> iv = new ArrayList<>(lv.length);
                for (double l : lv) {
                    double w = Levels.z(l) * se;
                    iv.add(new Forecast.Interval(l, mean - w, mean + w));
                }
                steps.add(new Forecast.Step(i, mean, iv));
            }
            return new Forecast(model(), steps);
        }
    }
}
