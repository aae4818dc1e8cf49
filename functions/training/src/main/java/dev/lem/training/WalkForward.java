package dev.lem.training;

import dev.lem.predict.HoldoutMetrics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --retrain-every DAYS}: the holdout evaluated as the deployed loop lives it (and as Moro et al. evaluated with
 * their rolling window) — both families retrained every {@code DAYS} days of the holdout on all rows before that
 * window, each window predicted by the models of its own retraining, and the figures computed over all holdout rows
 * together. Nothing of a window is learned before it is predicted. A window holding one class only (no figure can
 * rank it) is merged into the next one (the last into the one before). The static figures (one model for the whole
 * holdout) stay the run's main result; this is an extra line.
 */
public final class WalkForward {

    /** The walk-forward figures: each family's over the whole holdout, the chosen family's, and how many retrainings. */
    public record Result(int retrainEveryDays, int retrains, String model, HoldoutMetrics chosen,
                  HoldoutMetrics logisticRegression, HoldoutMetrics boostedTrees) {}

    private WalkForward() {}

    static Result evaluate(CsvTable table, LocalDate[] days, String outcome, Set<String> ignored, double holdoutShare,
                           int hashBuckets, int everyDays, String version) {
        int n = table.rows().size();
        int holdoutStart = n - (int) Math.round(n * holdoutShare);
        List<int[]> windows = windows(table, days, outcome, holdoutStart, everyDays);
        int holdoutRows = n - holdoutStart;
        double[] lr = new double[holdoutRows];
        double[] trees = new double[holdoutRows];
        int[] y = new int[holdoutRows];
        for (int[] window : windows) {
            TrainingData data = TrainingData.cut(table, outcome, ignored, window[0], window[1], hashBuckets);
            ModelTrainer.Result models = ModelTrainer.train(data, version);
            List<Map<String, String>> records = data.holdoutRecords();
            for (int i = 0; i < records.size(); i++) {
                int row = window[0] - holdoutStart + i;
                lr[row] = models.logisticRegression().predict(records.get(i)).probability();
                trees[row] = models.boostedTrees().predict(records.get(i)).probability();
                y[row] = data.holdout().y()[i];
            }
        }
        HoldoutMetrics lrMetrics = metrics(lr, y, holdoutStart);
        HoldoutMetrics treeMetrics = metrics(trees, y, holdoutStart);
        boolean treesWin = treeMetrics.beats(lrMetrics);
        return new Result(everyDays, windows.size(), treesWin ? "boosted-trees" : "logistic-regression",
                treesWin ? treeMetrics : lrMetrics, lrMetrics, treeMetrics);
    }

    /** [start, end) of each retraining window over the holdout, every window holding both outcomes. */
    static List<int[]> windows(CsvTable table, LocalDate[] days, String outcome, int holdoutStart, int everyDays) {
        int outcomeIndex = table.columnIndex(outcome);
        String positive = Outcomes.positiveLabel(table, outcomeIndex);
        int n = table.rows().size();
        List<int[]> windows = new ArrayList<>();
        int start = holdoutStart;
        while (start < n) {
            LocalDate until = days[start].plusDays(everyDays);
            int end = start;
            while (end < n && days[end].isBefore(until)) {
                end++;
            }
            int[] window = {start, end};
            if (!windows.isEmpty() && !bothClasses(table, outcomeIndex, positive, windows.getLast())) {
                windows.getLast()[1] = end;
            } else {
                windows.add(window);
            }
            start = end;
        }
        if (windows.size() > 1 && !bothClasses(table, outcomeIndex, positive, windows.getLast())) {
            int[] last = windows.removeLast();
            windows.getLast()[1] = last[1];
        }
        return windows;
    }

    private static boolean bothClasses(CsvTable table, int outcomeIndex, String positive, int[] window) {
        boolean won = false;
        boolean lost = false;
        for (String[] row : table.rows().subList(window[0], window[1])) {
            if (row[outcomeIndex].equals(positive)) {
                won = true;
            } else {
                lost = true;
            }
        }
        return won && lost;
    }

    private static HoldoutMetrics metrics(double[] p, int[] y, int trainRows) {
        int positives = 0;
        for (int label : y) {
            positives += label;
        }
        return new HoldoutMetrics(Metrics.auc(p, y), Metrics.alift(p, y), Metrics.topHalfShare(p, y), Metrics.brier(p, y),
                trainRows, y.length, positives);
    }
}
