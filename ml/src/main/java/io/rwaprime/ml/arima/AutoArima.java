package io.rwaprime.ml.arima;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Automatic ARIMA order selection after Hyndman and Khandakar (2008), following
 * {@code forecast::auto.arima} with its defaults: d by repeated KPSS tests, D by seasonal
 * strength, then the stepwise search on AICc from ARIMA(2,d,2)(1,D,1) with the null, AR and
 * MA starting models, moves of ±1 in p, q, P, Q (singly and in pairs) and toggling the
 * constant; CSS approximation of the criteria for long (> 150) or high-frequency series,
 * followed by an exact refit. Candidate models with roots within 1.01 of the unit circle or
 * with NaN standard errors are rejected, as in forecast.
 *
 * <p>The returned fit carries forecast's bias-adjusted sigma^2 (sum of squared residuals
 * / (n - k + 1)), which forecast reports and uses for prediction intervals.
 *
 * <p>Not ported: the other unit-root tests (ADF, PP, OCSB, HEGY, CH), Box-Cox
 * {@code lambda}, {@code xreg}, {@code truncate} and parallel search. Gaps are filled by
 * linear interpolation for the seasonal-strength test (forecast uses {@code na.interp}). If
 * the exhaustive search with approximation finds no model that refits exactly, this port
 * fails instead of repeating the search without approximation.
 */
public final class AutoArima {

    /**
     * Search settings; {@link #defaults()} are forecast's.
     *
     * @param maxP          maximum p
     * @param maxQ          maximum q
     * @param maxSeasonalP  maximum P
     * @param maxSeasonalQ  maximum Q
     * @param maxOrder      maximum p + q + P + Q (non-stepwise search only, as in forecast)
     * @param maxD          maximum d
     * @param maxSeasonalD  maximum D
     * @param stepwise      stepwise search rather than all models
     * @param approximation CSS approximation: null = forecast's rule (n > 150 or period > 12)
     * @param criterion     criterion to minimise
     * @param nmodels       maximum number of models in the stepwise search
     */
    public record Options(int maxP, int maxQ, int maxSeasonalP, int maxSeasonalQ, int maxOrder,
                          int maxD, int maxSeasonalD, boolean stepwise, Boolean approximation,
                          Criterion criterion, int nmodels) {

        /** forecast's defaults. */
        public static Options defaults() {
            return new Options(5, 5, 2, 2, 5, 2, 1, true, null, Criterion.AICC, 94);
        }

        /** These options with or without the stepwise search. */
        public Options withStepwise(boolean s) {
            return new Options(maxP, maxQ, maxSeasonalP, maxSeasonalQ, maxOrder, maxD,
                    maxSeasonalD, s, approximation, criterion, nmodels);
        }

        /** These options with the approximation forced on or off (null: automatic). */
        public Options withApproximation(Boolean a) {
            return new Options(maxP, maxQ, maxSeasonalP, maxSeasonalQ, maxOrder, maxD,
                    maxSeasonalD, stepwise, a, criterion, nmodels);
        }
    }

    /** Information criteria that auto.arima can minimise. */
    public enum Criterion { AIC, AICC, BIC }

    private record Tried(int p, int q, int sp, int sq, boolean constant, double ic) {
    }

    private final double[] x;
    private final int m;
    private final Options opt;
    private int d;
    private int bigD;
    private Criterion ic;
    private double offset;

    private AutoArima(double[] x, int m, Options opt) {
        this.x = x;
        this.m = m;
        this.opt = opt;
        this.ic = opt.criterion();
    }

    /** auto.arima with forecast's defaults on a series of the given frequency. */
    public static ArimaFit fit(double[] y, int frequency) {
        return fit(y, frequency, Options.defaults());
    }

    /** auto.arima with the given options. */
    public static ArimaFit fit(double[] y, int frequency, Options options) {
        if (y == null || y.length == 0) {
            throw new IllegalArgumentException("series is empty");
        }
        if (frequency < 1) {
            throw new IllegalArgumentException("frequency must be >= 1, got " + frequency);
        }
        int first = 0;
        while (first < y.length && Double.isNaN(y[first])) {
            first++;
        }
        if (first == y.length) {
            throw new IllegalArgumentException("All data are missing");
        }
        for (double v : y) {
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("series has an infinite value");
            }
        }
        double[] x = Arrays.copyOfRange(y, first, y.length);
        return new AutoArima(x, frequency, options).select();
    }

    private ArimaFit select() {
        int serieslength = (int) Arrays.stream(x).filter(v -> !Double.isNaN(v)).count();
        if (Differencing.isConstant(x)) {
            double mean = Arrays.stream(x).filter(v -> !Double.isNaN(v)).average().orElseThrow();
            return exact(ArimaSpec.of(0, 0, 0), new double[] {mean});
        }
        int maxP = Math.min(opt.maxP(), serieslength / 3);
        int maxQ = Math.min(opt.maxQ(), serieslength / 3);
        int maxSP = Math.min(opt.maxSeasonalP(), serieslength / 3 / m);
        int maxSQ = Math.min(opt.maxSeasonalQ(), serieslength / 3 / m);
        if (serieslength <= 3) {
            ic = Criterion.AIC;
        }
        if (m == 1) {
            bigD = 0;
            maxSP = 0;
            maxSQ = 0;
        } else if (x.length <= 2 * m) {
            bigD = 0;
        } else {
            bigD = Differencing.nsdiffs(x, m, opt.maxSeasonalD());
            if (bigD > 0 && allMissing(seasonalDiff(x))) {
                bigD--;
            }
        }
        double[] dx = seasonalDiff(x);
        d = Differencing.ndiffs(dx, opt.maxD());
        if (d > 0 && allMissing(Differencing.diff(dx, d))) {
            d--;
        }
        for (int i = 0; i < d; i++) {
            dx = Differencing.diff(dx, 1);
        }
        if (dx.length == 0) {
            throw new IllegalArgumentException("Not enough data to proceed: " + x.length
                    + " values leave none after " + d + " + " + bigD + "x" + m + " differences");
        }
        if (Differencing.isConstant(dx)) {
            return degenerate(dx);
        }
        if (m > 1) {
            maxP = maxSP > 0 ? Math.min(maxP, m - 1) : maxP;
            maxQ = maxSQ > 0 ? Math.min(maxQ, m - 1) : maxQ;
        }
        boolean approx = opt.approximation() != null ? opt.approximation()
                : x.length > 150 || m > 12;
        offset = approx ? offset(serieslength) : 0;
        boolean allowDrift = d + bigD == 1;
        boolean allowMean = d + bigD == 0;
        boolean constant = allowDrift || allowMean;
        int[] max = {maxP, maxQ, maxSP, maxSQ};
        List<Tried> results = new ArrayList<>();
        Candidate best = opt.stepwise()
                ? stepwise(max, constant, approx, results)
                : exhaustive(max, constant, approx, results);
        if (approx) {
            List<Tried> byIc = new ArrayList<>(results);
            byIc.sort(Comparator.comparingDouble(Tried::ic));
            for (Tried t : byIc) {
                Candidate c = candidate(t.p(), t.q(), t.sp(), t.sq(), t.constant(), false);
                if (c.ic() < Double.POSITIVE_INFINITY) {
                    best = c;
                    break;
                }
            }
        }
        if (best.fit() == null || best.ic() == Double.POSITIVE_INFINITY) {
            throw new ArimaException("No suitable ARIMA model found for a series of "
                    + serieslength + " values (d = " + d + ", D = " + bigD + ")");
        }
        return best.fit();
    }

    private Candidate stepwise(int[] max, boolean constant, boolean approx, List<Tried> results) {
        int p = Math.min(x.length < 10 ? 1 : 2, max[0]);
        int q = Math.min(x.length < 10 ? 1 : 2, max[1]);
        int sp = Math.min(x.length < 10 ? 0 : 1, max[2]);
        int sq = Math.min(x.length < 10 ? 0 : 1, max[3]);
        Candidate best = tryModel(p, q, sp, sq, constant, approx, results);
        Candidate fit = tryModel(0, 0, 0, 0, constant, approx, results);
        if (fit.ic() < best.ic()) {
            best = fit;
            p = q = sp = sq = 0;
        }
        boolean seasonal = m > 1;
        if (max[0] > 0 || max[2] > 0) {
            int ap = max[0] > 0 ? 1 : 0;
            int asp = seasonal && max[2] > 0 ? 1 : 0;
            fit = tryModel(ap, 0, asp, 0, constant, approx, results);
            if (fit.ic() < best.ic()) {
                best = fit;
                p = ap;
                sp = asp;
                q = sq = 0;
            }
        }
        if (max[1] > 0 || max[3] > 0) {
            int mq = max[1] > 0 ? 1 : 0;
            int msq = seasonal && max[3] > 0 ? 1 : 0;
            fit = tryModel(0, mq, 0, msq, constant, approx, results);
            if (fit.ic() < best.ic()) {
                best = fit;
                p = sp = 0;
                q = mq;
                sq = msq;
            }
        }
        if (constant) {
            fit = tryModel(0, 0, 0, 0, false, approx, results);
            if (fit.ic() < best.ic()) {
                // forecast keeps 'constant' as it was here; so does this port.
                best = fit;
                p = q = sp = sq = 0;
            }
        }
        // The neighbourhood in forecast's order: seasonal moves first, then non-seasonal.
        int[][] moves = {
            {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1},
            {0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1},
            {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
            {-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0}};
        int startk = 0;
        search:
        while (startk < results.size() && results.size() < opt.nmodels()) {
            startk = results.size();
            boolean improved = false;
            for (int[] mv : moves) {
                int np = p + mv[0];
                int nq = q + mv[1];
                int nsp = sp + mv[2];
                int nsq = sq + mv[3];
                if (np < 0 || nq < 0 || nsp < 0 || nsq < 0 || np > max[0] || nq > max[1]
                        || nsp > max[2] || nsq > max[3]
                        || tried(results, np, nq, nsp, nsq, constant)) {
                    continue;
                }
                if (results.size() + 1 > opt.nmodels()) {
                    break search;
                }
                fit = tryModel(np, nq, nsp, nsq, constant, approx, results);
                if (fit.ic() < best.ic()) {
                    best = fit;
                    p = np;
                    q = nq;
                    sp = nsp;
                    sq = nsq;
                    improved = true;
                    break;
                }
            }
            if (!improved && (d + bigD <= 1) && !tried(results, p, q, sp, sq, !constant)) {
                if (results.size() + 1 > opt.nmodels()) {
                    break;
                }
                fit = tryModel(p, q, sp, sq, !constant, approx, results);
                if (fit.ic() < best.ic()) {
                    best = fit;
                    constant = !constant;
                }
            }
        }
        return best;
    }

    private Candidate exhaustive(int[] max, boolean allowConstant, boolean approx,
                                 List<Tried> results) {
        Candidate best = Candidate.FAILED;
        for (int p = 0; p <= max[0]; p++) {
            for (int q = 0; q <= max[1]; q++) {
                for (int sp = 0; sp <= max[2]; sp++) {
                    for (int sq = 0; sq <= max[3]; sq++) {
                        for (int k = 0; k <= (allowConstant ? 1 : 0); k++) {
                            if (p + q + sp + sq > opt.maxOrder()) {
                                continue;
                            }
                            Candidate c = tryModel(p, q, sp, sq, k == 1, approx, results);
                            if (c.ic() < best.ic()) {
                                best = c;
                            }
                        }
                    }
                }
            }
        }
        if (approx && best.fit() != null) {
            // Only the best approximate model is refitted exactly (search.arima).
            ArimaSpec s = best.fit().spec();
            boolean constant = s.hasIntercept() || s.includeDrift();
            results.clear();
            results.add(new Tried(s.p(), s.q(), s.seasonalP(), s.seasonalQ(), constant, 0));
        }
        return best;
    }

    private static boolean tried(List<Tried> results, int p, int q, int sp, int sq, boolean c) {
        return results.stream().anyMatch(t -> t.p() == p && t.q() == q && t.sp() == sp
                && t.sq() == sq && t.constant() == c);
    }

    private Candidate tryModel(int p, int q, int sp, int sq, boolean constant, boolean approx,
                               List<Tried> results) {
        Candidate c = candidate(p, q, sp, sq, constant, approx);
        results.add(new Tried(p, q, sp, sq, constant, c.ic()));
        return c;
    }

    private Candidate candidate(int p, int q, int sp, int sq, boolean constant, boolean approx) {
        boolean useSeason = sp + bigD + sq > 0 && m > 1;
        ArimaSpec spec = new ArimaSpec(p, d, q, useSeason ? sp : 0, useSeason ? bigD : 0,
                useSeason ? sq : 0, useSeason ? m : 1, constant, constant && d + bigD == 1);
        return Candidate.fit(x, spec, approx, offset, ic);
    }

    /** Constant term of the approximated criteria, from the white-noise ARIMA(0,d,0)(0,D,0). */
    private double offset(int serieslength) {
        try {
            ArimaSpec s = new ArimaSpec(0, d, 0, 0, bigD, 0, bigD > 0 ? m : 1, true, false);
            ArimaFit f = Arima.fit(x, s);
            return -2 * f.logLikelihood() - serieslength * Math.log(f.sigma2());
        } catch (ArimaException | IllegalArgumentException e) {
            return 0;
        }
    }

    /** auto.arima's branches for data that differencing makes constant. */
    private ArimaFit degenerate(double[] dx) {
        double mean = Arrays.stream(dx).filter(v -> !Double.isNaN(v)).average().orElse(0);
        int sd = bigD;
        int period = sd > 0 ? m : 1;
        if (sd == 1 && d == 0) {
            return exact(new ArimaSpec(0, 0, 0, 0, sd, 0, period, true, true),
                    new double[] {mean / m});
        } else if (sd > 0 || d == 2) {
            return exact(new ArimaSpec(0, d, 0, 0, sd, 0, period, false, false), null);
        }
        return exact(new ArimaSpec(0, d, 0, 0, 0, 0, 1, true, d == 1), new double[] {mean});
    }

    private ArimaFit exact(ArimaSpec spec, double[] fixed) {
        return Candidate.adjustSigma2(Arima.fitFixed(x, spec, EstimationMethod.CSS_ML, fixed));
    }

    private double[] seasonalDiff(double[] v) {
        double[] out = v;
        for (int i = 0; i < bigD; i++) {
            out = Differencing.diff(out, m);
        }
        return out;
    }

    private static boolean allMissing(double[] v) {
        return Arrays.stream(v).allMatch(Double::isNaN);
    }
}
