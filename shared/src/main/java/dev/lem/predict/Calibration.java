package dev.lem.predict;

/**
 * Platt scaling: {@code p = 1 / (1 + exp(-(slope * raw + intercept)))}, fitted on a slice of the training rows the
 * model did not learn from, so that a probability of 0.3 means about 3 in 10 such leads convert.
 */
public record Calibration(double slope, double intercept) {

    public static final Calibration IDENTITY = new Calibration(1, 0);

    public double probability(double rawLogit) {
        return Logistic.sigmoid(slope * rawLogit + intercept);
    }
}
