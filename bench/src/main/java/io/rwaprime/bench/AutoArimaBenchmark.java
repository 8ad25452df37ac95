package io.rwaprime.bench;

import io.rwaprime.ml.arima.ArimaFit;
import io.rwaprime.ml.arima.AutoArima;
import java.util.Locale;
import java.util.Random;

/**
 * auto-ARIMA throughput (issue 6): {@code AutoArima.fit} with forecast's defaults (stepwise
 * search on AICc, CSS approximation for n &gt; 150) on simulated series, one thread, timed once
 * after a short warm-up. The mix (seed 6): 60 % non-seasonal ARIMA(p,d,q) with p, q in 0..2 and
 * d in 0..1, fitted with frequency 1; 20 % weekly (m = 7) and 20 % monthly (m = 12) series
 * with a seasonal AR or MA term and one seasonal difference half of the time. Lengths are
 * uniform in 100..300.
 *
 * <p>Usage: {@code AutoArimaBenchmark [series=1000] [seed=6]}. Prints one line per kind and
 * the total.
 */
public final class AutoArimaBenchmark {

    private AutoArimaBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 6;
        Random warm = new Random(seed + 1);
        for (int i = 0; i < 20; i++) {
            AutoArima.fit(simulate(warm, 120, i % 3 == 0 ? 12 : 1), i % 3 == 0 ? 12 : 1);
        }
        Random rnd = new Random(seed);
        int[] freqs = {1, 7, 12};
        long[] nanos = new long[3];
        int[] fits = new int[3];
        int[] failures = new int[3];
        long total = System.nanoTime();
        for (int i = 0; i < count; i++) {
            double u = rnd.nextDouble();
            int kind = u < 0.6 ? 0 : u < 0.8 ? 1 : 2;
            int n = 100 + rnd.nextInt(201);
            double[] y = simulate(rnd, n, freqs[kind]);
            long t0 = System.nanoTime();
            try {
                ArimaFit fit = AutoArima.fit(y, freqs[kind]);
                fits[kind] += fit == null ? 0 : 1;
            } catch (RuntimeException e) {
                failures[kind]++;
            }
            nanos[kind] += System.nanoTime() - t0;
            if ((i + 1) % 100 == 0) {
                System.err.printf(Locale.ROOT, "%d/%d series%n", i + 1, count);
            }
        }
        double secs = (System.nanoTime() - total) / 1e9;
        String[] names = {"non-seasonal (m=1)", "weekly (m=7)", "monthly (m=12)"};
        for (int k = 0; k < 3; k++) {
            double s = nanos[k] / 1e9;
            System.out.printf(Locale.ROOT, "%-20s series=%4d failures=%d time=%7.1f s  fits/s=%7.2f  ms/fit=%8.1f%n",
                    names[k], fits[k] + failures[k], failures[k], s, (fits[k] + failures[k]) / s,
                    1000 * s / Math.max(1, fits[k] + failures[k]));
        }
        System.out.printf(Locale.ROOT, "total: %d series in %.1f s = %.2f fits/s (one thread)%n", count, secs, count / secs);
    }

    /** ARIMA(p,d,q), with a seasonal AR or MA term of period m when m &gt; 1, N(0,1) innovations. */
    static double[] simulate(Random rnd, int n, int m) {
        int p = rnd.nextInt(3);
        int q = rnd.nextInt(3);
        int d = rnd.nextInt(2);
        double[] phi = new double[p];
        double[] theta = new double[q];
        for (int i = 0; i < p; i++) {
            phi[i] = (rnd.nextDouble() - 0.5) * (i == 0 ? 1.2 : 0.5);
        }
        for (int i = 0; i < q; i++) {
            theta[i] = (rnd.nextDouble() - 0.5) * (i == 0 ? 1.2 : 0.5);
        }
        double sar = m > 1 && rnd.nextBoolean() ? 0.3 + 0.5 * rnd.nextDouble() : 0;
        double sma = m > 1 && sar == 0 ? -0.3 - 0.5 * rnd.nextDouble() : 0;
        int bigD = m > 1 && rnd.nextBoolean() ? 1 : 0;
        int burn = 100 + 2 * m;
        double[] x = new double[n + burn];
        double[] e = new double[n + burn];
        for (int t = 0; t < x.length; t++) {
            e[t] = rnd.nextGaussian();
            double v = e[t];
            for (int i = 0; i < p && t > i; i++) {
                v += phi[i] * x[t - 1 - i];
            }
            for (int i = 0; i < q && t > i; i++) {
                v += theta[i] * e[t - 1 - i];
            }
            if (m > 1 && t >= m) {
                v += sar * x[t - m] + sma * e[t - m];
            }
            x[t] = v;
        }
        double[] y = java.util.Arrays.copyOfRange(x, burn, x.length);
        if (bigD == 1) {
            for (int t = m; t < y.length; t++) {
                y[t] += y[t - m];
            }
        }
        if (d == 1) {
            for (int t = 1; t < y.length; t++) {
                y[t] += y[t - 1];
            }
        }
        for (int t = 0; t < y.length; t++) {
            y[t] += 10;
        }
        return y;
    }
}
