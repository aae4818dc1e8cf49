package dev.lem.training;

import dev.lem.predict.Calibration;
import dev.lem.predict.Column;
import dev.lem.predict.FeatureSpec;
import dev.lem.predict.LinearScorer;
import dev.lem.predict.PredictiveModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileModelRegistryTest {

    @TempDir
    Path dir;

    private static PredictiveModel model(String version) {
        return new PredictiveModel(version, new FeatureSpec(List.of(new Column.Numeric("visits", 1, 2))),
                new LinearScorer(0.5, new double[] {1}), Calibration.IDENTITY, null);
    }

    @Test
    void current_whenNothingPublished_expectEmpty() {
        assertThat(new FileModelRegistry(dir.resolve("models")).current()).isEmpty();
    }

    @Test
    void publish_whenTwoVersions_expectBothKeptAndTheLastCurrentWithoutTemporaryFiles() throws Exception {
        FileModelRegistry registry = new FileModelRegistry(dir);
        registry.publish(model("m1"));
        registry.publish(model("m2"));
        assertThat(registry.current()).map(PredictiveModel::version).contains("m2");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m1.json", "m2.json", "current");
        }
    }

    @Test
    void publish_whenVersionIsNotASafeFileName_expectRefused() {
        assertThatThrownBy(() -> new FileModelRegistry(dir).publish(model("../escape")))
                .hasMessageContaining("not a safe file name");
    }

    @Test
    void recencyWeights_whenHalfLifeIsAQuarter_expectHalvingEveryQuarterBackFromTheNewest() {
        double[] w = ModelTrainer.recencyWeights(8, 0.25); // half-life: 2 rows
        assertThat(w[7]).isEqualTo(1.0);
        assertThat(w[5]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w[3]).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
    }
}
