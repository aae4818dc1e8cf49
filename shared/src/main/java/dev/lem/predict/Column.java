package dev.lem.predict;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * One input column of a model and how it becomes features: a numeric column is standardised
 * ({@code (x - mean) / scale}, missing or unparsable values count as the mean); a categorical column is one-hot
 * over the vocabulary learned in training (values outside it set no feature).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Column.Numeric.class, name = "numeric"),
        @JsonSubTypes.Type(value = Column.Categorical.class, name = "categorical")})
public sealed interface Column {

    String name();

    /** How many features this column produces. */
    int width();

    /** Writes this column's features for {@code raw} (may be null) into {@code features} from {@code offset}. */
    void encode(String raw, double[] features, int offset);

    /** The name of this column's {@code index}-th feature, e.g. {@code age} or {@code job=student}. */
    String featureName(int index);

    record Numeric(String name, double mean, double scale) implements Column {
        public Numeric {
            if (!(scale > 0) || !Double.isFinite(mean)) {
                throw new IllegalArgumentException("numeric column " + name + " needs a finite mean and a positive scale");
            }
        }

        @Override
        public int width() {
            return 1;
        }

        @Override
        public void encode(String raw, double[] features, int offset) {
            features[offset] = (parse(raw, mean) - mean) / scale;
        }

        @Override
        public String featureName(int index) {
            return name;
        }

        /** The number in {@code raw}, or {@code fallback} when it is blank or not a finite number. */
        public static double parse(String raw, double fallback) {
            if (raw == null || raw.isBlank()) {
                return fallback;
            }
            try {
                double value = Double.parseDouble(raw.strip());
                return Double.isFinite(value) ? value : fallback;
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }

    record Categorical(String name, List<String> vocabulary) implements Column {
        public Categorical {
            vocabulary = List.copyOf(vocabulary);
        }

        @Override
        public int width() {
            return vocabulary.size();
        }

        @Override
        public void encode(String raw, double[] features, int offset) {
            for (int i = 0; i < vocabulary.size(); i++) {
                features[offset + i] = 0;
            }
            if (raw != null) {
                int at = vocabulary.indexOf(raw.strip());
                if (at >= 0) {
                    features[offset + at] = 1;
                }
            }
        }

        @Override
        public String featureName(int index) {
            return name + "=" + vocabulary.get(index);
        }
    }
}
