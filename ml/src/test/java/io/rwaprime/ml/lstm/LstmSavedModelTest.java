package io.rwaprime.ml.lstm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class LstmSavedModelTest {

    @Test
    @DisplayName("a SavedModel exported with a version, reloaded in a fresh JVM, predicts bit for bit the same")
    void exportReloadInFreshJvmIsBitIdentical(@TempDir Path tmp) throws Exception {
        double[] p = Synthetic.sine(160, 31);
        LstmOptions o = Synthetic.small();
        Windows all = new Windows(FeatureFrame.fromPrices(p), o);
        int n = all.count;
        float[] expected;
        Path dir;
        try (LstmModel m = LstmModel.train(FeatureFrame.fromPrices(p), o)) {
            expected = m.predict(all.x, n);
            dir = m.export(tmp.resolve("lstm"), 3);
        }
        assertThat(dir).isEqualTo(tmp.resolve("lstm").resolve("3"));
        assertThat(dir.resolve("saved_model.pb")).exists();
        assertThat(dir.resolve(LstmModel.METADATA)).exists();
        Path in = tmp.resolve("windows.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(in))) {
            out.writeInt(n);
            out.writeInt(all.x.length);
            for (float v : all.x) {
                out.writeFloat(v);
            }
        }
        Path result = tmp.resolve("quantiles.bin");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process proc = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReloadMain.class.getName(), dir.toString(), in.toString(), result.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertThat(proc.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as(Files.readString(tmp.resolve("child.log"))).isZero();
        float[] got;
        long version;
        try (DataInputStream r = new DataInputStream(Files.newInputStream(result))) {
            version = r.readLong();
            got = new float[r.readInt()];
            for (int i = 0; i < got.length; i++) {
                got[i] = r.readFloat();
            }
        }
        assertThat(version).isEqualTo(3);
        assertThat(bits(got)).isEqualTo(bits(expected));
    }

    private static int[] bits(float[] v) {
        return Arrays.stream(toBoxed(v)).mapToInt(Float::floatToRawIntBits).toArray();
    }

    private static Float[] toBoxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
