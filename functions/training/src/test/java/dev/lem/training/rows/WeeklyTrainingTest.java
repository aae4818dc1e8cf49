package dev.lem.training.rows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.predict.BlobModelRegistry;
import dev.lem.predict.PredictiveModel;
import dev.lem.predict.TrainingRow;
import dev.lem.testing.fakes.InMemoryBlobStore;
import dev.lem.testing.fakes.InMemoryTrainingRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeeklyTrainingTest {

    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

    private final InMemoryTrainingRows rows = new InMemoryTrainingRows();
    private final InMemoryBlobStore bucket = new InMemoryBlobStore();
    private final BlobModelRegistry registry = new BlobModelRegistry(bucket, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void run_whenThereAreTooFewRows_skipsWithTheReasonAndPublishesNothing() {
        TrainingHistory.rows(12, NOW, 4, 1).forEach(rows::add);

        WeeklyTraining.Result result = new WeeklyTraining(rows, registry, 52).run(NOW);

        assertThat(result.status()).isEqualTo("skipped");
        assertThat(result.rows()).isEqualTo(12);
        assertThat(result.reason()).contains("only 12 rows");
        assertThat(bucket.objects()).isEmpty();
    }

    @Test
    void run_whenEveryOutcomeIsALoss_skipsWithTheReasonAndPublishesNothing() {
        for (int i = 0; i < 50; i++) {
            rows.add(new TrainingRow("o-" + i, NOW.minus(Duration.ofHours(i + 1)), "lost", Map.of("activity.count", "1")));
        }

        WeeklyTraining.Result result = new WeeklyTraining(rows, registry, 52).run(NOW);

        assertThat(result.status()).isEqualTo("skipped");
        assertThat(result.reason()).contains("one class only");
        assertThat(bucket.objects()).isEmpty();
    }

    @Test
    void run_whenNoModelIsPublished_publishesTheNewVersionWithItsHoldoutFigures() {
        TrainingHistory.rows(1500, NOW, 20, 2).forEach(rows::add);

        WeeklyTraining.Result result = new WeeklyTraining(rows, registry, 52).run(NOW);

        assertThat(result.status()).isEqualTo("published");
        assertThat(result.rows()).isEqualTo(1500);
        assertThat(result.version()).isEqualTo("m20261123T030000Z");
        assertThat(result.candidate().auc()).isGreaterThan(0.7);
        assertThat(result.candidate().holdoutRows()).isEqualTo(300);
        PredictiveModel published = registry.current().orElseThrow();
        assertThat(published.version()).isEqualTo("m20261123T030000Z");
        assertThat(registry.pointer().orElseThrow().holdout()).isEqualTo(result.candidate());
    }

    @Test
    void run_whenTheCurrentModelIsAsGoodOnTheSameHoldout_keepsIt() {
        TrainingHistory.rows(1500, NOW, 20, 3).forEach(rows::add);
        new WeeklyTraining(rows, registry, 52).run(NOW);

        WeeklyTraining.Result again = new WeeklyTraining(rows, registry, 52).run(NOW.plusSeconds(60));

        assertThat(again.status()).isEqualTo("kept");
        assertThat(again.current().auc()).isEqualTo(again.candidate().auc());
        assertThat(registry.currentVersion()).contains("m20261123T030000Z");
    }

    @Test
    void run_whenHashingIsConfigured_publishesAModelWithHashedColumns() {
        TrainingHistory.rows(1500, NOW, 20, 2).forEach(rows::add);

        WeeklyTraining.Result result = new WeeklyTraining(rows, registry, 52, 32, false).run(NOW);

        assertThat(result.status()).isEqualTo("published");
        assertThat(registry.current().orElseThrow().features().columns())
                .anyMatch(column -> column instanceof dev.lem.predict.Column.Hashed hashed && hashed.buckets() == 32)
                .noneMatch(column -> column instanceof dev.lem.predict.Column.Categorical);
    }

    @Test
    void run_readsOnlyTheLastWeeksOfRows() {
        TrainingHistory.rows(30, NOW.minus(Duration.ofDays(7 * 30)), 4, 4).forEach(rows::add);
        TrainingHistory.rows(10, NOW, 2, 5).forEach(rows::add);

        WeeklyTraining.Result result = new WeeklyTraining(rows, registry, 3).run(NOW);

        assertThat(result.rows()).isEqualTo(10);
    }

    @Test
    void weeksBefore_listsDistinctIsoWeeksOldestFirst() {
        assertThat(WeeklyTraining.weeksBefore(NOW, 3)).containsExactly("2026-W46", "2026-W47", "2026-W48");
    }
}
