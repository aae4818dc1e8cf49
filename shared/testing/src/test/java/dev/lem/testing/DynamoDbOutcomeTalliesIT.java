package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.predict.OutcomeContext;
import dev.lem.predict.TrainingRow;
import dev.lem.store.DynamoDbOutcomeTallies;
import dev.lem.store.DynamoDbTrainingRows;
import dev.lem.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The daily tallies on DynamoDB Local: counted in the row's transaction, once per outcome, read by day range. */
@ExtendWith(AwsEnginesExtension.class)
class DynamoDbOutcomeTalliesIT {

    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-23");

    private final DynamoDbTrainingRows rows;
    private final DynamoDbOutcomeTallies tallies;
    private final DynamoDbOutcomeTallies pagedTallies;

    DynamoDbOutcomeTalliesIT(AwsEngines engines) {
        String table = engines.createTable();
        this.rows = new DynamoDbTrainingRows(engines.dynamoDb(), table);
        this.tallies = new DynamoDbOutcomeTallies(engines.dynamoDb(), table);
        this.pagedTallies = new DynamoDbOutcomeTallies(engines.dynamoDb(), table, 2);
    }

    private static TrainingRow row(String id, Instant at, boolean won) {
        return new TrainingRow(id, at, won ? "won" : "lost", Map.of("activity.count", "1"));
    }

    @Test
    void add_countsTheRowOnItsUtcDay_andADuplicateChangesNeitherRowNorTally() {
        assertThat(rows.add(row("o-1", MONDAY, true))).isTrue();
        assertThat(rows.add(row("o-2", MONDAY.plusSeconds(3600), false))).isTrue();
        assertThat(rows.add(row("o-3", Instant.parse("2026-11-23T23:59:59Z"), true))).isTrue();
        assertThat(rows.add(row("o-4", Instant.parse("2026-11-24T00:00:00Z"), false))).isTrue();

        assertThat(rows.add(row("o-1", MONDAY, false))).as("redelivered, even with another label").isFalse();
        assertThat(rows.add(row("o-4", Instant.parse("2026-11-24T00:00:00Z"), false))).isFalse();

        assertThat(tallies.days(DAY, DAY.plusDays(2))).containsExactly(
                Map.entry(DAY, new OutcomeContext.Day(3, 2)),
                Map.entry(DAY.plusDays(1), new OutcomeContext.Day(1, 0)));
        assertThat(rows.week("2026-W48")).hasSize(4).filteredOn(r -> r.outcomeId().equals("o-1"))
                .singleElement().satisfies(r -> assertThat(r.converted()).isTrue());
    }

    @Test
    void days_returnsTheDaysOfTheRangeOnly_acrossPages() {
        for (int d = 0; d < 9; d++) {
            for (int i = 0; i <= d; i++) {
                rows.add(row("o-" + d + "-" + i, MONDAY.plus(Duration.ofDays(d)), i == 0));
            }
        }

        var week = pagedTallies.days(DAY.plusDays(1), DAY.plusDays(8)); // 7 days, pages of 2 items

        assertThat(week.keySet()).containsExactlyElementsOf(DAY.plusDays(1).datesUntil(DAY.plusDays(8)).toList());
        assertThat(week.get(DAY.plusDays(4))).isEqualTo(new OutcomeContext.Day(5, 1));
        assertThat(pagedTallies.days(DAY.minusDays(30), DAY)).isEmpty();
        assertThat(tallies.days(DAY, DAY)).isEmpty();
        assertThat(tallies.before(DAY.plusDays(3))).containsOnlyKeys(DAY, DAY.plusDays(1), DAY.plusDays(2));
        assertThat(OutcomeContext.features(DAY.plusDays(9), tallies.before(DAY.plusDays(9))))
                .containsEntry(OutcomeContext.LOG_OUTCOMES_7D, String.format(java.util.Locale.ROOT, "%.4f",
                        Math.log1p(3 + 4 + 5 + 6 + 7 + 8 + 9)));
    }

    @Test
    void add_whenManyOutcomesOfOneDayArriveAtOnce_countsEachStoredRowOnce() throws Exception {
        int threads = 4;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        TrainingRow row = row("c-" + thread + "-" + i, MONDAY.plusSeconds(i), i % 3 == 0);
                        while (true) {
                            try {
                                rows.add(row); // the first try of a redelivery after a lost answer may see "duplicate"
                                break;
                            } catch (StoreUnavailableException busy) {
                                // what the outcome-rows function's async retry does: the same row again
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(tallies.days(DAY, DAY.plusDays(1)).get(DAY))
                .isEqualTo(new OutcomeContext.Day(threads * perThread, threads * 5));
        assertThat(rows.week("2026-W48")).hasSize(threads * perThread);
    }
}
