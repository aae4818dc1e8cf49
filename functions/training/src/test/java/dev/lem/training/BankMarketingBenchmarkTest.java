package dev.lem.training;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published benchmark (README "Predictive score"): UCI bank marketing, outcome {@code y}, {@code duration}
 * ignored (it leaks the outcome), the last 20 % of rows (time order) as holdout. The figures must stay above floors
 * a little under what this code reaches, and above the hand-written rule-points baseline on AUC within a margin.
 * Reads {@code ../shared/data/bank-marketing/bank-full.csv} (looked up beside the repository and its parents);
 * skipped with a message when it is absent.
 */
class BankMarketingBenchmarkTest {

    static Optional<Path> bankFull() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/bank-marketing/bank-full.csv");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Test
    void train_whenBankMarketing_expectFiguresAboveFloors() throws Exception {
        TrainingRun.Report report = bench(List.of());
        var chosen = report.models().chosen().holdout();
        assertThat(chosen.holdoutRows()).isEqualTo(9042);
        assertThat(chosen.trainRows()).isEqualTo(36170);
        assertThat(chosen.auc()).isGreaterThan(0.70);
        assertThat(chosen.alift()).isGreaterThan(0.63);
        assertThat(chosen.topHalfShare()).isGreaterThan(0.70);
        assertThat(chosen.brier()).isLessThan(0.21);
        assertThat(chosen.auc()).isGreaterThan(report.baseline().auc() - 0.02);
    }

    @Test
    void train_whenBankMarketingWithTimeContext_expectTheContextToLiftEveryFigure() throws Exception {
        TrainingRun.Report report = bench(List.of("day", "month"));
        var chosen = report.models().chosen().holdout();
        assertThat(chosen.holdoutRows()).isEqualTo(9042);
        assertThat(chosen.auc()).isGreaterThan(0.76);
        assertThat(chosen.alift()).isGreaterThan(0.675);
        assertThat(chosen.topHalfShare()).isGreaterThan(0.755);
        assertThat(chosen.brier()).isLessThan(0.18);
        assertThat(chosen.auc()).isGreaterThan(report.baseline().auc() + 0.03);
    }

    /** The benchmark run: {@code y}, {@code duration} ignored, 20 % holdout, the rule-points baseline; skipped without data. */
    private static TrainingRun.Report bench(List<String> timeColumns) throws Exception {
        Optional<Path> csv = bankFull();
        Assumptions.assumeTrue(csv.isPresent(),
                "skipped: ../shared/data/bank-marketing/bank-full.csv is not on this machine (see README, Predictive score)");
        RulePoints baseline = RulePoints.fromJson(Files.readString(findBaseline(), StandardCharsets.UTF_8));
        try (Reader reader = Files.newBufferedReader(csv.get(), StandardCharsets.UTF_8)) {
            return new TrainingRun(null).run(CsvTable.read(reader),
                    new TrainingRun.Settings("y", Set.of("duration"), 0.2, 0, false, timeColumns), baseline, "bench");
        }
    }

    private static Path findBaseline() {
        Path here = Path.of("baselines/bank-marketing.json");
        return Files.isRegularFile(here) ? here : Path.of("functions/training/baselines/bank-marketing.json");
    }
}
