package dev.lem.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColumnSelectionTest {

    /**
     * 1,000 rows, holdout 0.2: the first 640 fit, the next 160 validate. {@code visits} predicts the outcome throughout;
     * {@code promo} predicts it in the fit rows and the opposite afterwards (a drifting column); {@code noise} never does.
     */
    private static CsvTable drifting() {
        Random random = new Random(5);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int visits = random.nextInt(10);
            boolean won = random.nextDouble() < (visits > 5 ? 0.7 : 0.15);
            boolean promo = i < 640 ? won ^ random.nextInt(10) == 0 : !won ^ random.nextInt(10) == 0;
            rows.add(new String[] {Integer.toString(visits), promo ? "yes" : "no", Integer.toString(random.nextInt(3)),
                    won ? "won" : "lost"});
        }
        return new CsvTable(List.of("visits", "promo", "noise", "outcome"), rows);
    }

    @Test
    void dropped_whenAColumnFlipsMeaningAfterTheFitRows_dropsItAndKeepsTheSignal() {
        Set<String> dropped = ColumnSelection.dropped(drifting(), "outcome", Set.of(), 0.2, 0);

        assertThat(dropped).contains("promo").doesNotContain("visits");
    }

    @Test
    void run_withSelectColumns_reportsTheDroppedColumnsAndTrainsWithoutThem() {
        TrainingRun.Report report = new TrainingRun(null).run(drifting(), "outcome", Set.of(), 0.2, 0, true, null, "v1");

        assertThat(report.dropped()).contains("promo");
        assertThat(report.models().chosen().features().columns()).noneMatch(c -> c.name().equals("promo"));
        assertThat(new TrainingRun(null).run(drifting(), "outcome", Set.of(), 0.2, null, "v2").dropped()).isEmpty();
    }
}
