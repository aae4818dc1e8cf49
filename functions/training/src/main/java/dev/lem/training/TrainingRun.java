package dev.lem.training;

import dev.lem.predict.HoldoutMetrics;
import dev.lem.predict.ModelRegistry;
import dev.lem.predict.PredictiveModel;

import java.io.IOException;
import java.io.Reader;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One training run, the same for the CLI and the weekly job: read the history, train, evaluate on the time-ordered
 * holdout, and publish the new version only if it beats the current model on that same holdout.
 */
public final class TrainingRun {

    private final ModelRegistry registry;

    public TrainingRun(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * What a run produced; {@code baseline} is null when no rule-points baseline was given; {@code dropped} lists the
     * columns validation-based selection removed (empty without {@code --select-columns}).
     */
    public record Report(ModelTrainer.Result models, HoldoutMetrics baseline, HoldoutMetrics current,
                         boolean published, Set<String> dropped, WalkForward.Result walkForward) {}

    public Report run(Reader csv, String outcome, Set<String> ignored, double holdoutShare, RulePoints baseline,
                      String version) throws IOException {
        return run(CsvTable.read(csv), outcome, ignored, holdoutShare, baseline, version);
    }

    /** The same run on rows already in memory (the weekly job's training rows). */
    public Report run(CsvTable table, String outcome, Set<String> ignored, double holdoutShare, RulePoints baseline,
                      String version) {
        return run(table, outcome, ignored, holdoutShare, 0, baseline, version);
    }

    /** @param hashBuckets buckets per categorical column (feature hashing); 0 for one-hot vocabularies */
    public Report run(CsvTable table, String outcome, Set<String> ignored, double holdoutShare, int hashBuckets,
                      RulePoints baseline, String version) {
        return run(table, outcome, ignored, holdoutShare, hashBuckets, false, baseline, version);
    }

    /** @param selectColumns drop columns by backward elimination on the validation rows ({@link ColumnSelection}) */
    public Report run(CsvTable table, String outcome, Set<String> ignored, double holdoutShare, int hashBuckets,
                      boolean selectColumns, RulePoints baseline, String version) {
        return run(table, new Settings(outcome, ignored, holdoutShare, hashBuckets, selectColumns, List.of()), baseline,
                version);
    }

    /**
     * How to read and cut the history.
     *
     * @param hashBuckets   buckets per categorical column (feature hashing); 0 for one-hot vocabularies
     * @param selectColumns drop columns by backward elimination on the validation rows ({@link ColumnSelection})
     * @param timeColumns   the column(s) telling when each outcome became known ({@link TimeContext}); empty for none
     * @param retrainEveryDays with time columns, also evaluate the holdout walking forward ({@link WalkForward}); 0: not
     */
    public record Settings(String outcome, Set<String> ignored, double holdoutShare, int hashBuckets,
                           boolean selectColumns, List<String> timeColumns, int retrainEveryDays) {
        public Settings {
            ignored = Set.copyOf(ignored);
            timeColumns = List.copyOf(timeColumns);
            if (retrainEveryDays < 0 || (retrainEveryDays > 0 && timeColumns.isEmpty())) {
                throw new IllegalArgumentException("retraining every N days needs the time columns (--time)");
            }
        }

        public Settings(String outcome, Set<String> ignored, double holdoutShare, int hashBuckets,
                        boolean selectColumns, List<String> timeColumns) {
            this(outcome, ignored, holdoutShare, hashBuckets, selectColumns, timeColumns, 0);
        }
    }

    public Report run(CsvTable table, Settings settings, RulePoints baseline, String version) {
        String outcome = settings.outcome();
        Set<String> ignored = new HashSet<>(settings.ignored());
        if (!settings.timeColumns().isEmpty()) {
            table = TimeContext.addTo(table, settings.timeColumns(), outcome);
            ignored.addAll(settings.timeColumns());
        }
        Set<String> dropped = Set.of();
        if (settings.selectColumns()) {
            dropped = ColumnSelection.dropped(table, outcome, ignored, settings.holdoutShare(), settings.hashBuckets());
            ignored.addAll(dropped);
        }
        if (baseline != null) {
            baseline.checkColumns(table.header());
        }
        TrainingData data = TrainingData.from(table, outcome, ignored, settings.holdoutShare(), settings.hashBuckets());
        ModelTrainer.Result models = ModelTrainer.train(data, version);
        HoldoutMetrics baselineMetrics = baseline == null ? null : evaluateBaseline(baseline, data);
        Optional<PredictiveModel> current = registry == null ? Optional.empty() : registry.current();
        HoldoutMetrics currentMetrics = current.map(model -> ModelTrainer.evaluate(model, data)).orElse(null);
        boolean publish = registry != null && models.chosen().holdout().beats(currentMetrics);
        if (publish) {
            registry.publish(models.chosen());
        }
        WalkForward.Result walkForward = settings.retrainEveryDays() == 0 ? null
                : WalkForward.evaluate(table, RowDates.of(table, settings.timeColumns()), outcome, ignored,
                        settings.holdoutShare(), settings.hashBuckets(), settings.retrainEveryDays(), version);
        return new Report(models, baselineMetrics, currentMetrics, publish, dropped, walkForward);
    }

    /** A version name from the time of the run: {@code m20261123T164100Z} (sorts in time order, safe as a file name). */
    public static String versionAt(java.time.Instant at) {
        return "m" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(at.atOffset(java.time.ZoneOffset.UTC));
    }

    static HoldoutMetrics evaluateBaseline(RulePoints baseline, TrainingData data) {
        TrainingData.Rows holdout = data.holdout();
        double[] points = new double[holdout.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = baseline.score(data.holdoutRecords().get(i));
        }
        // points are not probabilities: no Brier score (NaN)
        return new HoldoutMetrics(Metrics.auc(points, holdout.y()), Metrics.alift(points, holdout.y()),
                Metrics.topHalfShare(points, holdout.y()), Double.NaN, data.training().size(), holdout.size(),
                holdout.positives());
    }
}
