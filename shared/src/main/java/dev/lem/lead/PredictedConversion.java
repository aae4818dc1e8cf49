package dev.lem.lead;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The predictive score stored beside the rule scores: the calibrated probability that the lead converts, the model
 * version that produced it, the features that pushed it most (in log-odds, strongest first) and when it was
 * computed.
 */
public record PredictedConversion(double probability, String modelVersion, List<Feature> topFeatures,
                                  Instant evaluatedAt) {

    /** One feature's push on the log-odds of converting (positive: towards buying). */
    public record Feature(String name, double logOdds) {}

    public PredictedConversion {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be within [0, 1]");
        }
        Objects.requireNonNull(modelVersion, "modelVersion");
        topFeatures = List.copyOf(topFeatures);
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    }
}
