package dev.lem.predict;

/**
 * How a model ranked and calibrated on the time-ordered holdout: ROC AUC, ALIFT (area under the cumulative lift
 * curve, Moro et al. 2014), the share of converters in the better-scored half, and the Brier score.
 */
public record HoldoutMetrics(double auc, double alift, double topHalfShare, double brier, int trainRows,
                             int holdoutRows, int holdoutPositives) {

    /** Whether these figures beat {@code other}: a higher AUC; on an equal AUC, a lower Brier score. */
    public boolean beats(HoldoutMetrics other) {
        if (other == null) {
            return true;
        }
        return auc > other.auc || (auc == other.auc && brier < other.brier);
    }
}
