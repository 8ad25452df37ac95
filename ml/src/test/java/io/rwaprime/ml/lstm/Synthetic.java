package io.rwaprime.ml.lstm;

import java.util.Random;

/** Test series: a sine wave with Gaussian noise around a level, fixed seed. */
final class Synthetic {

    private Synthetic() {
    }

    static double[] sine(int n, long seed) {
        Random rnd = new Random(seed);
        double[] p = new double[n];
        for (int t = 0; t < n; t++) {
            p[t] = 100 + 10 * Math.sin(2 * Math.PI * t / 25) + 0.5 * rnd.nextGaussian();
        }
        return p;
    }

    static LstmOptions small() {
        return new LstmOptions(16, 5, 16, 6, 64, 0.01f, 3, 0.2, 7, LstmOptions.Device.CPU, 1);
    }
}
