package dev.lem.training;

import dev.lem.predict.Calibration;
import dev.lem.predict.LinearScorer;

/**
 * Fits Platt scaling — a one-feature logistic regression of the outcome on the raw log-odds — on rows the model did
 * not learn from. With time-ordered data those are the most recent training rows, which also re-centres the
 * probabilities on the latest conversion rate.
 */
final class PlattCalibrator {

    private PlattCalibrator() {}

    static Calibration fit(double[] rawLogits, int[] y) {
        double[][] x = new double[rawLogits.length][];
        for (int i = 0; i < rawLogits.length; i++) {
            x[i] = new double[] {rawLogits[i]};
        }
        LinearScorer fitted = LogisticTrainer.fit(new TrainingData.Rows(x, y), 1e-6);
        return new Calibration(fitted.weights()[0], fitted.bias());
    }
}
