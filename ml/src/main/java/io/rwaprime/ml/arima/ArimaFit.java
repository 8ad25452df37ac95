package io.rwaprime.ml.arima;

import io.rwaprime.ml.stats.Normal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted ARIMA model: what R's {@code arima} returns plus forecast's AICc and BIC, and the
 * filtered state from which {@link #forecast} predicts as R's {@code predict.Arima}.
 *
 * <p>Immutable; {@link #forecast} works on a copy of the state.
 */
public final class ArimaFit {

    private final ArimaSpec spec;
    private final EstimationMethod method;
    private final List<String> names;
    private final double[] coef;
    private final boolean[] mask;
    private final double[][] var;
    private final double sigma2;
    private final double loglik;
    private final double aic;
    private final int nUsed;
    private final double[] residuals;
    private final StateSpace state;
    private final int n;
    private final boolean converged;
    private final List<String> warnings;

    ArimaFit(ArimaSpec spec, EstimationMethod method, List<String> names, double[] coef,
             boolean[] mask, double[][] var, double sigma2, double loglik, double aic, int nUsed,
             double[] residuals, StateSpace state, int n, boolean converged,
             List<String> warnings) {
        this.spec = spec;
        this.method = method;
        this.names = List.copyOf(names);
        this.coef = coef.clone();
        this.mask = mask.clone();
        this.var = var;
        this.sigma2 = sigma2;
        this.loglik = loglik;
        this.aic = aic;
        this.nUsed = nUsed;
        this.residuals = residuals.clone();
        this.state = state;
        this.n = n;
        this.converged = converged;
        List<String> w = new ArrayList<>(warnings);
        for (int i = 0; i < var.length; i++) {
            if (!(var[i][i] >= 0) && !Double.isNaN(var[i][i])) {
                w.add("negative variance for " + freeNames().get(i) + ": standard error is NaN");
            }
        }
        this.warnings = Collections.unmodifiableList(w);
    }

    /** The same fit with another innovation variance (forecast's bias-adjusted one). */
    ArimaFit withSigma2(double newSigma2) {
        return new ArimaFit(spec, method, names, coef, mask, var, newSigma2, loglik, aic, nUsed,
                residuals, state, n, converged, warnings);
    }

    /** The model that was fitted. */
    public ArimaSpec spec() {
        return spec;
    }

    /** The method actually used (CSS-ML becomes ML when the series has gaps, as in R). */
    public EstimationMethod method() {
        return method;
    }

    /** Coefficients in R's order and with R's names: ar1.., ma1.., sar1.., sma1.., intercept|drift. */
    public Map<String, Double> coefficients() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < coef.length; i++) {
            m.put(names.get(i), coef[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** One coefficient by its R name. */
    public double coefficient(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no coefficient '" + name + "' in " + names);
        }
        return coef[i];
    }

    /**
     * Standard errors, sqrt of the diagonal of {@link #covariance()}; 0 for a fixed
     * coefficient (as R prints it) and NaN where the variance is negative or the Hessian was
     * singular (see {@link #warnings()}).
     */
    public Map<String, Double> standardErrors() {
        Map<String, Double> m = new LinkedHashMap<>();
        int k = 0;
        for (int i = 0; i < coef.length; i++) {
            if (mask[i]) {
                double v = var[k][k];
                m.put(names.get(i), v >= 0 ? Math.sqrt(v) : Double.NaN);
                k++;
            } else {
                m.put(names.get(i), 0.0);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Covariance matrix of the estimated (non-fixed) coefficients, R's {@code var.coef}. */
    public double[][] covariance() {
        double[][] out = new double[var.length][];
        for (int i = 0; i < var.length; i++) {
            out[i] = var[i].clone();
        }
        return out;
    }

    /** Innovation variance: sum of squared standardised innovations / nobs, as R's arima. */
    public double sigma2() {
        return sigma2;
    }

    /** Exact Gaussian log-likelihood (for CSS, R's "part log likelihood"). */
    public double logLikelihood() {
        return loglik;
    }

    /** AIC = -2 loglik + 2 (free parameters + 1); NaN for CSS fits, as in R. */
    public double aic() {
        return aic;
    }

    /** forecast's AICc = AIC + 2k(k+1)/(n-k-1), k = free parameters + 1, n = {@link #nobs()}. */
    public double aicc() {
        int k = parameterCount() + 1;
        int den = nUsed - k - 1;
        return den > 0 ? aic + 2.0 * k * (k + 1) / den : Double.POSITIVE_INFINITY;
    }

    /** forecast's BIC = AIC + k (log n - 2). */
    public double bic() {
        int k = parameterCount() + 1;
        return aic + k * (Math.log(nUsed) - 2);
    }

    /** Observations used by the likelihood: non-missing values less the differences. */
    public int nobs() {
        return nUsed;
    }

    /** Number of estimated (non-fixed) coefficients. */
    public int parameterCount() {
        int k = 0;
        for (boolean b : mask) {
            k += b ? 1 : 0;
        }
        return k;
    }

    /** Standardised innovations (ML) or CSS residuals; NaN at missing observations. */
    public double[] residuals() {
        return residuals.clone();
    }

    /** Whether the final BFGS run converged (R's {@code code == 0}). */
    public boolean converged() {
        return converged;
    }

    /** What R would have warned about: convergence, singular Hessian, negative variances. */
    public List<String> warnings() {
        return warnings;
    }

    /** Expanded AR polynomial coefficients (seasonal products multiplied out), R's model$phi. */
    double[] phi() {
        return state.phi.clone();
    }

    /** Expanded MA polynomial coefficients, R's model$theta (padded to r - 1). */
    double[] theta() {
        return state.theta.clone();
    }

    /** Forecasts with 80 % and 95 % intervals. */
    public List<ForecastStep> forecast(int h) {
        return forecast(h, 80, 95);
    }

    /**
     * Forecasts {@code h} steps ahead as R's {@code predict.Arima} (exact Kalman prediction
     * variances times sigma^2) with normal intervals at {@code levels} percent, like
     * {@code forecast::forecast.Arima}; the drift regressor continues as n+1, n+2, ...
     */
    public List<ForecastStep> forecast(int h, double... levels) {
        if (h < 1) {
            throw new IllegalArgumentException("forecast horizon must be >= 1, got " + h);
        }
        double[] lv = levels.length == 0 ? new double[] {80, 95} : levels.clone();
        java.util.Arrays.sort(lv);
        double[] z = new double[lv.length];
        for (int i = 0; i < lv.length; i++) {
            if (!(lv[i] > 0 && lv[i] < 100)) {
                throw new IllegalArgumentException(
                        "confidence levels must be in (0, 100) percent, got " + lv[i]);
            }
            z[i] = Normal.quantile(0.5 * (1 + lv[i] / 100));
        }
        double[][] kf = KalmanFilter.forecast(h, state.copy());
        List<ForecastStep> out = new ArrayList<>(h);
        int narma = spec.armaCount();
        for (int l = 0; l < h; l++) {
            double xm = 0;
            if (spec.hasIntercept()) {
                xm = coef[narma];
            } else if (spec.includeDrift()) {
                xm = coef[narma] * (n + l + 1);
            }
            double mean = kf[0][l] + xm;
            double se = Math.sqrt(kf[1][l] * sigma2);
            List<ForecastStep.Interval> iv = new ArrayList<>(lv.length);
            for (int i = 0; i < lv.length; i++) {
                iv.add(new ForecastStep.Interval(lv[i], mean - z[i] * se, mean + z[i] * se));
            }
            out.add(new ForecastStep(l + 1, mean, se, iv));
        }
        return out;
    }

    private List<String> freeNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (mask[i]) {
                out.add(names.get(i));
            }
        }
        return out;
    }

    /** The model and its coefficients, e.g. {@code ARIMA(1,0,0) with non-zero mean {ar1=0.57, ...}}. */
    @Override
    public String toString() {
        return spec + " " + coefficients() + " sigma2=" + sigma2 + " loglik=" + loglik
                + " aic=" + aic;
    }
}
