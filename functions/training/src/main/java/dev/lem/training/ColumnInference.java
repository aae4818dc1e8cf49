package dev.lem.training;

import dev.lem.predict.Column;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns how each input column becomes features, from the training rows only (the holdout must not leak into the
 * scaling or the vocabularies): a column whose non-blank values all parse as numbers is numeric (standardised);
 * any other is categorical, one-hot over its values seen at least {@value #MIN_COUNT} times, the
 * {@value #MAX_VOCABULARY} most frequent at most (rarer values, like ids, set no feature) — or, with hash buckets,
 * hashed into that many buckets ({@link Column.Hashed}: every value counts, rare ones share buckets).
 */
final class ColumnInference {

    static final int MIN_COUNT = 5;
    static final int MAX_VOCABULARY = 100;

    private ColumnInference() {}

    static Column infer(String name, List<String[]> trainingRows, int index) {
        return infer(name, trainingRows, index, 0);
    }

    /** As {@link #infer(String, List, int)}; with {@code hashBuckets > 0} a categorical column is hashed instead. */
    static Column infer(String name, List<String[]> trainingRows, int index, int hashBuckets) {
        boolean numeric = true;
        int present = 0;
        double sum = 0;
        double sumSquares = 0;
        Map<String, Integer> counts = new HashMap<>();
        for (String[] row : trainingRows) {
            String raw = row[index];
            if (raw.isBlank()) {
                continue;
            }
            counts.merge(raw, 1, Integer::sum);
            if (numeric) {
                double value = Column.Numeric.parse(raw, Double.NaN);
                if (Double.isNaN(value)) {
                    numeric = false;
                } else {
                    present++;
                    sum += value;
                    sumSquares += value * value;
                }
            }
        }
        if (numeric && present > 0) {
            double mean = sum / present;
            double variance = Math.max(0, sumSquares / present - mean * mean);
            double scale = variance > 0 ? Math.sqrt(variance) : 1;
            return new Column.Numeric(name, mean, scale);
        }
        if (hashBuckets > 0) {
            return new Column.Hashed(name, hashBuckets);
        }
        List<String> vocabulary = counts.entrySet().stream()
                .filter(e -> e.getValue() >= MIN_COUNT)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_VOCABULARY)
                .map(Map.Entry::getKey)
                .toList();
        return new Column.Categorical(name, vocabulary);
    }
}
