package dev.lem.training;

import dev.lem.predict.PredictiveModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingRunTest {

    @TempDir
    Path models;

    @Test
    void run_whenNoCurrentModel_expectPublished() throws Exception {
        FileModelRegistry registry = new FileModelRegistry(models);
        TrainingRun.Report report = new TrainingRun(registry)
                .run(new StringReader(SyntheticLeads.linear(2000, 21)), "converted", Set.of("lead_id"), 0.2, null, "v1");
        assertThat(report.published()).isTrue();
        assertThat(report.current()).isNull();
        assertThat(registry.current()).map(PredictiveModel::version).contains("v1");
        assertThat(Files.readString(models.resolve("current")).strip()).isEqualTo("v1");
    }

    @Test
    void run_whenCurrentModelIsAsGoodOnTheSameHoldout_expectNotPublished() throws Exception {
        FileModelRegistry registry = new FileModelRegistry(models);
        String csv = SyntheticLeads.linear(2000, 22);
        new TrainingRun(registry).run(new StringReader(csv), "converted", Set.of("lead_id"), 0.2, null, "v1");
        TrainingRun.Report again = new TrainingRun(registry)
                .run(new StringReader(csv), "converted", Set.of("lead_id"), 0.2, null, "v2");
        assertThat(again.current()).isNotNull();
        assertThat(again.current().auc()).isEqualTo(again.models().chosen().holdout().auc());
        assertThat(again.published()).isFalse();
        assertThat(registry.current()).map(PredictiveModel::version).contains("v1");
    }

    @Test
    void run_whenCurrentModelIsWorse_expectNewVersionPublished() throws Exception {
        FileModelRegistry registry = new FileModelRegistry(models);
        // v1 learns from a file where the outcome is noise; v2 from one with signal
        StringBuilder noise = new StringBuilder("lead_id;visits;channel;noise;converted\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 1000; i++) {
            noise.append("L").append(i).append(";").append(random.nextInt(20)).append(";ads;0;")
                    .append(random.nextInt(5) == 0 ? "won" : "lost").append('\n');
        }
        new TrainingRun(registry).run(new StringReader(noise.toString()), "converted", Set.of("lead_id"), 0.2, null, "v1");
        TrainingRun.Report report = new TrainingRun(registry)
                .run(new StringReader(SyntheticLeads.linear(2000, 23)), "converted", Set.of("lead_id"), 0.2, null, "v2");
        assertThat(report.current().auc()).isLessThan(report.models().chosen().holdout().auc());
        assertThat(report.published()).isTrue();
        assertThat(registry.current()).map(PredictiveModel::version).contains("v2");
        assertThat(models.resolve("v1.json")).exists();
    }

    @Test
    void run_whenBaselineGiven_expectItsFiguresWithoutBrier() throws Exception {
        RulePoints rules = RulePoints.fromJson("""
                {"rules":[{"column":"channel","equals":["referral"],"points":20},{"column":"visits","atLeast":10,"points":10}]}""");
        TrainingRun.Report report = new TrainingRun(null)
                .run(new StringReader(SyntheticLeads.linear(2000, 24)), "converted", Set.of("lead_id"), 0.2, rules, "v1");
        assertThat(report.baseline().auc()).isBetween(0.6, report.models().chosen().holdout().auc());
        assertThat(report.baseline().brier()).isNaN();
        assertThat(report.published()).isFalse();
    }

    @Test
    void run_whenBaselineNamesUnknownColumnOrIsMalformed_expectClearError() {
        RulePoints rules = RulePoints.fromJson("{\"rules\":[{\"column\":\"age\",\"atMost\":25,\"points\":5}]}");
        assertThatThrownBy(() -> new TrainingRun(null).run(new StringReader(SyntheticLeads.linear(100, 25)),
                "converted", Set.of(), 0.2, rules, "v1"))
                .isInstanceOf(BadTrainingDataException.class).hasMessageContaining("column 'age'");
        assertThatThrownBy(() -> RulePoints.fromJson("{\"rules\":[{\"column\":\"age\",\"points\":5}]}"))
                .isInstanceOf(BadTrainingDataException.class).hasMessageContaining("exactly one of");
    }
}
