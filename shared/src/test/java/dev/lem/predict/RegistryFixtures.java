package dev.lem.predict;

import dev.lem.blob.BlobStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A map-backed bucket (with an outage switch) and a one-column model, for the registry tests. */
final class RegistryFixtures {

    private RegistryFixtures() {}

    static final class MapBlobStore implements BlobStore {
        final Map<String, String> objects = new HashMap<>();
        boolean down;
        int reads;

        @Override
        public Optional<String> read(String key) {
            reads++;
            if (down) {
                throw new dev.lem.blob.BlobStoreUnavailableException("down", null);
            }
            return Optional.ofNullable(objects.get(key));
        }

        @Override
        public void write(String key, String content) {
            objects.put(key, content);
        }
    }

    static PredictiveModel model(String version, double auc) {
        return new PredictiveModel(version, new FeatureSpec(List.of(new Column.Numeric("activity.count", 0, 1))),
                new LinearScorer(-3, new double[] {1}), Calibration.IDENTITY,
                new HoldoutMetrics(auc, 0.6, 0.7, 0.1, 800, 200, 30));
    }
}
