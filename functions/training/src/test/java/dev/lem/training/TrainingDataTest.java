package dev.lem.training;

import dev.lem.predict.Column;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingDataTest {

    private static CsvTable csv(String text) throws Exception {
        return CsvTable.read(new StringReader(text));
    }

    @Test
    void from_whenLeads_expectTimeOrderedCutsAndInferredColumns() throws Exception {
        TrainingData data = TrainingData.from(csv(SyntheticLeads.linear(1000, 1)), "converted", Set.of("lead_id"), 0.2);
        assertThat(data.holdout().size()).isEqualTo(200);
        assertThat(data.training().size()).isEqualTo(800);
        assertThat(data.calibration().size()).isEqualTo(160);
        assertThat(data.fit().size()).isEqualTo(640);
        assertThat(data.spec().columns()).extracting(Column::name).containsExactly("visits", "channel", "noise");
        assertThat(data.spec().columns().get(0)).isInstanceOf(Column.Numeric.class);
        assertThat(data.spec().columns().get(1)).isInstanceOf(Column.Categorical.class);
        assertThat(((Column.Categorical) data.spec().columns().get(1)).vocabulary())
                .containsExactlyInAnyOrder("webinar", "ads", "referral");
        // "won" is the conventional positive word, whatever its frequency
        assertThat(data.holdoutRecords().getFirst().get("lead_id")).isEqualTo("L800");
    }

    @Test
    void from_whenCategoryOnlyInHoldout_expectNotInVocabulary() throws Exception {
        StringBuilder text = new StringBuilder("source,y\n");
        for (int i = 0; i < 80; i++) {
            text.append(i % 2 == 0 ? "ads" : "seo").append(',').append(i % 3 == 0 ? "yes" : "no").append('\n');
        }
        for (int i = 0; i < 20; i++) {
            text.append("late-channel,").append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        TrainingData data = TrainingData.from(csv(text.toString()), "y", Set.of(), 0.2);
        assertThat(((Column.Categorical) data.spec().columns().getFirst()).vocabulary()).containsExactly("ads", "seo");
    }

    @Test
    void from_whenHashBuckets_expectCategoricalsHashedAndUnseenValuesStillEncoded() throws Exception {
        StringBuilder text = new StringBuilder("visits,campaign,y\n");
        for (int i = 0; i < 80; i++) {
            text.append(i % 7).append(",c-").append(i).append(',').append(i % 3 == 0 ? "yes" : "no").append('\n');
        }
        for (int i = 0; i < 20; i++) {
            text.append(i % 7).append(",late-").append(i).append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        TrainingData data = TrainingData.from(csv(text.toString()), "y", Set.of(), 0.2, 32);

        assertThat(data.spec().columns().get(0)).isInstanceOf(Column.Numeric.class);
        assertThat(data.spec().columns().get(1)).isEqualTo(new Column.Hashed("campaign", 32));
        assertThat(data.spec().width()).isEqualTo(1 + 32);
        // every holdout row's campaign (never seen in training) sets exactly one bucket
        for (double[] row : data.holdout().x()) {
            assertThat(java.util.Arrays.stream(row, 1, 33).sum()).isEqualTo(1);
        }
        assertThatThrownBy(() -> TrainingData.from(csv(text.toString()), "y", Set.of(), 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--hash-buckets");
    }

    @Test
    void from_whenOutcomeColumnMissing_expectErrorListingTheHeader() throws Exception {
        assertThatThrownBy(() -> TrainingData.from(csv(SyntheticLeads.linear(100, 2)), "y", Set.of(), 0.2))
                .isInstanceOf(BadTrainingDataException.class)
                .hasMessage("no outcome column 'y'; the header has [lead_id, visits, channel, noise, converted]");
    }

    @Test
    void from_whenOneClassOnly_expectClearError() throws Exception {
        String text = "a,y\n" + "1,no\n".repeat(50);
        assertThatThrownBy(() -> TrainingData.from(csv(text), "y", Set.of(), 0.2))
                .isInstanceOf(BadTrainingDataException.class)
                .hasMessageContaining("has one class only ([no])");
    }

    @Test
    void from_whenHoldoutHasOneClass_expectClearError() throws Exception {
        String text = "a,y\n" + "1,yes\n2,no\n".repeat(40) + "3,no\n".repeat(20);
        assertThatThrownBy(() -> TrainingData.from(csv(text), "y", Set.of(), 0.2))
                .isInstanceOf(BadTrainingDataException.class)
                .hasMessageContaining("the holdout rows hold one class only");
    }

    @Test
    void from_whenThreeOutcomeValuesOrUnknownIgnoredColumn_expectClearError() throws Exception {
        String three = "a,y\n" + "1,yes\n2,no\n3,maybe\n".repeat(10);
        assertThatThrownBy(() -> TrainingData.from(csv(three), "y", Set.of(), 0.2))
                .hasMessageContaining("has 3 distinct values");
        assertThatThrownBy(() -> TrainingData.from(csv(SyntheticLeads.linear(100, 3)), "converted", Set.of("nope"), 0.2))
                .hasMessageContaining("--ignore names column 'nope'");
    }
}
