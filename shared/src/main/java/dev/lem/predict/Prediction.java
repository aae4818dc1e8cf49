package dev.lem.predict;

import java.util.List;

/** A calibrated probability of conversion, the model version that produced it, and the strongest contributions. */
public record Prediction(double probability, String modelVersion, List<Contribution> topFeatures) {

    public Prediction {
        topFeatures = List.copyOf(topFeatures);
    }
}
