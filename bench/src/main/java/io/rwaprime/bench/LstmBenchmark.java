package io.rwaprime.bench;

import io.rwaprime.ml.lstm.FeatureFrame;
import io.rwaprime.ml.lstm.LstmModel;
import io.rwaprime.ml.lstm.LstmOptions;
import io.rwaprime.ml.lstm.TrainingReport;
import java.util.Locale;
import java.util.Random;

/**
 * LSTM speed on the CPU (issue 6): Adam step time at batch 64 during a real training
 * (W = 20, 32 units, H = 10, 3 features: log return, realised volatility, log volume; 3,000
 * points of a simulated GBM with a volume column), then batched inference throughput,
 * windows/s, at batch 256, 1,024 and 4,096 after a warm-up. Each is run with one TensorFlow
 * thread (the library default, bit-reproducible) and with TensorFlow's own thread count.
 *
 * <p>Usage: {@code LstmBenchmark [points=3000] [seconds per inference batch=3]}.
 */
public final class LstmBenchmark {

    private LstmBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        Random rnd = new Random(6);
        double[] p = new double[n];
        double[] vol = new double[n];
        p[0] = 100;
        for (int t = 1; t < n; t++) {
            p[t] = p[t - 1] * Math.exp(0.0002 + 0.01 * rnd.nextGaussian());
            vol[t] = 1e6 * Math.exp(0.3 * rnd.nextGaussian());
        }
        for (int threads : new int[] {1, 0}) {
            LstmOptions o = LstmOptions.defaults().withDevice(LstmOptions.Device.CPU).withThreads(threads)
                    .withMaxEpochs(5);
            FeatureFrame frame = FeatureFrame.fromPrices(p).withVolume(vol);
            long t0 = System.nanoTime();
            try (LstmModel m = LstmModel.train(frame, o)) {
                TrainingReport r = m.report();
                System.out.printf(Locale.ROOT, "threads=%s train: %d windows, %d epochs, %d steps, %.2f ms/step"
                        + " (batch 64), %.1f s total incl. graph build%n", threads == 0 ? "auto" : "1",
                        n - o.window() - o.horizon(), r.epochs(), r.steps(), r.msPerStep(),
                        (System.nanoTime() - t0) / 1e9);
                float[] one = m.lastWindow();
                for (int batch : new int[] {256, 1024, 4096}) {
                    float[] x = new float[batch * one.length];
                    for (int b = 0; b < batch; b++) {
                        System.arraycopy(one, 0, x, b * one.length, one.length);
                        x[b * one.length] += 1e-4f * b;
                    }
                    for (int i = 0; i < 5; i++) {
                        m.predict(x, batch);
                    }
                    long windows = 0;
                    long s0 = System.nanoTime();
                    while (System.nanoTime() - s0 < seconds * 1e9) {
                        m.predict(x, batch);
                        windows += batch;
                    }
                    double secs = (System.nanoTime() - s0) / 1e9;
                    System.out.printf(Locale.ROOT, "threads=%s inference batch %5d: %,10.0f windows/s%n",
                            threads == 0 ? "auto" : "1", batch, windows / secs);
                }
            }
        }
    }
}
