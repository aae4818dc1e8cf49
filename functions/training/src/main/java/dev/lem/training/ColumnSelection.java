package dev.lem.training;

import dev.lem.predict.Column;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Backward column elimination judged on the validation rows only (the most recent training rows, which the model does
 * not learn from; the holdout is never looked at): while dropping one input column raises the validation AUC of a
 * regularised logistic regression by more than {@value #MIN_GAIN}, drop the column whose removal helps most. Meant for
 * columns whose meaning drifts (a calendar learned on last year's campaigns), at the cost of one fit per column per
 * round.
 */
final class ColumnSelection {

    static final double MIN_GAIN = 0.002;
    static final double L2 = 1;

    private ColumnSelection() {}

    /** The columns to ignore besides {@code ignored}: empty when no drop helps on the validation rows. */
    static Set<String> dropped(CsvTable table, String outcome, Set<String> ignored, double holdoutShare, int hashBuckets) {
        Set<String> dropped = new LinkedHashSet<>();
        double best = validationAuc(table, outcome, union(ignored, dropped), holdoutShare, hashBuckets);
        while (true) {
            TrainingData current = TrainingData.from(table, outcome, union(ignored, dropped), holdoutShare, hashBuckets);
            if (current.spec().columns().size() <= 1) {
                return dropped;
            }
            String bestColumn = null;
            double bestAuc = best;
            for (Column column : current.spec().columns()) {
                Set<String> without = union(ignored, dropped);
                without.add(column.name());
                double auc = validationAuc(table, outcome, without, holdoutShare, hashBuckets);
                if (auc > bestAuc) {
                    bestAuc = auc;
                    bestColumn = column.name();
                }
            }
            if (bestColumn == null || bestAuc < best + MIN_GAIN) {
                return dropped;
            }
            dropped.add(bestColumn);
            best = bestAuc;
        }
    }

    private static double validationAuc(CsvTable table, String outcome, Set<String> ignored, double holdoutShare,
                                        int hashBuckets) {
        TrainingData data = TrainingData.from(table, outcome, ignored, holdoutShare, hashBuckets);
        return Metrics.auc(ModelTrainer.logits(LogisticTrainer.fit(data.fit(), L2), data.calibration()),
                data.calibration().y());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
