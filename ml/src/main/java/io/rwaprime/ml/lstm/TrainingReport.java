package io.rwaprime.ml.lstm;

/**
 * How a training went.
 *
 * @param epochs             epochs run (early stopping may end before the bound)
 * @param steps              Adam steps run
 * @param bestEpoch          epoch (1-based) whose weights were kept
 * @param bestValidationLoss mean pinball loss (standardised units) of the kept weights
 * @param finalTrainLoss     mean training loss of the last epoch
 * @param stepNanos          time spent inside the training steps, nanoseconds
 */
public record TrainingReport(int epochs, int steps, int bestEpoch, double bestValidationLoss,
                             double finalTrainLoss, long stepNanos) {

    /** Mean milliseconds per Adam step. */
    public double msPerStep() {
        return steps == 0 ? Double.NaN : stepNanos / 1e6 / steps;
    }
}
