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

    @Test
    void of_keepsOnlyPageSectionsCommonAcrossRows() {
        List<TrainingRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) { // pricing: viewed in 100 rows; a person's page in 4 of them
            rows.add(new TrainingRow("p" + i, AT.plusSeconds(i), i % 2 == 0 ? "won" : "lost", i < 4
                    ? Map.of("page.pricing.count", "2", "page.pricing.daysSince", "1.00", "page.jane-doe.count", "1",
                            "page.jane-doe.daysSince", "3.00")
                    : Map.of("page.pricing.count", "1", "page.pricing.daysSince", "2.00")));
        }
        for (int i = 0; i < TrainingRowsTable.MAX_SECTIONS + 3; i++) {
            for (int r = 0; r < TrainingRowsTable.MIN_SECTION_ROWS + i; r++) {
                rows.add(new TrainingRow("s" + i + "-" + r, AT.plusSeconds(100 + i * 100 + r), "lost",
                        Map.of("page.section" + i + ".count", "1")));
            }
        }

        CsvTable table = TrainingRowsTable.of(rows);

        assertThat(table.header()).contains("page.pricing.count", "page.pricing.daysSince")
                .doesNotContain("page.jane-doe.count", "page.jane-doe.daysSince") // in 4 rows only
                .doesNotContain("page.section0.count", "page.section3.count") // the least common beyond 50
                .contains("page.section4.count", "page.section52.count");
        assertThat(table.header().stream().filter(name -> name.endsWith(".count"))).hasSize(TrainingRowsTable.MAX_SECTIONS);
    }
}
