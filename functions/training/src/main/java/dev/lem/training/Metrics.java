package dev.lem.training;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Ranking and calibration figures for scores against outcomes (1 converted, 0 not). Ties in the ranking keep the
 * rows' original order (as R's {@code order} does), so results are reproducible.
 */
public final class Metrics {

    private Metrics() {}

    /** ROC AUC: the chance that a random converter outscores a random non-converter (ties count one half). */
    public static double auc(double[] scores, int[] y) {
        Integer[] order = ascending(scores);
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (y[order[k]] == 1) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = y.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("AUC needs both classes");
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    /**
     * ALIFT as Moro, Cortez and Rita (2014) report it with rminer: the area under the cumulative LIFT curve. The
     * clients are sorted by score, best first, and cut at {@code STEPS = min(n, 100)} points; point {@code i} is
     * {@code (i / STEPS, share of all converters among the first round(i · n / STEPS) clients)}, starting from
     * (0, 0); the area is summed by trapezoids. A random order gives about 0.5, a perfect one approaches 1.
     */
    public static double alift(double[] scores, int[] y) {
        int n = scores.length;
        int allPositives = Arrays.stream(y).sum();
        if (allPositives == 0) {
            throw new IllegalArgumentException("ALIFT needs at least one converter");
        }
        Integer[] order = descending(scores);
        int steps = Math.min(n, 100);
        double area = 0;
        double previousShare = 0;
        int counted = 0;
        int positivesSoFar = 0;
        for (int i = 1; i <= steps; i++) {
            int cut = (int) Math.rint((double) i * n / steps);
            while (counted < cut) {
                positivesSoFar += y[order[counted++]];
            }
            double share = (double) positivesSoFar / allPositives;
            area += (1.0 / steps) * (previousShare + share) / 2;
            previousShare = share;
        }
        return area;
    }

    /** The share of all converters found by calling the better-scored half (the first n / 2 rounded down). */
    public static double topHalfShare(double[] scores, int[] y) {
        Integer[] order = descending(scores);
        int allPositives = Arrays.stream(y).sum();
        if (allPositives == 0) {
            throw new IllegalArgumentException("topHalfShare needs at least one converter");
        }
        int found = 0;
        for (int i = 0; i < order.length / 2; i++) {
            found += y[order[i]];
        }
        return (double) found / allPositives;
    }

    /** The Brier score: mean squared difference between predicted probability and outcome (lower is better). */
    public static double brier(double[] probabilities, int[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double d = probabilities[i] - y[i];
            sum += d * d;
        }
        return sum / y.length;
    }

    /** Mean negative log-likelihood of the outcomes under the probabilities (clipped away from 0 and 1). */
    public static double logLoss(double[] probabilities, int[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double p = Math.min(1 - 1e-12, Math.max(1e-12, probabilities[i]));
            sum -= y[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return sum / y.length;
    }

    private static Integer[] ascending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }

    private static Integer[] descending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return order;
    }
}
