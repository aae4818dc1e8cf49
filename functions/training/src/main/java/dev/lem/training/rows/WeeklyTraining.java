package dev.lem.training.rows;

import dev.lem.predict.HoldoutMetrics;
import dev.lem.predict.ModelRegistry;
import dev.lem.predict.TrainingRow;
import dev.lem.predict.TrainingRows;
import dev.lem.training.BadTrainingDataException;
import dev.lem.training.CsvTable;
import dev.lem.training.TrainingRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly training: reads the training rows of the last {@code weeks} ISO weeks (one Query per week), trains with
 * the CLI's code ({@link TrainingRun}: both families, time-ordered holdout of {@value #HOLDOUT}), and publishes the new
 * version only if it beats the current model on that holdout. Too few rows or one class only is not an error: the run
 * logs why and publishes nothing.
 */
public final class WeeklyTraining {

    private static final Logger LOG = LoggerFactory.getLogger(WeeklyTraining.class);
    public static final double HOLDOUT = 0.2;

    /** How a run ended: {@code published}, {@code kept} (the current model is as good) or {@code skipped}. */
    public record Result(String status, int rows, String version, HoldoutMetrics candidate, HoldoutMetrics current,
                         String reason) {}

    private final TrainingRows rows;
    private final ModelRegistry registry;
    private final int weeks;
    private final int hashBuckets;
    private final boolean selectColumns;

    public WeeklyTraining(TrainingRows rows, ModelRegistry registry, int weeks) {
        this(rows, registry, weeks, 0, false);
    }

    /** @param hashBuckets as the CLI's {@code --hash-buckets} (0: vocabularies); @param selectColumns {@code --select-columns} */
    public WeeklyTraining(TrainingRows rows, ModelRegistry registry, int weeks, int hashBuckets, boolean selectColumns) {
        if (weeks < 1) {
            throw new IllegalArgumentException("training needs at least one week of rows");
        }
        this.rows = rows;
        this.registry = registry;
        this.weeks = weeks;
        this.hashBuckets = hashBuckets;
        this.selectColumns = selectColumns;
    }

    public Result run(Instant now) {
        List<TrainingRow> history = new ArrayList<>();
        for (String week : weeksBefore(now, weeks)) {
            history.addAll(rows.week(week));
        }
        String version = TrainingRun.versionAt(now);
        CsvTable table = TrainingRowsTable.of(history);
        TrainingRun.Report report;
        try {
            report = new TrainingRun(registry).run(table, new TrainingRun.Settings(TrainingRowsTable.OUTCOME, Set.of(),
                    HOLDOUT, hashBuckets, selectColumns, List.of()), null, version);
        } catch (BadTrainingDataException unusable) {
            LOG.info("event=training-skipped rows={} weeks={} reason=\"{}\"", history.size(), weeks,
                    unusable.getMessage());
            return new Result("skipped", history.size(), null, null, null, unusable.getMessage());
        }
        HoldoutMetrics candidate = report.models().chosen().holdout();
        String status = report.published() ? "published" : "kept";
        LOG.info("event=training-done status={} rows={} version={} auc={} currentAuc={}", status, history.size(),
                version, candidate.auc(), report.current() == null ? "none" : report.current().auc());
        return new Result(status, history.size(), version, candidate, report.current(),
                report.published() ? null : "the current model is as good on this holdout");
    }

    /** The ISO weeks of {@code now} and the {@code count - 1} weeks before it, oldest first. */
    static List<String> weeksBefore(Instant now, int count) {
        LinkedHashSet<String> weeks = new LinkedHashSet<>();
        for (int i = count - 1; i >= 0; i--) {
            weeks.add(TrainingRow.week(now.minus(Duration.ofDays(7L * i))));
        }
        return List.copyOf(weeks);
    }
}
