package io.rwaprime.risk.analytics;

/**
 * The result of {@link Covariance#ledoitWolf}: Σ̂ = δ*·F + (1 − δ*)·S with every intermediate
 * term of the intensity formula, so a reader can check it. Matrix accessors return copies.
 *
 * @param covariance         the shrunk estimate Σ̂
 * @param sample             S, the sample covariance with the 1/T denominator
 * @param target             F, the constant-correlation target
 * @param intensity          δ* in [0, 1]
 * @param averageCorrelation r̄, the mean off-diagonal sample correlation
 * @param pi                 π̂, sum of asymptotic variances of the entries of S
 * @param rho                ρ̂, sum of asymptotic covariances of F with S
 * @param gamma              γ̂, squared Frobenius distance between F and S
 */
public record ShrunkCovariance(double[][] covariance, double[][] sample, double[][] target, double intensity,
                               double averageCorrelation, double pi, double rho, double gamma) {

    /** Copies the matrices in. */
    public ShrunkCovariance {
        covariance = copy(covariance);
        sample = copy(sample);
        target = copy(target);
    }

    @Override
    public double[][] covariance() {
        return copy(covariance);
    }

    @Override
    public double[][] sample() {
        return copy(sample);
    }

    @Override
    public double[][] target() {
        return copy(target);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
