package dev.lem.training;

import dev.lem.predict.Logistic;
import dev.lem.predict.TreeEnsemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Small hand-written gradient boosting on the logistic loss (second-order leaf values, as XGBoost and LightGBM do):
 * shallow trees split on histogram bins (at most {@value #MAX_BINS} quantile thresholds per feature), shrinkage
 * {@value #LEARNING_RATE}, L2 on the leaves; the number of trees is chosen by the log-loss on the validation rows
 * (early stopping). About 200 lines instead of a native library (XGBoost's JVM jar carries a 10+ MB native binary).
 */
final class BoostedTreesTrainer {

    static final int MAX_BINS = 32;
    static final int MAX_TREES = 400;
    static final int DEPTH = 3;
    static final double LEARNING_RATE = 0.05;
    static final double LEAF_L2 = 1.0;
    static final double MIN_CHILD_HESSIAN = 5.0;
    static final int PATIENCE = 40;

    private BoostedTreesTrainer() {}

    static TreeEnsemble fit(TrainingData.Rows train, TrainingData.Rows validation) {
        return fit(train, validation, null, MAX_TREES);
    }

    /**
     * With per-row weights ({@code null}: all 1) and at most {@code maxTrees} trees; with {@code validation} null,
     * exactly {@code maxTrees} trees (no early stopping).
     */
    static TreeEnsemble fit(TrainingData.Rows train, TrainingData.Rows validation, double[] rowWeights, int maxTrees) {
        int n = train.size();
        int d = train.x()[0].length;
        double[][] thresholds = new double[d][];
        byte[][] bins = new byte[d][n];
        for (int j = 0; j < d; j++) {
            thresholds[j] = thresholds(train.x(), j);
            for (int r = 0; r < n; r++) {
                bins[j][r] = (byte) bin(thresholds[j], train.x()[r][j]);
            }
        }
        double positives = train.positives();
        double base = Math.log(positives / (n - positives));
        double[] margin = new double[n];
        Arrays.fill(margin, base);
        if (validation == null) {
            validation = new TrainingData.Rows(new double[0][], new int[0]);
        }
        double[] validationMargin = new double[validation.size()];
        Arrays.fill(validationMargin, base);
        double[] g = new double[n];
        double[] h = new double[n];
        List<TreeEnsemble.Tree> trees = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestCount = 0;
        for (int t = 0; t < maxTrees && t - bestCount < PATIENCE; t++) {
            for (int r = 0; r < n; r++) {
                double p = Logistic.sigmoid(margin[r]);
                double weight = rowWeights == null ? 1 : rowWeights[r];
                g[r] = weight * (p - train.y()[r]);
                h[r] = weight * Math.max(p * (1 - p), 1e-12);
            }
            TreeEnsemble.Tree tree = new TreeBuilder(bins, thresholds, g, h).build();
            trees.add(tree);
            for (int r = 0; r < n; r++) {
                margin[r] += leafValue(tree, train.x()[r]);
            }
            double[] probabilities = new double[validation.size()];
            for (int r = 0; r < validation.size(); r++) {
                validationMargin[r] += leafValue(tree, validation.x()[r]);
                probabilities[r] = Logistic.sigmoid(validationMargin[r]);
            }
            double loss = validation.size() == 0 ? -t : Metrics.logLoss(probabilities, validation.y());
            if (loss < bestLoss) {
                bestLoss = loss;
                bestCount = trees.size();
            }
        }
        return new TreeEnsemble(base, d, trees.subList(0, Math.max(1, bestCount)));
    }

    private static double leafValue(TreeEnsemble.Tree tree, double[] x) {
        int node = 0;
        while (tree.feature()[node] >= 0) {
            node = x[tree.feature()[node]] <= tree.threshold()[node] ? tree.left()[node] : tree.right()[node];
        }
        return tree.value()[node];
    }

    /** Up to MAX_BINS - 1 distinct quantile cut points of feature j; bin b holds values {@code <= cut[b]}. */
    static double[] thresholds(double[][] x, int j) {
        double[] values = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            values[r] = x[r][j];
        }
        Arrays.sort(values);
        double[] cuts = new double[MAX_BINS - 1];
        int count = 0;
        for (int b = 1; b < MAX_BINS; b++) {
            double cut = values[(int) ((long) b * (values.length - 1) / MAX_BINS)];
            if (cut < values[values.length - 1] && (count == 0 || cut > cuts[count - 1])) {
                cuts[count++] = cut;
            }
        }
        return Arrays.copyOf(cuts, count);
    }

    static int bin(double[] cuts, double value) {
        int at = Arrays.binarySearch(cuts, value);
        return at >= 0 ? at : -at - 1;
    }

    /** Grows one tree depth-first; nodes are numbered in creation order, so children follow their parent. */
    private static final class TreeBuilder {
        private final byte[][] bins;
        private final double[][] thresholds;
        private final double[] g;
        private final double[] h;
        private final List<int[]> structure = new ArrayList<>(); // {feature, left, right}
        private final List<Double> splitAt = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();

        TreeBuilder(byte[][] bins, double[][] thresholds, double[] g, double[] h) {
            this.bins = bins;
            this.thresholds = thresholds;
            this.g = g;
            this.h = h;
        }

        TreeEnsemble.Tree build() {
            int[] rows = new int[g.length];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            grow(rows, 0, rows.length, 0);
            int size = structure.size();
            int[] feature = new int[size];
            int[] left = new int[size];
            int[] right = new int[size];
            double[] threshold = new double[size];
            double[] value = new double[size];
            for (int i = 0; i < size; i++) {
                feature[i] = structure.get(i)[0];
                left[i] = structure.get(i)[1];
                right[i] = structure.get(i)[2];
                threshold[i] = splitAt.get(i);
                value[i] = values.get(i);
            }
            return new TreeEnsemble.Tree(feature, threshold, left, right, value);
        }

        private int grow(int[] rows, int from, int to, int depth) {
            double sumG = 0;
            double sumH = 0;
            for (int i = from; i < to; i++) {
                sumG += g[rows[i]];
                sumH += h[rows[i]];
            }
            int node = structure.size();
            structure.add(new int[] {-1, 0, 0});
            splitAt.add(0.0);
            values.add(-LEARNING_RATE * sumG / (sumH + LEAF_L2));
            if (depth == DEPTH) {
                return node;
            }
            double parentScore = sumG * sumG / (sumH + LEAF_L2);
            double bestGain = 1e-9;
            int bestFeature = -1;
            int bestBin = -1;
            for (int j = 0; j < bins.length; j++) {
                int binCount = thresholds[j].length + 1;
                if (binCount < 2) {
                    continue;
                }
                double[] hg = new double[binCount];
                double[] hh = new double[binCount];
                byte[] column = bins[j];
                for (int i = from; i < to; i++) {
                    int r = rows[i];
                    hg[column[r]] += g[r];
                    hh[column[r]] += h[r];
                }
                double leftG = 0;
                double leftH = 0;
                for (int b = 0; b < binCount - 1; b++) {
                    leftG += hg[b];
                    leftH += hh[b];
                    double rightH = sumH - leftH;
                    if (leftH < MIN_CHILD_HESSIAN || rightH < MIN_CHILD_HESSIAN) {
                        continue;
                    }
                    double rightG = sumG - leftG;
                    double gain = leftG * leftG / (leftH + LEAF_L2) + rightG * rightG / (rightH + LEAF_L2) - parentScore;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestFeature = j;
                        bestBin = b;
                    }
                }
            }
            if (bestFeature < 0) {
                return node;
            }
            byte[] column = bins[bestFeature];
            int mid = from;
            for (int i = from; i < to; i++) {
                if (column[rows[i]] <= bestBin) {
                    int swap = rows[mid];
                    rows[mid++] = rows[i];
                    rows[i] = swap;
                }
            }
            int left = grow(rows, from, mid, depth + 1);
            int right = grow(rows, mid, to, depth + 1);
            structure.set(node, new int[] {bestFeature, left, right});
            splitAt.set(node, thresholds[bestFeature][bestBin]);
            return node;
        }
    }
}
