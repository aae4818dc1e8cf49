package dev.lem.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CurrentModelTest {

    private static final Instant START = Instant.parse("2026-11-23T03:00:00Z");
    private static final Duration REFRESH = Duration.ofMinutes(15);

    private final RegistryFixtures.MapBlobStore bucket = new RegistryFixtures.MapBlobStore();
    private final BlobModelRegistry registry = new BlobModelRegistry(bucket, Clock.fixed(START, ZoneOffset.UTC));

    @Test
    void at_whenPublishedBeforeColdStart_usesItWithoutLookingAgainInsideTheInterval() {
        registry.publish(RegistryFixtures.model("m1", 0.7));
        CurrentModel current = new CurrentModel(registry, REFRESH, START);
        int readsAfterColdStart = bucket.reads;

        assertThat(current.at(START.plus(Duration.ofMinutes(14)))).map(PredictiveModel::version).contains("m1");
        assertThat(bucket.reads).isEqualTo(readsAfterColdStart);
    }

    @Test
    void at_whenANewVersionIsPublished_switchesAfterTheInterval() {
        registry.publish(RegistryFixtures.model("m1", 0.7));
        CurrentModel current = new CurrentModel(registry, REFRESH, START);
        registry.publish(RegistryFixtures.model("m2", 0.75));

        assertThat(current.at(START.plus(Duration.ofMinutes(10)))).map(PredictiveModel::version).contains("m1");
        assertThat(current.at(START.plus(REFRESH))).map(PredictiveModel::version).contains("m2");
    }

    @Test
    void at_whenTheVersionIsUnchanged_readsOnlyThePointer() {
        registry.publish(RegistryFixtures.model("m1", 0.7));
        CurrentModel current = new CurrentModel(registry, REFRESH, START);
        int reads = bucket.reads;

        current.at(START.plus(REFRESH));

        assertThat(bucket.reads).isEqualTo(reads + 1);
    }

    @Test
    void at_whenTheBucketIsUnavailable_keepsTheModelItHasAndTriesAgainLater() {
        registry.publish(RegistryFixtures.model("m1", 0.7));
        CurrentModel current = new CurrentModel(registry, REFRESH, START);
        registry.publish(RegistryFixtures.model("m2", 0.75));
        bucket.down = true;

        assertThat(current.at(START.plus(REFRESH))).map(PredictiveModel::version).contains("m1");

        bucket.down = false;
        assertThat(current.at(START.plus(REFRESH).plus(REFRESH))).map(PredictiveModel::version).contains("m2");
    }

    @Test
    void at_whenNothingIsPublishedOrTheBucketIsDownAtColdStart_predictsNothing() {
        assertThat(new CurrentModel(registry, REFRESH, START).at(START)).isEmpty();
        bucket.down = true;
        assertThat(new CurrentModel(registry, REFRESH, START).at(START)).isEmpty();
    }
}
