package dev.lem.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WalkForwardTest {

    private static final LocalDate DAY0 = LocalDate.of(2026, 1, 1);

    @Test
    void windows_splitTheHoldoutByDaysAndMergeAWindowWithOneClassIntoTheNext() {
        // one row a day; the holdout starts at row 10; outcomes: days 10-16 yes/no, 17-23 all no, 24-27 yes/no, 28-29 no
        List<String> outcomes = new ArrayList<>();
        for (int day = 0; day < 30; day++) {
            boolean onlyNo = (day >= 17 && day <= 23) || day >= 28;
            outcomes.add(!onlyNo && day % 2 == 0 ? "yes" : "no");
        }
        CsvTable table = table(outcomes);

        List<int[]> windows = WalkForward.windows(table, days(30), "y", 10, 7);

        assertThat(windows).extracting(w -> w[0] + "-" + w[1]).containsExactly("10-17", "17-30");
    }

    @Test
    void evaluate_whenOneWindowCoversTheHoldout_givesExactlyTheStaticFigures() {
        CsvTable table = SyntheticLeads.dated(1200, 7);
        LocalDate[] days = RowDates.of(table, List.of("day"));
        TrainingData data = TrainingData.from(table, "y", Set.of("day"), 0.2, 0);
        ModelTrainer.Result statics = ModelTrainer.train(data, "v");

        WalkForward.Result walk = WalkForward.evaluate(table, days, "y", Set.of("day"), 0.2, 0, 10_000, "v");

        assertThat(walk.retrains()).isEqualTo(1);
        assertThat(walk.logisticRegression()).isEqualTo(statics.logisticRegression().holdout());
        assertThat(walk.boostedTrees()).isEqualTo(statics.boostedTrees().holdout());
    }

    @Test
    void evaluate_whenTheRelationFlipsDuringTheHoldout_retrainingFollowsIt() {
        CsvTable table = SyntheticLeads.flipping(7);
        LocalDate[] days = RowDates.of(table, List.of("day"));
        ModelTrainer.Result statics = ModelTrainer.train(TrainingData.from(table, "y", Set.of("day"), 0.2, 0), "v");

        WalkForward.Result walk = WalkForward.evaluate(table, days, "y", Set.of("day"), 0.2, 0, 5, "v");

        assertThat(walk.retrains()).isGreaterThan(5);
        assertThat(walk.logisticRegression().auc()).isGreaterThan(statics.logisticRegression().holdout().auc() + 0.05);
    }

    private static CsvTable table(List<String> outcomes) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            rows.add(new String[] {DAY0.plusDays(i).toString(), Integer.toString(i % 5), outcomes.get(i)});
        }
        return new CsvTable(List.of("day", "visits", "y"), rows);
    }

    private static LocalDate[] days(int n) {
        LocalDate[] days = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            days[i] = DAY0.plusDays(i);
        }
        return days;
    }
}
