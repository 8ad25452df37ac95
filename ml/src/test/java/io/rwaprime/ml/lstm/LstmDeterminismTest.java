package io.rwaprime.ml.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class LstmDeterminismTest {

    @Test
    @DisplayName("two trainings with the same seed give the same losses (1e-6) and the same forecast")
    void sameSeedSameLoss() {
        double[] p = Synthetic.sine(200, 21);
        LstmOptions o = Synthetic.small();
        TrainingReport a;
        TrainingReport b;
        float[] qa;
        float[] qb;
        try (LstmModel m = LstmModel.train(FeatureFrame.fromPrices(p), o)) {
            a = m.report();
            qa = m.predictNext();
        }
        try (LstmModel m = LstmModel.train(FeatureFrame.fromPrices(p), o)) {
            b = m.report();
            qb = m.predictNext();
        }
        assertThat(b.steps()).isEqualTo(a.steps());
        assertThat(b.bestValidationLoss()).isCloseTo(a.bestValidationLoss(), within(1e-6));
        assertThat(b.finalTrainLoss()).isCloseTo(a.finalTrainLoss(), within(1e-6));
        for (int i = 0; i < qa.length; i++) {
            assertThat(qb[i]).isCloseTo(qa[i], within(1e-6f));
        }
    }
}
