package io.rwaprime.ml.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rwaprime.ml.forecast.Forecast;
import io.rwaprime.ml.forecast.FittedModel;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class LstmForecasterTest {

    @Test
    @DisplayName("on sine + noise the median beats the naive forecast's MAE and the 80 % band covers 65-95 % out of sample")
    void beatsNaiveAndCoversOnHeldOutWindows() {
        double[] p = Synthetic.sine(420, 11);
        int trainLen = 320;
        LstmOptions o = LstmOptions.defaults().withHorizon(5).withDevice(LstmOptions.Device.CPU);
        Windows all = new Windows(FeatureFrame.fromPrices(p), o);
        int w = o.window();
        int h = o.horizon();
        int stride = w * all.width;
        // windows whose origin t = W + i lies after the training prefix (and whose targets too)
        int first = trainLen - w;
        int n = all.count - first;
        float[] x = Arrays.copyOfRange(all.x, first * stride, all.count * stride);
        try (LstmModel m = LstmModel.train(FeatureFrame.fromPrices(Arrays.copyOf(p, trainLen)), o)) {
            float[] q = m.predict(x, n);
            double maeLstm = 0;
            double maeNaive = 0;
            int covered = 0;
            int nq = Quantiles.count();
            for (int i = 0; i < n; i++) {
                int t = w + first + i;
                for (int k = 0; k < h; k++) {
                    int base = (i * h + k) * nq;
                    for (int j = 1; j < nq; j++) {
                        assertThat(q[base + j]).isGreaterThanOrEqualTo(q[base + j - 1]);
                    }
                    double actual = p[t + k + 1];
                    maeLstm += Math.abs(p[t] * Math.exp(q[base + Quantiles.MEDIAN]) - actual);
                    maeNaive += Math.abs(p[t] - actual);
                    double y = all.y[(first + i) * h + k];
                    if (y >= q[base + 1] && y <= q[base + 3]) {
                        covered++;
                    }
                }
            }
            double coverage = covered / (double) (n * h);
            assertThat(maeLstm).as("LSTM MAE %.3f vs naive %.3f", maeLstm / (n * h), maeNaive / (n * h))
                    .isLessThan(0.8 * maeNaive);
            assertThat(coverage).as("80 %% coverage").isBetween(0.65, 0.95);
            assertThat(m.report().epochs()).isLessThanOrEqualTo(30);
        }
    }

    @Test
    @DisplayName("fit/forecast through the Forecaster interface: prices, ordered 80/95 bands, R-style model name")
    void forecastsPricesWithOrderedIntervals() {
        LstmForecaster f = new LstmForecaster(Synthetic.small());
        FittedModel fit = f.fit(Synthetic.sine(150, 3), 1);
        Forecast fc = fit.forecast(5, 80, 95);
        assertThat(fit.model()).isEqualTo("LSTM(W=16,units=16)");
        assertThat(fit.coefficients()).isEmpty();
        assertThat(fit.loglik()).isNaN();
        assertThat(fc.horizon()).isEqualTo(5);
        for (Forecast.Step s : fc.steps()) {
            assertThat(s.interval(95).lower()).isLessThanOrEqualTo(s.interval(80).lower());
            assertThat(s.interval(80).lower()).isLessThanOrEqualTo(s.mean());
            assertThat(s.mean()).isLessThanOrEqualTo(s.interval(80).upper());
            assertThat(s.interval(80).upper()).isLessThanOrEqualTo(s.interval(95).upper());
            assertThat(s.mean()).isBetween(50.0, 150.0);
        }
        assertThatThrownBy(() -> fit.forecast(6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trained for horizon 5");
        assertThatThrownBy(() -> fit.forecast(3, 90)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("80 and 95");
    }

    @Test
    @DisplayName("bad input: too short for W+H, NaN, non-positive prices, ragged or NaN extra columns")
    void rejectsBadInputWithClearMessages() {
        LstmForecaster f = new LstmForecaster(Synthetic.small());
        assertThatThrownBy(() -> f.fit(Synthetic.sine(25, 1), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short for the LSTM").hasMessageContaining("W=16").hasMessageContaining("H=5");
        double[] nan = Synthetic.sine(100, 1);
        nan[40] = Double.NaN;
        assertThatThrownBy(() -> f.fit(nan, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 40");
        double[] neg = Synthetic.sine(100, 1);
        neg[3] = -1;
        assertThatThrownBy(() -> f.fit(neg, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        double[] p = Synthetic.sine(100, 1);
        assertThatThrownBy(() -> FeatureFrame.fromPrices(p).withColumn("sentiment", new double[99]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sentiment has 99");
        double[] flows = new double[100];
        flows[7] = Double.NaN;
        assertThatThrownBy(() -> FeatureFrame.fromPrices(p).withColumn("flows", flows))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flows").hasMessageContaining("index 7");
        double[] flat = new double[100];
        Arrays.fill(flat, 5);
        assertThatThrownBy(() -> f.fit(flat, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("constant");
        assertThatThrownBy(() -> LstmOptions.Device.parse("tpu")).hasMessageContaining("auto, cpu or gpu");
    }

    @Test
    @DisplayName("multivariate: volume and extra columns are accepted and widen the input")
    void trainsOnMultivariateFrame() {
        double[] p = Synthetic.sine(150, 5);
        double[] vol = new double[p.length];
        double[] sentiment = new double[p.length];
        for (int t = 0; t < p.length; t++) {
            vol[t] = 1000 + 100 * Math.cos(t / 5.0);
            sentiment[t] = Math.sin(t / 7.0);
        }
        FeatureFrame frame = FeatureFrame.fromPrices(p).withVolume(vol).withColumn("sentiment", sentiment);
        assertThat(frame.names()).containsExactly("logReturn", "realizedVol", "logVolume", "sentiment");
        Forecast fc = new LstmForecaster(Synthetic.small()).fit(frame).forecast(5);
        assertThat(Arrays.stream(fc.means()).allMatch(Double::isFinite)).isTrue();
    }
}
