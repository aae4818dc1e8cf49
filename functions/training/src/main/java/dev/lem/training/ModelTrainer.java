package dev.lem.training;

import dev.lem.predict.Calibration;
import dev.lem.predict.HoldoutMetrics;
import dev.lem.predict.LinearScorer;
import dev.lem.predict.PredictiveModel;
import dev.lem.predict.Scorer;
import dev.lem.predict.TreeEnsemble;

/**
 * Trains both model families on the same time-ordered cut and keeps the better one: regularised logistic regression
 * (the L2 strength picked on the calibration rows) always; boosted trees only where they beat it on the holdout.
 * Each is calibrated (Platt) on the most recent training rows, which it did not learn from.
 */
public final class ModelTrainer {

    static final double[] L2_GRID = {0.1, 1, 10, 100};

    private ModelTrainer() {}

    /** The trained candidates and the one chosen. */
    public record Result(PredictiveModel chosen, PredictiveModel logisticRegression, PredictiveModel boostedTrees) {}

    public static Result train(TrainingData data, String version) {
        Scorer logistic = bestLogistic(data);
        PredictiveModel lr = calibrated(data, version, logistic);
        TreeEnsemble trees = BoostedTreesTrainer.fit(data.fit(), data.calibration());
        PredictiveModel gbt = calibrated(data, version, trees);
        PredictiveModel chosen = gbt.holdout().beats(lr.holdout()) ? gbt : lr;
        return new Result(chosen, lr, gbt);
    }

    /** A model's figures on this data's holdout (also for a previously published model: same rows, fair comparison). */
    public static HoldoutMetrics evaluate(PredictiveModel model, TrainingData data) {
        TrainingData.Rows holdout = data.holdout();
        double[] p = new double[holdout.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = model.predict(data.holdoutRecords().get(i)).probability();
        }
        return new HoldoutMetrics(Metrics.auc(p, holdout.y()), Metrics.alift(p, holdout.y()),
                Metrics.topHalfShare(p, holdout.y()), Metrics.brier(p, holdout.y()),
                data.training().size(), holdout.size(), holdout.positives());
    }

    private static LinearScorer bestLogistic(TrainingData data) {
        LinearScorer best = null;
        double bestAuc = -1;
        for (double l2 : L2_GRID) {
            LinearScorer candidate = LogisticTrainer.fit(data.fit(), l2);
            double auc = Metrics.auc(logits(candidate, data.calibration()), data.calibration().y());
            if (auc > bestAuc) {
                bestAuc = auc;
                best = candidate;
            }
        }
        return best;
    }

    private static PredictiveModel calibrated(TrainingData data, String version, Scorer scorer) {
        Calibration calibration = PlattCalibrator.fit(logits(scorer, data.calibration()), data.calibration().y());
        HoldoutMetrics holdout = metrics(data, scorer, calibration);
        return new PredictiveModel(version, data.spec(), scorer, calibration, holdout);
    }

    private static HoldoutMetrics metrics(TrainingData data, Scorer scorer, Calibration calibration) {
        TrainingData.Rows holdout = data.holdout();
        double[] p = logits(scorer, holdout);
        for (int i = 0; i < p.length; i++) {
            p[i] = calibration.probability(p[i]);
        }
        return new HoldoutMetrics(Metrics.auc(p, holdout.y()), Metrics.alift(p, holdout.y()),
                Metrics.topHalfShare(p, holdout.y()), Metrics.brier(p, holdout.y()),
                data.training().size(), holdout.size(), holdout.positives());
    }

    static double[] logits(Scorer scorer, TrainingData.Rows rows) {
        double[] z = new double[rows.size()];
        for (int i = 0; i < z.length; i++) {
            z[i] = scorer.logit(rows.x()[i]);
        }
        return z;
    }
}
