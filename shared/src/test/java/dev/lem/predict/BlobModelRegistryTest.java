package dev.lem.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BlobModelRegistryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

    private final RegistryFixtures.MapBlobStore bucket = new RegistryFixtures.MapBlobStore();
    private final BlobModelRegistry registry = new BlobModelRegistry(bucket, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void current_whenNothingIsPublished_isEmpty() {
        assertThat(registry.current()).isEmpty();
        assertThat(registry.currentVersion()).isEmpty();
    }

    @Test
    void publish_writesTheVersionAndAPointerWithItsHoldoutFigures() {
        registry.publish(RegistryFixtures.model("m1", 0.71));
        registry.publish(RegistryFixtures.model("m2", 0.74));

        assertThat(bucket.objects).containsKeys("models/m1.json", "models/m2.json", BlobModelRegistry.CURRENT_KEY);
        BlobModelRegistry.Pointer pointer = Json.read(bucket.objects.get(BlobModelRegistry.CURRENT_KEY),
                BlobModelRegistry.Pointer.class);
        assertThat(pointer.version()).isEqualTo("m2");
        assertThat(pointer.publishedAt()).isEqualTo(NOW);
        assertThat(pointer.holdout().auc()).isEqualTo(0.74);
        assertThat(registry.current()).map(PredictiveModel::version).contains("m2");
        assertThat(registry.load("m1").holdout().auc()).isEqualTo(0.71);
    }

    @Test
    void current_whenThePointerNamesAMissingModel_saysWhichOne() {
        bucket.objects.put(BlobModelRegistry.CURRENT_KEY, "{\"version\":\"m9\",\"publishedAt\":\"2026-11-23T03:00:00Z\"}");

        assertThatThrownBy(registry::current).hasMessageContaining("m9").hasMessageContaining("models/m9.json");
    }

    @Test
    void modelKey_whenTheVersionIsNotASafeName_refusesIt() {
        for (String bad : new String[] {"../x", "a/b", "", "v 1"}) {
            assertThatThrownBy(() -> BlobModelRegistry.modelKey(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
