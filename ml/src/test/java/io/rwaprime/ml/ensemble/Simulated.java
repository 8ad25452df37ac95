package io.rwaprime.ml.ensemble;

import java.util.Random;

/** ARIMA(1,d,1) paths with Gaussian innovations, like R's arima.sim with a burn-in. */
final class Simulated {

    private Simulated() {
    }

    static double[] arima(Random rnd, int n, double phi, double theta, int d, double mean) {
        int burn = 100;
        double[] x = new double[n + burn];
        double prevE = 0;
        for (int t = 0; t < x.length; t++) {
            double e = rnd.nextGaussian();
            x[t] = (t > 0 ? phi * x[t - 1] : 0) + e + theta * prevE;
            prevE = e;
        }
        double[] y = java.util.Arrays.copyOfRange(x, burn, x.length);
        for (int k = 0; k < d; k++) {
            for (int t = 1; t < y.length; t++) {
                y[t] += y[t - 1];
            }
        }
        for (int t = 0; t < y.length; t++) {
            y[t] += mean;
        }
        return y;
    }
}
