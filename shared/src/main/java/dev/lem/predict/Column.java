package dev.lem.predict;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * One input column of a model and how it becomes features: a numeric column is standardised
 * ({@code (x - mean) / scale}, missing or unparsable values count as the mean); a categorical column is one-hot
 * over the vocabulary learned in training (values outside it set no feature); a hashed categorical column sets one of a
 * fixed number of buckets chosen by a stable hash of the value (no vocabulary: any value, even one never seen in
 * training, lands in a bucket — what high-cardinality fields like campaigns, keywords and pages need).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Column.Numeric.class, name = "numeric"),
        @JsonSubTypes.Type(value = Column.Categorical.class, name = "categorical"),
        @JsonSubTypes.Type(value = Column.Hashed.class, name = "hashed")})
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

    /**
     * Feature hashing: value → bucket {@code FNV-1a-32(UTF-8 of the stripped value) mod buckets} (unsigned), one-hot
     * over the buckets. FNV-1a is written out here ({@link #fnv1a}) because no library on the scoring classpath offers
     * a stable 32-bit string hash ({@code String.hashCode} is stable too, but clusters short similar strings): offset
     * basis 2166136261, prime 16777619, per byte {@code hash = (hash ^ byte) * prime}. Distinct values may share a
     * bucket (a collision): the model then learns their blend.
     */
    record Hashed(String name, int buckets) implements Column {

        public static final int MAX_BUCKETS = 1 << 16;

        /** Whether {@code buckets} can hash a column: 2 to {@value #MAX_BUCKETS} (the one rule for every setting). */
        public static boolean validBuckets(int buckets) {
            return buckets >= 2 && buckets <= MAX_BUCKETS;
        }

        public Hashed {
            if (!validBuckets(buckets)) {
                throw new IllegalArgumentException("hashed column " + name + " needs 2 to " + MAX_BUCKETS + " buckets");
            }
        }

        @Override
        public int width() {
            return buckets;
        }

        @Override
        public void encode(String raw, double[] features, int offset) {
            for (int i = 0; i < buckets; i++) {
                features[offset + i] = 0;
            }
            if (raw != null && !raw.isBlank()) {
                features[offset + bucket(raw)] = 1;
            }
        }

        /** The bucket of {@code raw} (stripped first, as the other columns do). */
        public int bucket(String raw) {
            return Integer.remainderUnsigned(fnv1a(raw.strip()), buckets);
        }

        @Override
        public String featureName(int index) {
            return name + "#" + index;
        }

        /** 32-bit FNV-1a of the UTF-8 bytes of {@code value}. */
        public static int fnv1a(String value) {
            int hash = 0x811c9dc5;
            for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= 0x01000193;
            }
            return hash;
        }
    }
}
