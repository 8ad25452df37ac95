package io.rwaprime.ml.lstm;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained LSTM with its live TensorFlow session: batched inference, the quantiles after the
 * last window of its training data, and SavedModel export. Holds native memory until
 * {@link #close()}.
 */
public final class LstmModel implements AutoCloseable {

    /** Metadata written next to an exported SavedModel. */
    public static final String METADATA = "rwa-lstm.properties";

    private static final Logger log = LoggerFactory.getLogger(LstmModel.class);

    private final LstmOptions options;
    private final java.util.List<String> featureNames;
    private final LstmNetwork net;
    private final float[] lastWindow;
    private final TrainingReport report;

    private LstmModel(LstmOptions options, java.util.List<String> featureNames, LstmNetwork net,
                      float[] lastWindow, TrainingReport report) {
        this.options = options;
        this.featureNames = featureNames;
        this.net = net;
        this.lastWindow = lastWindow;
        this.report = report;
    }

    /**
     * Trains on the windows of a feature frame: shuffled mini-batches (seeded), Adam, early
     * stopping on the last {@code validationFraction} of the windows with the best weights
     * restored.
     *
     * @throws IllegalArgumentException when the series is too short for W + H or constant
     */
    public static LstmModel train(FeatureFrame frame, LstmOptions o) {
        Windows data = new Windows(frame, o);
        LstmDevice device = LstmDevice.resolve(o.device(), o.threads());
        LstmNetwork net = new LstmNetwork(o, data.width, data.mean, data.std, data.returnSigma, device);
        try {
            TrainingReport report = fit(net, data, o);
            log.debug("LSTM trained [epochs: {}, steps: {}, bestEpoch: {}, valLoss: {}]", report.epochs(),
                    report.steps(), report.bestEpoch(), report.bestValidationLoss());
            return new LstmModel(o, frame.names(), net, data.last, report);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    private static TrainingReport fit(LstmNetwork net, Windows d, LstmOptions o) {
        int w = o.window();
        int h = o.horizon();
        int stride = w * d.width;
        float[] scale = new float[h];
        for (int k = 0; k < h; k++) {
            scale[k] = (float) (d.returnSigma * Math.sqrt(k + 1.0));
        }
        int nTrain = d.train();
        int[] order = new int[nTrain];
        Arrays.setAll(order, i -> i);
        Random shuffle = new Random(o.seed() ^ 0x5DEECE66DL);
        int bs = Math.min(o.batchSize(), nTrain);
        float[] bx = new float[bs * stride];
        float[] by = new float[bs * h];
        float[] vx = Arrays.copyOfRange(d.x, nTrain * stride, d.count * stride);
        float[] vy = standardised(d.y, nTrain, d.count, h, scale);
        double best = Double.POSITIVE_INFINITY;
        float[][] bestWeights = null;
        int bestEpoch = 0;
        int epochs = 0;
        int steps = 0;
        long nanos = 0;
        double trainLoss = Double.NaN;
        for (int epoch = 1; epoch <= o.maxEpochs(); epoch++) {
            epochs = epoch;
            for (int i = nTrain - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double sum = 0;
            for (int start = 0; start < nTrain; start += bs) {
                int n = Math.min(bs, nTrain - start);
                for (int b = 0; b < n; b++) {
                    int idx = order[start + b];
                    System.arraycopy(d.x, idx * stride, bx, b * stride, stride);
                    for (int k = 0; k < h; k++) {
                        by[b * h + k] = d.y[idx * h + k] / scale[k];
                    }
                }
                long t0 = System.nanoTime();
                sum += net.trainStep(bx, by, n) * n;
                nanos += System.nanoTime() - t0;
                steps++;
            }
            trainLoss = sum / nTrain;
            double val = net.loss(vx, vy, d.validation);
            if (val < best) {
                best = val;
                bestEpoch = epoch;
                bestWeights = net.snapshot();
            } else if (epoch - bestEpoch >= o.patience()) {
                break;
            }
        }
        net.restore(bestWeights);
        return new TrainingReport(epochs, steps, bestEpoch, best, trainLoss, nanos);
    }

    private static float[] standardised(float[] y, int from, int to, int h, float[] scale) {
        float[] out = new float[(to - from) * h];
        for (int i = from; i < to; i++) {
            for (int k = 0; k < h; k++) {
                out[(i - from) * h + k] = y[i * h + k] / scale[k];
            }
        }
        return out;
    }

    /** The options it was trained with. */
    public LstmOptions options() {
        return options;
    }

    /** The training summary. */
    public TrainingReport report() {
        return report;
    }

    /** Feature names in input order. */
    public java.util.List<String> featureNames() {
        return featureNames;
    }

    /**
     * Quantiles of the cumulative log return for {@code n} raw-feature windows laid out
     * [n, W, F] row-major; returns [n, H, 5] row-major (2.5, 10, 50, 90, 97.5 %).
     */
    public float[] predict(float[] windows, int n) {
        float[] out = new float[n * options.horizon() * Quantiles.count()];
        net.predict(windows, n, out);
        return out;
    }

    /** Quantiles after the last window of the training data: [H, 5]. */
    public float[] predictNext() {
        return predict(lastWindow, 1);
    }

    /** The raw features of the last window, [W, F]. */
    public float[] lastWindow() {
        return lastWindow.clone();
    }

    /**
     * Exports a SavedModel to {@code base/version} (the TensorFlow Serving layout) with the
     * default serving signature {@code window [batch, W, F] → quantiles [batch, H, 5]}, and
     * {@value #METADATA} beside it (version, W, H, units, features, quantile levels).
     *
     * @return the export folder
     */
    public Path export(Path base, long version) throws IOException {
        if (version < 1) {
            throw new IllegalArgumentException("model version must be >= 1, got " + version);
        }
        Path dir = base.resolve(Long.toString(version));
        if (Files.exists(dir)) {
            throw new IOException("model version " + version + " already exported at " + dir);
        }
        net.export(dir);
        Properties p = new Properties();
        p.setProperty("version", Long.toString(version));
        p.setProperty("window", Integer.toString(options.window()));
        p.setProperty("horizon", Integer.toString(options.horizon()));
        p.setProperty("units", Integer.toString(options.units()));
        p.setProperty("seed", Long.toString(options.seed()));
        p.setProperty("features", String.join(",", featureNames));
        p.setProperty("quantiles", "0.025,0.1,0.5,0.9,0.975");
        try (Writer wr = Files.newBufferedWriter(dir.resolve(METADATA), StandardCharsets.UTF_8)) {
            p.store(wr, "rwa-prime LSTM SavedModel");
        }
        log.info("LSTM exported [dir: {}, version: {}]", dir, version);
        return dir;
    }

    @Override
    public void close() {
        net.close();
    }
}
