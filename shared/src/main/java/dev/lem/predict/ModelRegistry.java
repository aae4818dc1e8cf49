package dev.lem.predict;

import java.util.Optional;

/** Where model versions are published and the current one is found (a directory locally; an S3 bucket in AWS). */
public interface ModelRegistry {

    Optional<PredictiveModel> current();

    /** The version of the current model only (cheap: no model download); empty when none is published. */
    default Optional<String> currentVersion() {
        return current().map(PredictiveModel::version);
    }

    /** Stores the model under its version and makes it the current one. */
    void publish(PredictiveModel model);
}
