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
    static final double HALF_LIFE_SHARE = 0.25;

    private ModelTrainer() {}

    /** The trained candidates and the one chosen. */
    public record Result(PredictiveModel chosen, PredictiveModel logisticRegression, PredictiveModel boostedTrees) {}

    public static Result train(TrainingData data, String version) {
        TrainingData.Rows all = data.training();
        double[] weights = recencyWeights(all.size(), HALF_LIFE_SHARE);
        double l2 = bestL2(data);
        Calibration lrCalibration = calibration(data, LogisticTrainer.fit(data.fit(), l2));
        PredictiveModel lr = model(data, version, LogisticTrainer.fit(all, l2, weights), lrCalibration);
        TreeEnsemble selected = BoostedTreesTrainer.fit(data.fit(), data.calibration());
        Calibration gbtCalibration = calibration(data, selected);
        TreeEnsemble trees = BoostedTreesTrainer.fit(all, null, weights, selected.trees().size());
        PredictiveModel gbt = model(data, version, trees, gbtCalibration);
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

    private static double bestL2(TrainingData data) {
        double best = L2_GRID[0];
        double bestAuc = -1;
        for (double l2 : L2_GRID) {
            LinearScorer candidate = LogisticTrainer.fit(data.fit(), l2);
            double auc = Metrics.auc(logits(candidate, data.calibration()), data.calibration().y());
            if (auc > bestAuc) {
                bestAuc = auc;
                best = l2;
            }
        }
        return best;
    }

    /**
     * Row weights halving every {@code halfLifeShare} of the rows back from the most recent: conversion patterns
     * drift (the bank data's rate triples over its two years), so recent history counts more.
     */
    static double[] recencyWeights(int n, double halfLifeShare) {
        double[] weights = new double[n];
        double halfLife = Math.max(1, halfLifeShare * n);
        for (int i = 0; i < n; i++) {
            weights[i] = Math.pow(0.5, (n - 1 - i) / halfLife);
        }
        return weights;
    }

    private static Calibration calibration(TrainingData data, Scorer scorer) {
        return PlattCalibrator.fit(logits(scorer, data.calibration()), data.calibration().y());
    }

    private static PredictiveModel model(TrainingData data, String version, Scorer scorer, Calibration calibration) {
        return new PredictiveModel(version, data.spec(), scorer, calibration, metrics(data, scorer, calibration));
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
