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

    private static final int ROWS = 1100;
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
        // ~1 KB each: 1,100 rows are more than one Query page (1 MB), so the pager must follow LastEvaluatedKey
        for (int i = 0; i < ROWS; i++) {
            rows.add(new TrainingRow("o-" + i, MONDAY.plusSeconds(ROWS - i), i % 3 == 0 ? "won" : "lost",
                    Map.of("first.source", "google", "profile.company", "c".repeat(1000), "n", Integer.toString(i))));
        }
        rows.add(new TrainingRow("next-week", MONDAY.plusSeconds(7 * 86_400), "won", Map.of()));

        var week = rows.week("2026-W48");

        assertThat(week.size()).isEqualTo(ROWS);
        assertThat(week.getFirst().outcomeId()).isEqualTo("o-" + (ROWS - 1));
        assertThat(week.getLast().outcomeId()).isEqualTo("o-0");
        assertThat(week.get(1).features()).containsEntry("first.source", "google").containsEntry("n", "" + (ROWS - 2));
        assertThat(rows.week("2026-W49")).extracting(TrainingRow::outcomeId).containsExactly("next-week");
        assertThat(rows.week("2026-W40")).isEmpty();
    }
}
