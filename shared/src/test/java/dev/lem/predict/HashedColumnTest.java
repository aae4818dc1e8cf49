package dev.lem.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashedColumnTest {

    @Test
    void fnv1a_matchesThePublishedTestVectors() {
        // http://www.isthe.com/chongo/tech/comp/fnv/ (FNV-1a 32-bit)
        assertThat(Column.Hashed.fnv1a("")).isEqualTo(0x811c9dc5);
        assertThat(Column.Hashed.fnv1a("a")).isEqualTo(0xe40c292c);
        assertThat(Column.Hashed.fnv1a("foobar")).isEqualTo(0xbf9cf968);
    }

    @Test
    void encode_setsExactlyTheValuesBucket_evenForValuesNeverSeenInTraining() {
        Column.Hashed column = new Column.Hashed("first.campaign", 16);
        double[] features = new double[18];
        features[1] = 7; // stale value from a previous record: cleared

        column.encode(" spring-sale-2027 ", features, 1);

        int bucket = column.bucket("spring-sale-2027");
        assertThat(features[1 + bucket]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(features).sum()).isEqualTo(1);
        assertThat(column.featureName(bucket)).isEqualTo("first.campaign#" + bucket);
    }

    @Test
    void encode_whenBlankOrMissing_setsNoBucket() {
        Column.Hashed column = new Column.Hashed("keyword", 8);
        double[] features = new double[8];
        column.encode(null, features, 0);
        column.encode("  ", features, 0);
        assertThat(features).containsOnly(0);
    }

    @Test
    void bucket_spreadsManyValuesOverTheBuckets() {
        Column.Hashed column = new Column.Hashed("page", 64);
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            used.add(column.bucket("/blog/post-" + i));
        }
        assertThat(used).hasSize(64);
    }

    @Test
    void model_withAHashedColumn_survivesJsonAndPredictsTheSame() {
        PredictiveModel model = new PredictiveModel("h1", new FeatureSpec(List.of(new Column.Hashed("campaign", 4))),
                new LinearScorer(0, new double[] {1, -1, 2, -2}), Calibration.IDENTITY, null);

        PredictiveModel read = PredictiveModel.fromJson(model.toJson());

        assertThat(read.features().columns().getFirst()).isEqualTo(new Column.Hashed("campaign", 4));
        assertThat(read.predict(Map.of("campaign", "x")).probability())
                .isEqualTo(model.predict(Map.of("campaign", "x")).probability());
    }

    @Test
    void hashed_whenBucketsAreOutOfRange_isRefused() {
        assertThatThrownBy(() -> new Column.Hashed("c", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Column.Hashed("c", Column.Hashed.MAX_BUCKETS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
