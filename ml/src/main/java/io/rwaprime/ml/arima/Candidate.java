package io.rwaprime.ml.arima;

/**
 * A model tried by {@link AutoArima} with the criterion it is ranked by (+Inf when it
 * failed or was rejected).
 *
 * @param fit the fit, null when estimation failed
 * @param ic  the criterion
 */
record Candidate(ArimaFit fit, double ic) {

    static final Candidate FAILED = new Candidate(null, Double.POSITIVE_INFINITY);

    /** forecast's {@code myarima}: fit, criteria, sigma^2 adjustment and root checks. */
    static Candidate fit(double[] x, ArimaSpec spec, boolean approx, double offset,
                         AutoArima.Criterion ic) {
        ArimaFit fit;
        try {
            fit = Arima.fit(x, spec, approx ? EstimationMethod.CSS : EstimationMethod.CSS_ML);
        } catch (ArimaException | IllegalArgumentException e) {
            return FAILED;
        }
        int nstar = fit.nobs();
        int npar = fit.parameterCount() + 1;
        double aic = approx ? offset + nstar * Math.log(fit.sigma2()) + 2 * npar : fit.aic();
        if (Double.isNaN(aic)) {
            return FAILED;
        }
        double value = switch (ic) {
            case AIC -> aic;
            case BIC -> aic + npar * (Math.log(nstar) - 2);
            case AICC -> aic + 2.0 * npar * (npar + 1) / (nstar - npar - 1);
        };
        if (Double.isNaN(value) || nearUnitRoot(fit) || hasNaNStandardError(fit)) {
            return new Candidate(fit, Double.POSITIVE_INFINITY);
        }
        return new Candidate(adjustSigma2(fit), value);
    }

    /** forecast's unbiased sigma^2: sum of squared residuals / (n - k + 1). */
    static ArimaFit adjustSigma2(ArimaFit fit) {
        double ss = 0;
        for (double r : fit.residuals()) {
            if (!Double.isNaN(r)) {
                ss += r * r;
            }
        }
        return fit.withSigma2(ss / (fit.nobs() - fit.parameterCount()));
    }

    private static boolean nearUnitRoot(ArimaFit fit) {
        double minroot = 2;
        minroot = Math.min(minroot, minRoot(fit.phi(), -1));
        minroot = Math.min(minroot, minRoot(fit.theta(), 1));
        return minroot < 1 + 1e-2;
    }

    private static double minRoot(double[] coefs, double sign) {
        int last = 0;
        for (int i = 0; i < coefs.length; i++) {
            if (Math.abs(coefs[i]) > 1e-8) {
                last = i + 1;
            }
        }
        if (last == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double[] poly = new double[last + 1];
        poly[0] = 1;
        for (int i = 0; i < last; i++) {
            poly[i + 1] = sign * coefs[i];
        }
        return io.rwaprime.ml.stats.Polynomials.roots(poly).minModulus();
    }

    private static boolean hasNaNStandardError(ArimaFit fit) {
        return fit.standardErrors().values().stream().anyMatch(v -> Double.isNaN(v));
    }
}
