package dev.lem.predict;

import dev.lem.blob.BlobStore;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import java.time.Instant;
import java.util.Optional;

/**
 * Model versions in a {@link BlobStore}: {@code models/<version>.json} (never overwritten in practice: versions are
 * timestamps), and the pointer {@code models/current.json} naming the current version with the holdout figures it was
 * published on. Publishing writes the model first and the pointer last, so a reader never finds a pointer to a model
 * that is not there.
 */
public final class BlobModelRegistry implements ModelRegistry {

    public static final String CURRENT_KEY = "models/current.json";

    /** The pointer object's content. */
    public record Pointer(String version, Instant publishedAt, HoldoutMetrics holdout) {}

    private final BlobStore blobs;
    private final java.time.Clock clock;

    public BlobModelRegistry(BlobStore blobs, java.time.Clock clock) {
        this.blobs = blobs;
        this.clock = clock;
    }

    public static String modelKey(String version) {
        if (version == null || !version.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("model version '" + version + "' is not a safe object name");
        }
        return "models/" + version + ".json";
    }

    public Optional<Pointer> pointer() {
        return blobs.read(CURRENT_KEY).map(json -> {
            try {
                return Json.read(json, Pointer.class);
            } catch (RuntimeException e) {
                throw new MalformedJsonException(CURRENT_KEY + " is not a model pointer: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Optional<String> currentVersion() {
        return pointer().map(Pointer::version);
    }

    @Override
    public Optional<PredictiveModel> current() {
        return currentVersion().map(this::load);
    }

    /** The model stored under {@code version}. */
    public PredictiveModel load(String version) {
        String key = modelKey(version);
        String json = blobs.read(key).orElseThrow(() -> new IllegalStateException(
                CURRENT_KEY + " names version " + version + " but " + key + " is missing"));
        return PredictiveModel.fromJson(json);
    }

    @Override
    public void publish(PredictiveModel model) {
        blobs.write(modelKey(model.version()), model.toJson());
        blobs.write(CURRENT_KEY, Json.write(new Pointer(model.version(), clock.instant(), model.holdout())));
    }
}
