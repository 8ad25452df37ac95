package io.rwaprime.ml.lstm;

/**
 * Settings of one LSTM training: the window of {@code window} past steps maps to quantiles of
 * the cumulative log return over 1..{@code horizon} steps ahead (direct multi-horizon output).
 * The defaults keep a CLI fit on 300 points to a few seconds on a CPU.
 *
 * @param window             time steps per input window, W
 * @param horizon            steps forecast directly, H
 * @param units              LSTM units
 * @param maxEpochs          upper bound on epochs; early stopping usually ends sooner
 * @param batchSize          mini-batch size
 * @param learningRate       Adam's learning rate
 * @param patience           epochs without a better validation loss before stopping
 * @param validationFraction share of the (time-ordered) windows held out for early stopping
 * @param seed               seed of the weight initialisation and of the batch shuffling
 * @param device             where the ops run ({@code ml.device})
 * @param threads            TensorFlow intra/inter-op threads; 1 (the default) keeps every float sum
 *                           in one order on any machine, so a seed reproduces the model; 0 lets
 *                           TensorFlow use every core (faster on big batches; sums may then be
 *                           split by the core count)
 */
public record LstmOptions(int window, int horizon, int units, int maxEpochs, int batchSize,
                          float learningRate, int patience, double validationFraction, long seed,
                          Device device, int threads) {

    /** The {@code ml.device} setting. */
    public enum Device {
        /** The GPU when one is visible to TensorFlow, else the CPU. */
        AUTO,
        /** Always the CPU. */
        CPU,
        /** The GPU; falls back to the CPU with a warning when none is visible. */
        GPU;

        /** Parses {@code auto|cpu|gpu}, case-insensitively. */
        public static Device parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ml.device must be auto, cpu or gpu, got '" + s + "'");
            }
        }
    }

    /** Validates the settings. */
    public LstmOptions {
        require(window >= 2, "window must be >= 2, got " + window);
        require(horizon >= 1, "horizon must be >= 1, got " + horizon);
        require(units >= 1, "units must be >= 1, got " + units);
        require(maxEpochs >= 1, "maxEpochs must be >= 1, got " + maxEpochs);
        require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
        require(learningRate > 0, "learningRate must be > 0, got " + learningRate);
        require(patience >= 1, "patience must be >= 1, got " + patience);
        require(validationFraction > 0 && validationFraction < 0.5,
                "validationFraction must be in (0, 0.5), got " + validationFraction);
        require(threads >= 0, "threads must be >= 0, got " + threads);
        if (device == null) {
            device = Device.AUTO;
        }
    }

    /**
     * W = 20, H = 10, 32 units, at most 30 epochs, batch 64, Adam 0.01, patience 5, 20 %
     * validation, seed 42, auto device, one thread.
     */
    public static LstmOptions defaults() {
        return new LstmOptions(20, 10, 32, 30, 64, 0.01f, 5, 0.2, 42, Device.AUTO, 1);
    }

    /** These options with another horizon. */
    public LstmOptions withHorizon(int h) {
        return new LstmOptions(window, h, units, maxEpochs, batchSize, learningRate, patience,
                validationFraction, seed, device, threads);
    }

    /** These options with another window length. */
    public LstmOptions withWindow(int w) {
        return new LstmOptions(w, horizon, units, maxEpochs, batchSize, learningRate, patience,
                validationFraction, seed, device, threads);
    }

    /** These options with another seed. */
    public LstmOptions withSeed(long s) {
        return new LstmOptions(window, horizon, units, maxEpochs, batchSize, learningRate, patience,
                validationFraction, s, device, threads);
    }

    /** These options with another device. */
    public LstmOptions withDevice(Device d) {
        return new LstmOptions(window, horizon, units, maxEpochs, batchSize, learningRate, patience,
                validationFraction, seed, d, threads);
    }

    /** These options with another epoch bound. */
    public LstmOptions withMaxEpochs(int e) {
        return new LstmOptions(window, horizon, units, e, batchSize, learningRate, patience,
                validationFraction, seed, device, threads);
    }

    /** These options with a fixed TensorFlow thread count. */
    public LstmOptions withThreads(int t) {
        return new LstmOptions(window, horizon, units, maxEpochs, batchSize, learningRate, patience,
                validationFraction, seed, device, t);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
