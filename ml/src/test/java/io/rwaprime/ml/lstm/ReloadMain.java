package io.rwaprime.ml.lstm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link LstmSavedModelTest}: loads a SavedModel, predicts the windows
 * of a file and writes the quantiles. Args: exportDir windowsFile outFile.
 */
public final class ReloadMain {

    private ReloadMain() {
    }

    public static void main(String[] args) throws IOException {
        float[] x;
        int n;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(Path.of(args[1])))) {
            n = in.readInt();
            x = new float[in.readInt()];
            for (int i = 0; i < x.length; i++) {
                x[i] = in.readFloat();
            }
        }
        try (LstmSavedModel m = LstmSavedModel.load(Path.of(args[0]));
             DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[2])))) {
            float[] q = m.predict(x, n);
            out.writeLong(m.version());
            out.writeInt(q.length);
            for (float v : q) {
                out.writeFloat(v);
            }
        }
    }
}
