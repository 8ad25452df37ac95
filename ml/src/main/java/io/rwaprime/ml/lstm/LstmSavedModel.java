package io.rwaprime.ml.lstm;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * An exported LSTM loaded back (in this or another JVM): runs the serving signature on raw
 * feature windows. Holds native memory until {@link #close()}.
 */
public final class LstmSavedModel implements AutoCloseable {

    private final SavedModelBundle bundle;
    private final SessionFunction serving;
    private final long version;
    private final int window;
    private final int horizon;
    private final int features;

    private LstmSavedModel(SavedModelBundle bundle, Properties meta) {
        this.bundle = bundle;
        this.serving = bundle.function(Signature.DEFAULT_KEY);
        this.version = Long.parseLong(meta.getProperty("version"));
        this.window = Integer.parseInt(meta.getProperty("window"));
        this.horizon = Integer.parseInt(meta.getProperty("horizon"));
        this.features = meta.getProperty("features").split(",").length;
    }

    /** Loads the export folder written by {@link LstmModel#export}. */
    public static LstmSavedModel load(Path dir) throws IOException {
        Properties meta = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(LstmModel.METADATA), StandardCharsets.UTF_8)) {
            meta.load(r);
        }
        return new LstmSavedModel(SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG), meta);
    }

    /** The model version it was exported with. */
    public long version() {
        return version;
    }

    /** Quantiles [n, H, 5] for raw windows [n, W, F], as {@link LstmModel#predict}. */
    public float[] predict(float[] windows, int n) {
        float[] out = new float[n * horizon * Quantiles.count()];
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(n, window, features),
                DataBuffers.of(windows, true, false).narrow((long) n * window * features));
             Result res = serving.call(Map.of(LstmNetwork.INPUT, in))) {
            res.get(LstmNetwork.OUTPUT).orElseThrow().asRawTensor().data().asFloats().read(out);
        }
        return out;
    }

    @Override
    public void close() {
        bundle.close();
    }
}
