package io.rwaprime.ml.arima;

import io.rwaprime.ml.stats.Bfgs;
import io.rwaprime.ml.stats.Matrices;
import io.rwaprime.ml.stats.Polynomials;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits seasonal ARIMA models exactly as R's {@code stats::arima} does (default
 * {@code method = "CSS-ML"}, {@code transform.pars = TRUE}, {@code SSinit = "Gardner1980"}):
 * BFGS on the conditional sum of squares for starting values, then BFGS on the exact Kalman
 * likelihood with AR parts in the PACF space, MA parts made invertible by root reflection,
 * the Hessian by {@code optimHess} mapped back through the transformation's Jacobian.
 *
 * <p>Missing values (NaN) are allowed: as in R, CSS-ML then falls back to ML and the filter
 * skips the gaps. Infinite values are rejected.
 *
 * <p>Deliberate differences from R, all where R would stop with an error: a singular Hessian
 * gives NaN standard errors and a warning on the fit instead of failing in {@code solve};
 * a zero least-squares standard error for the intercept/drift start uses scale 1 instead of a
 * zero {@code parscale}; a constant series is rejected up front with a message (use
 * {@link AutoArima}, which fits the constant model as forecast does). Only the intercept and
 * drift regressors are supported, not a general {@code xreg}.
 */
public final class Arima {

    private static final int MAXIT = 100;

    private final double[] x;
    private final ArimaSpec spec;
    private final int[] arma;
    private final int narma;
    private final double[] delta;
    private final double[] xreg;
    private final double[] fixed;
    private final boolean[] mask;
    private final List<String> warnings = new ArrayList<>();
    private int ncond;

    private Arima(double[] y, ArimaSpec spec, double[] fixed) {
        this.x = y.clone();
        this.spec = spec;
        this.arma = spec.arma();
        this.narma = spec.armaCount();
        double[] dpoly = {1.0};
        for (int i = 0; i < spec.d(); i++) {
            dpoly = Polynomials.multiply(dpoly, new double[] {1, -1});
        }
        for (int i = 0; i < spec.seasonalD(); i++) {
            double[] s = new double[spec.period() + 1];
            s[0] = 1;
            s[spec.period()] = -1;
            dpoly = Polynomials.multiply(dpoly, s);
        }
        this.delta = new double[dpoly.length - 1];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = -dpoly[i + 1];
        }
        if (spec.hasIntercept()) {
            xreg = new double[x.length];
            Arrays.fill(xreg, 1.0);
        } else if (spec.includeDrift()) {
            xreg = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                xreg[i] = i + 1;
            }
        } else {
            xreg = null;
        }
        int npar = narma + (xreg == null ? 0 : 1);
        if (fixed == null) {
            fixed = new double[npar];
            Arrays.fill(fixed, Double.NaN);
        } else if (fixed.length != npar) {
            throw new IllegalArgumentException("wrong length for 'fixed': " + fixed.length
                    + " values for " + npar + " parameters");
        }
        this.fixed = fixed.clone();
        this.mask = new boolean[npar];
        for (int i = 0; i < npar; i++) {
            mask[i] = Double.isNaN(fixed[i]);
        }
    }

    /** Fits {@code spec} to {@code y} by CSS-ML, R's default. */
    public static ArimaFit fit(double[] y, ArimaSpec spec) {
        return fit(y, spec, EstimationMethod.CSS_ML);
    }

    /** Fits {@code spec} to {@code y} with the given estimation method. */
    public static ArimaFit fit(double[] y, ArimaSpec spec, EstimationMethod method) {
        return fitFixed(y, spec, method, null);
    }

    /**
     * As {@link #fit(double[], ArimaSpec, EstimationMethod)} with some parameters held at the
     * values in {@code fixed} (NaN = estimate), R's {@code fixed} argument.
     */
    static ArimaFit fitFixed(double[] y, ArimaSpec spec, EstimationMethod method, double[] fixed) {
        validate(y);
        return new Arima(y, spec, fixed).run(method);
    }

    private static void validate(double[] y) {
        if (y == null || y.length == 0) {
            throw new IllegalArgumentException("series is empty");
        }
        for (int i = 0; i < y.length; i++) {
            if (Double.isInfinite(y[i])) {
                throw new IllegalArgumentException("series has an infinite value at index " + i);
            }
        }
    }

    private ArimaFit run(EstimationMethod requested) {
        int n = x.length;
        int nonMissing = 0;
        for (double v : x) {
            nonMissing += Double.isNaN(v) ? 0 : 1;
        }
        int nUsed = nonMissing - delta.length;
        int freeCount = 0;
        for (boolean b : mask) {
            freeCount += b ? 1 : 0;
        }
        if (nonMissing == 0) {
            throw new IllegalArgumentException("series has no non-missing observations");
        }
        if (freeCount > 0 && Differencing.isConstant(x)) {
            throw new IllegalArgumentException("series is constant (every value is "
                    + firstValue() + "): the likelihood of " + spec + " is degenerate;"
                    + " AutoArima returns the constant model for such data");
        }
        if (nUsed <= freeCount) {
            throw new IllegalArgumentException("series too short for " + spec + ": " + nonMissing
                    + " non-missing observations leave " + nUsed + " after " + delta.length
                    + " differences, need more than the " + freeCount + " estimated parameters");
        }
        EstimationMethod method = requested;
        boolean anyNa = nonMissing < n;
        if (method == EstimationMethod.CSS_ML && anyNa) {
            method = EstimationMethod.ML;
        }
        ncond = 0;
        if (method != EstimationMethod.ML) {
            ncond = spec.d() + spec.seasonalD() * spec.period() + spec.p()
                    + spec.period() * spec.seasonalP();
            if (n - ncond <= freeCount) {
                throw new IllegalArgumentException("series too short for " + spec + ": CSS "
                        + "conditions on the first " + ncond + " of " + n + " observations");
            }
        }
        boolean noOptim = freeCount == 0;
        boolean transform = !noOptim;
        for (int i = 0; i < arma[0]; i++) {
            transform &= mask[i];
        }
        for (int i = 0; i < arma[2]; i++) {
            transform &= mask[arma[0] + arma[1] + i];
        }
        int npar = mask.length;
        double[] init = new double[npar];
        double[] parscale = new double[npar];
        Arrays.fill(parscale, 1.0);
        if (xreg != null) {
            double[] ls = RegressionStart.of(x, xreg, spec);
            init[narma] = ls[0];
            parscale[narma] = ls[1];
        }
        double[] coef = fixed.clone();
        double[] ps = select(parscale);
        Optimum res;
        double[][] var;
        double sigma2;
        double[] resid;
        StateSpace mod;
        if (method == EstimationMethod.CSS) {
            res = noOptim ? new Optimum(new double[0], cssObjective(new double[0]), 0, null)
                    : optimise(this::cssObjective, select(init), ps, MAXIT, true);
            warnIfNotConverged(res);
            put(coef, res.par);
            ParameterTransform.Expanded tr = ParameterTransform.transPars(coef, arma, false);
            mod = StateSpace.of(tr.phi(), tr.theta(), delta);
            double[] xr = residualSeries(coef);
            KalmanFilter.likelihood(xr, mod, false);
            resid = new double[n];
            sigma2 = KalmanFilter.css(xr, arma, tr.phi(), tr.theta(), ncond, resid);
            var = noOptim ? new double[0][0] : invertScaled(res.hessian, nUsed, null);
        } else {
            if (method == EstimationMethod.CSS_ML) {
                Optimum css = noOptim ? null
                        : optimise(this::cssObjective, select(init), ps, MAXIT, false);
                if (css != null && css.convergence == 0) {
                    put(init, css.par);
                }
                if (arma[0] > 0 && !ParameterTransform.arCheck(init, 0, arma[0])) {
                    throw new ArimaException("non-stationary AR part from CSS for " + spec);
                }
                if (arma[2] > 0 && !ParameterTransform.arCheck(init, arma[0] + arma[1], arma[2])) {
                    throw new ArimaException("non-stationary seasonal AR part from CSS for "
                            + spec);
                }
                ncond = 0;
            }
            if (transform) {
                init = ParameterTransform.invTrans(init, arma);
                invertMa(init, false);
            }
            boolean trans = transform;
            res = noOptim ? new Optimum(new double[0], mlObjective(new double[0], false), 0, null)
                    : optimise(p -> mlObjective(p, trans), select(init), ps, MAXIT, true);
            warnIfNotConverged(res);
            put(coef, res.par);
            if (transform) {
                invertMa(coef, true);
                if (!Arrays.equals(select(coef), res.par)) {
                    int code = res.convergence;
                    res = optimise(p -> mlObjective(p, true), select(coef), ps, 0, true);
                    res = new Optimum(res.par, res.value, code, res.hessian);
                    put(coef, res.par);
                }
                double[][] a = subMatrix(ParameterTransform.gradTrans(coef, arma));
                var = invertScaled(res.hessian, nUsed, a);
                coef = ParameterTransform.undoPars(coef, arma);
            } else {
                var = noOptim ? new double[0][0] : invertScaled(res.hessian, nUsed, null);
            }
            ParameterTransform.Expanded tr = ParameterTransform.transPars(coef, arma, false);
            mod = StateSpace.of(tr.phi(), tr.theta(), delta);
            KalmanFilter.Likelihood val =
                    KalmanFilter.likelihood(residualSeries(coef), mod, true);
            sigma2 = val.ssq() / nUsed;
            resid = val.residuals();
        }
        double value = 2 * nUsed * res.value + nUsed + nUsed * Math.log(2 * Math.PI);
        double loglik = -0.5 * value;
        double aic = method == EstimationMethod.CSS ? Double.NaN : value + 2 * freeCount + 2;
        return new ArimaFit(spec, method, spec.coefficientNames(), coef, mask, var, sigma2, loglik, aic, nUsed,
                resid, mod, x.length, res.convergence == 0, warnings);
    }

    /** R's {@code armaCSS}: 0.5 log(CSS / n) at the free parameters {@code p}. */
    private double cssObjective(double[] p) {
        double[] par = fixed.clone();
        put(par, p);
        ParameterTransform.Expanded tr = ParameterTransform.transPars(par, arma, false);
        double res = KalmanFilter.css(residualSeries(par), arma, tr.phi(), tr.theta(), ncond,
                null);
        return 0.5 * Math.log(res);
    }

    /** R's {@code armafn}: the concentrated exact negative log-likelihood divided by n. */
    private double mlObjective(double[] p, boolean trans) {
        double[] par = fixed.clone();
        put(par, p);
        ParameterTransform.Expanded tr = ParameterTransform.transPars(par, arma, trans);
        StateSpace mod = StateSpace.of(tr.phi(), tr.theta(), delta);
        KalmanFilter.Likelihood res = KalmanFilter.likelihood(residualSeries(par), mod, false);
        double s2 = res.ssq() / res.nu();
        return 0.5 * (Math.log(s2) + res.sumlog() / res.nu());
    }

    private record Optimum(double[] par, double value, int convergence, double[][] hessian) {
    }

    private Optimum optimise(java.util.function.ToDoubleFunction<double[]> f, double[] start,
                             double[] parscale, int maxit, boolean hessian) {
        try {
            Bfgs bfgs = new Bfgs(f, parscale);
            Bfgs.Result r = bfgs.minimize(start, maxit);
            return new Optimum(r.par(), r.value(), r.convergence(),
                    hessian ? bfgs.hessian(r.par()) : null);
        } catch (IllegalStateException e) {
            throw new ArimaException("optimisation failed for " + spec + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code solve(H * n)} or, with {@code a}, {@code A' solve(H * n, A)}; a singular Hessian
     * gives NaN variances and a warning where R would stop.
     */
    private double[][] invertScaled(double[][] h, int nUsed, double[][] a) {
        int k = h.length;
        double[][] hn = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                hn[i][j] = h[i][j] * nUsed;
            }
        }
        double[][] inv = Matrices.inverse(hn);
        if (inv == null) {
            warnings.add("singular Hessian: standard errors are not available");
            double[][] nan = new double[k][k];
            for (double[] row : nan) {
                Arrays.fill(row, Double.NaN);
            }
            return nan;
        }
        return a == null ? inv : Matrices.sandwich(a, inv);
    }

    private void invertMa(double[] par, boolean onlyIfAllFree) {
        invertMaBlock(par, arma[0], arma[1], onlyIfAllFree);
        invertMaBlock(par, arma[0] + arma[1] + arma[2], arma[3], onlyIfAllFree);
    }

    private void invertMaBlock(double[] par, int offset, int len, boolean onlyIfAllFree) {
        if (len == 0) {
            return;
        }
        for (int i = 0; onlyIfAllFree && i < len; i++) {
            if (!mask[offset + i]) {
                return;
            }
        }
        double[] inv = ParameterTransform.maInvert(Arrays.copyOfRange(par, offset, offset + len));
        System.arraycopy(inv, 0, par, offset, len);
    }

    /** x minus the regression part of {@code par}. */
    private double[] residualSeries(double[] par) {
        if (xreg == null) {
            return x;
        }
        double beta = par[narma];
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - xreg[i] * beta;
        }
        return out;
    }

    private double firstValue() {
        return Arrays.stream(x).filter(v -> !Double.isNaN(v)).findFirst().orElse(Double.NaN);
    }

    private void warnIfNotConverged(Optimum res) {
        if (res.convergence > 0) {
            warnings.add("possible convergence problem: optim gave code = " + res.convergence);
        }
    }

    private double[] select(double[] all) {
        int[] idx = toIndices();
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = all[idx[i]];
        }
        return out;
    }

    private void put(double[] all, double[] free) {
        int[] idx = toIndices();
        for (int i = 0; i < idx.length; i++) {
            all[idx[i]] = free[i];
        }
    }

    private double[][] subMatrix(double[][] a) {
        int[] idx = toIndices();
        double[][] out = new double[idx.length][idx.length];
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < idx.length; j++) {
                out[i][j] = a[idx[i]][idx[j]];
            }
        }
        return out;
    }

    private int[] toIndices() {
        int[] idx = new int[mask.length];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                idx[k++] = i;
            }
        }
        return Arrays.copyOf(idx, k);
    }
}
