package io.rwaprime.ml.arima;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * R's classic datasets, one value a line (NaN for NA), copied from R's sources
 * ({@code src/library/datasets/data/*.R} in r-source) into the test resources.
 */
final class Datasets {

    private Datasets() {
    }

    static double[] load(String name) {
        String path = "/io/rwaprime/ml/datasets/" + name + ".txt";
        try (InputStream in = Datasets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return r.lines().filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] log(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.log(x[i]);
        }
        return out;
    }
}
