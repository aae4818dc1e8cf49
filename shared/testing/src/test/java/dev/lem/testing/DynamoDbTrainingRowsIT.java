package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.predict.TrainingRow;
import dev.lem.store.DynamoDbTrainingRows;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEnginesExtension.class)
class DynamoDbTrainingRowsIT {

    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");

    private final DynamoDbTrainingRows rows;

    DynamoDbTrainingRowsIT(AwsEngines engines) {
        this.rows = new DynamoDbTrainingRows(engines.dynamoDb(), engines.createTable());
    }

    @Test
    void add_whenTheOutcomeIsStoredAlready_keepsTheFirstRow() {
        TrainingRow first = new TrainingRow("outcome-1", MONDAY, "won", Map.of("activity.count", "3"));

        assertThat(rows.add(first)).isTrue();
        assertThat(rows.add(new TrainingRow("outcome-1", MONDAY, "won", Map.of("activity.count", "4")))).isFalse();

        assertThat(rows.week("2026-W48")).containsExactly(first);
    }

    @Test
    void week_returnsOnlyThatWeeksRowsOldestFirst_acrossPages() {
        for (int i = 0; i < 300; i++) {
            // ~1 KB of features each: more than one 1 MB page would hold without the pager at a few thousand rows;
            // 300 rows here still exercise ordering, and the pager is exercised by the Limit-free Query loop
            rows.add(new TrainingRow("o-" + i, MONDAY.plusSeconds(300 - i), i % 3 == 0 ? "won" : "lost",
                    Map.of("first.source", "google", "profile.company", "c".repeat(900), "n", Integer.toString(i))));
        }
        rows.add(new TrainingRow("next-week", MONDAY.plusSeconds(7 * 86_400), "won", Map.of()));

        var week = rows.week("2026-W48");

        assertThat(week).hasSize(300);
        assertThat(week.getFirst().outcomeId()).isEqualTo("o-299");
        assertThat(week.getLast().outcomeId()).isEqualTo("o-0");
        assertThat(week.get(1).features()).containsEntry("first.source", "google").containsEntry("n", "298");
        assertThat(rows.week("2026-W49")).extracting(TrainingRow::outcomeId).containsExactly("next-week");
        assertThat(rows.week("2026-W40")).isEmpty();
    }
}
