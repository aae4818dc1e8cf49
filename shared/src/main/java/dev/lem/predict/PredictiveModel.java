package dev.lem.predict;

import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A published model version: its input columns, the scorer (logistic regression or boosted trees), the calibration,
 * and the holdout figures it was published on. Stored and loaded as JSON ({@link #toJson()}, {@link #fromJson}).
 */
public record PredictiveModel(String version, FeatureSpec features, Scorer scorer, Calibration calibration,
                              HoldoutMetrics holdout) {

    public static final int TOP_FEATURES = 3;

    public PredictiveModel {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("a model needs a version");
        }
        if (features.width() != scorer.width()) {
            throw new IllegalArgumentException("model " + version + ": the scorer reads " + scorer.width()
                    + " features but the columns produce " + features.width());
        }
    }

    /** The calibrated probability for one record (column name → raw value) and its strongest contributions. */
    public Prediction predict(Map<String, String> record) {
        double[] x = features.encode(record);
        double probability = calibration.probability(scorer.logit(x));
        double[] contributions = new double[x.length];
        scorer.contributions(x, contributions);
        List<String> names = features.featureNames();
        List<Contribution> all = new ArrayList<>();
        for (int i = 0; i < contributions.length; i++) {
            double scaled = calibration.slope() * contributions[i];
            if (scaled != 0) {
                all.add(new Contribution(names.get(i), scaled));
            }
        }
        all.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.logOdds())));
        return new Prediction(probability, version, all.subList(0, Math.min(TOP_FEATURES, all.size())));
    }

    /** The calibrated probability only (no attribution): what ranking and evaluation need. */
    public double probability(double[] encoded) {
        return calibration.probability(scorer.logit(encoded));
    }

    public String toJson() {
        return Json.write(this);
    }

    public static PredictiveModel fromJson(String json) {
        try {
            return Json.read(json, PredictiveModel.class);
        } catch (RuntimeException e) {
            throw new MalformedJsonException("not a LEM predictive model: " + e.getMessage(), e);
        }
    }
}
