package io.rwaprime.ml.stats;

import java.util.function.ToDoubleFunction;

/**
 * Quasi-Newton minimiser that reproduces R's {@code optim(method = "BFGS")} with a numerical
 * gradient: Nash's variable-metric algorithm as R's {@code vmmin}, central differences with
 * {@code ndeps} in the scaled space, and {@code optimHess} for the Hessian at the solution.
 *
 * <p>The port is deliberately literal (same step reduction, acceptance test, restarts and
 * convergence test) so that fitted ARIMA coefficients agree with R to the printed digits; a
 * "better" optimiser would converge to slightly different points on flat likelihoods.
 */
public final class Bfgs {

    private static final double STEP_REDUCTION = 0.2;
    private static final double ACCEPT_TOLERANCE = 1e-4;
    private static final double REL_TEST = 10.0;

    /** R's default {@code reltol}, {@code sqrt(.Machine$double.eps)}. */
    public static final double DEFAULT_RELTOL = 1.490116119384765625e-8;

    /** R's default {@code ndeps}. */
    public static final double DEFAULT_NDEPS = 1e-3;

    /**
     * Outcome of a minimisation.
     *
     * @param par          the final parameters (unscaled)
     * @param value        the objective at {@code par} as vmmin reports it
     * @param convergence  0 when converged, 1 when the iteration limit was reached (R's codes)
     * @param functionCalls number of objective evaluations made by the line searches
     * @param gradientCalls number of numerical gradients
     */
    public record Result(double[] par, double value, int convergence, int functionCalls,
                         int gradientCalls) {
    }

    private final ToDoubleFunction<double[]> objective;
    private final double[] parscale;
    private final double[] ndeps;

    /**
     * @param objective function to minimise; it receives unscaled parameters
     * @param parscale  R's {@code parscale}: the optimiser works on {@code par / parscale}
     */
    public Bfgs(ToDoubleFunction<double[]> objective, double[] parscale) {
        this.objective = objective;
        this.parscale = parscale.clone();
        this.ndeps = new double[parscale.length];
        java.util.Arrays.fill(ndeps, DEFAULT_NDEPS);
    }

    /** Minimises from {@code start} with R's defaults (abstol = -Inf, reltol = sqrt(eps)). */
    public Result minimize(double[] start, int maxit) {
        int n = start.length;
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = start[i] / parscale[i];
        }
        if (maxit <= 0) {
            return new Result(unscale(b), scaledValue(b), 0, 0, 0);
        }
        double f = scaledValue(b);
        if (!Double.isFinite(f)) {
            throw new IllegalStateException("initial value in 'vmmin' is not finite");
        }
        double fmin = f;
        int funcount = 1;
        int gradcount = 1;
        double[] g = gradient(b);
        int iter = 1;
        int ilast = gradcount;
        double[][] bmat = new double[n][n];
        double[] t = new double[n];
        double[] x = new double[n];
        double[] c = new double[n];
        int count;
        do {
            if (ilast == gradcount) {
                for (int i = 0; i < n; i++) {
                    java.util.Arrays.fill(bmat[i], 0, i, 0.0);
                    bmat[i][i] = 1.0;
                }
            }
            System.arraycopy(b, 0, x, 0, n);
            System.arraycopy(g, 0, c, 0, n);
            double gradproj = 0.0;
            for (int i = 0; i < n; i++) {
                double s = 0.0;
                for (int j = 0; j <= i; j++) {
                    s -= bmat[i][j] * g[j];
                }
                for (int j = i + 1; j < n; j++) {
                    s -= bmat[j][i] * g[j];
                }
                t[i] = s;
                gradproj += s * g[i];
            }
            if (gradproj < 0.0) {
                double steplength = 1.0;
                boolean accpoint = false;
                do {
                    count = 0;
                    for (int i = 0; i < n; i++) {
                        b[i] = x[i] + steplength * t[i];
                        if (REL_TEST + x[i] == REL_TEST + b[i]) {
                            count++;
                        }
                    }
                    if (count < n) {
                        f = scaledValue(b);
                        funcount++;
                        accpoint = Double.isFinite(f)
                                && f <= fmin + gradproj * steplength * ACCEPT_TOLERANCE;
                        if (!accpoint) {
                            steplength *= STEP_REDUCTION;
                        }
                    }
                } while (!(count == n || accpoint));
                boolean enough = f > Double.NEGATIVE_INFINITY
                        && Math.abs(f - fmin) > DEFAULT_RELTOL * (Math.abs(fmin) + DEFAULT_RELTOL);
                if (!enough) {
                    count = n;
                    fmin = f;
                }
                if (count < n) {
                    fmin = f;
                    g = gradient(b);
                    gradcount++;
                    iter++;
                    double d1 = 0.0;
                    for (int i = 0; i < n; i++) {
                        t[i] = steplength * t[i];
                        c[i] = g[i] - c[i];
                        d1 += t[i] * c[i];
                    }
                    if (d1 > 0) {
                        double d2 = 0.0;
                        for (int i = 0; i < n; i++) {
                            double s = 0.0;
                            for (int j = 0; j <= i; j++) {
                                s += bmat[i][j] * c[j];
                            }
                            for (int j = i + 1; j < n; j++) {
                                s += bmat[j][i] * c[j];
                            }
                            x[i] = s;
                            d2 += s * c[i];
                        }
                        d2 = 1.0 + d2 / d1;
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j <= i; j++) {
                                bmat[i][j] += (d2 * t[i] * t[j] - x[i] * t[j] - t[i] * x[j]) / d1;
                            }
                        }
                    } else {
                        ilast = gradcount;
                    }
                } else if (ilast < gradcount) {
                    count = 0;
                    ilast = gradcount;
                }
            } else {
                count = 0;
                if (ilast == gradcount) {
                    count = n;
                } else {
                    ilast = gradcount;
                }
            }
            if (iter >= maxit) {
                break;
            }
            if (gradcount - ilast > 2 * n) {
                ilast = gradcount;
            }
        } while (count != n || ilast != gradcount);
        return new Result(unscale(b), fmin, iter < maxit ? 0 : 1, funcount, gradcount);
    }

    /**
     * The Hessian at {@code par} as R's {@code optimHess}: central differences of the
     * numerical gradient, then symmetrised.
     */
    public double[][] hessian(double[] par) {
        int n = par.length;
        double[] dpar = new double[n];
        for (int i = 0; i < n; i++) {
            dpar[i] = par[i] / parscale[i];
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            double eps = ndeps[i] / parscale[i];
            dpar[i] += eps;
            double[] df1 = gradient(dpar);
            dpar[i] -= 2 * eps;
            double[] df2 = gradient(dpar);
            for (int j = 0; j < n; j++) {
                h[i][j] = (df1[j] - df2[j]) / (2 * eps * parscale[i] * parscale[j]);
            }
            dpar[i] += eps;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double tmp = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = tmp;
                h[j][i] = tmp;
            }
        }
        return h;
    }

    private double scaledValue(double[] scaled) {
        double[] x = new double[scaled.length];
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(scaled[i])) {
                throw new IllegalStateException("non-finite value supplied by optim");
            }
            x[i] = scaled[i] * parscale[i];
        }
        return objective.applyAsDouble(x);
    }

    private double[] gradient(double[] p) {
        int n = p.length;
        double[] df = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = p[i] * parscale[i];
        }
        for (int i = 0; i < n; i++) {
            double eps = ndeps[i];
            x[i] = (p[i] + eps) * parscale[i];
            double val1 = objective.applyAsDouble(x.clone());
            x[i] = (p[i] - eps) * parscale[i];
            double val2 = objective.applyAsDouble(x.clone());
            df[i] = (val1 - val2) / (2 * eps);
            if (!Double.isFinite(df[i])) {
                throw new IllegalStateException(
                        "non-finite finite-difference value [" + (i + 1) + "]");
            }
            x[i] = p[i] * parscale[i];
        }
        return df;
    }

    private double[] unscale(double[] b) {
        double[] par = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            par[i] = b[i] * parscale[i];
        }
        return par;
    }
}
