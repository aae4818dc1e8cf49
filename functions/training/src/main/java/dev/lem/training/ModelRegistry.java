package dev.lem.training;

import dev.lem.predict.PredictiveModel;

import java.util.Optional;

/** Where model versions are published and the current one is found (a directory locally; object storage in AWS). */
public interface ModelRegistry {

    Optional<PredictiveModel> current();

    /** Stores the model under its version and makes it the current one. */
    void publish(PredictiveModel model);
}
