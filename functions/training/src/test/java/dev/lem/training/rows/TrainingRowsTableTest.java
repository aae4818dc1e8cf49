package dev.lem.training.rows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.predict.TrainingRow;
import dev.lem.training.CsvTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingRowsTableTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void of_unionsTheFeatureNamesBlanksWhatARowLacksAndOrdersRowsByTime() {
        CsvTable table = TrainingRowsTable.of(List.of(
                new TrainingRow("b", AT.plusSeconds(60), "lost", Map.of("activity.count", "1")),
                new TrainingRow("a", AT, "won", Map.of("activity.count", "4", "first.source", "google"))));

        assertThat(table.header()).containsExactly("activity.count", "first.source", "outcome");
        assertThat(table.rows()).hasSize(2);
        assertThat(table.rows().get(0)).containsExactly("4", "google", "won");
        assertThat(table.rows().get(1)).containsExactly("1", "", "not-won");
    }

    @Test
    void of_whenAFeatureIsNamedLikeTheLabel_keepsTheLabelColumnOnlyOnce() {
        CsvTable table = TrainingRowsTable.of(List.of(new TrainingRow("a", AT, "disqualified",
                Map.of("outcome", "x", "n", "2"))));

        assertThat(table.header()).containsExactly("n", "outcome");
        assertThat(table.rows().getFirst()).containsExactly("2", "not-won");
    }
}
