package dev.lem.predict;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PredictiveModelTest {

    private static final FeatureSpec SPEC = new FeatureSpec(List.of(
            new Column.Numeric("visits", 10, 5),
            new Column.Categorical("source", List.of("ads", "referral"))));

    private static PredictiveModel linear() {
        // features: visits (scaled), source=ads, source=referral
        return new PredictiveModel("v7", SPEC, new LinearScorer(-1, new double[] {0.8, -0.5, 1.2}),
                new Calibration(1, 0), null);
    }

    @Test
    void predict_whenLinearModel_expectSigmoidOfWeightedSumAndTopFeaturesByMagnitude() {
        Prediction p = linear().predict(Map.of("visits", "20", "source", "referral"));
        // logit = -1 + 0.8·2 + 1.2 = 1.8
        assertThat(p.probability()).isCloseTo(1 / (1 + Math.exp(-1.8)), within(1e-12));
        assertThat(p.modelVersion()).isEqualTo("v7");
        assertThat(p.topFeatures()).extracting(Contribution::feature).containsExactly("visits", "source=referral");
        assertThat(p.topFeatures().getFirst().logOdds()).isCloseTo(1.6, within(1e-12));
    }

    @Test
    void predict_whenValuesMissingUnknownOrHostile_expectNeutralFeatures() {
        Prediction p = linear().predict(Map.of("visits", "NaN", "source", "carrier-pigeon"));
        assertThat(p.probability()).isCloseTo(1 / (1 + Math.exp(1)), within(1e-12));
        assertThat(p.topFeatures()).isEmpty();
        assertThat(linear().predict(Map.of()).probability()).isCloseTo(1 / (1 + Math.exp(1)), within(1e-12));
    }

    @Test
    void predict_whenTreeEnsemble_expectLeafSumCalibratedAndPathAttribution() {
        // one stump on visits (scaled <= 0 → left): root 0.1, left -0.5, right 0.7
        TreeEnsemble.Tree stump = new TreeEnsemble.Tree(new int[] {0, -1, -1}, new double[] {0, 0, 0},
                new int[] {1, 0, 0}, new int[] {2, 0, 0}, new double[] {0.1, -0.5, 0.7});
        PredictiveModel model = new PredictiveModel("t1", SPEC, new TreeEnsemble(-2, 3, List.of(stump)),
                new Calibration(2, 0.5), null);
        Prediction p = model.predict(Map.of("visits", "15"));
        assertThat(p.probability()).isCloseTo(1 / (1 + Math.exp(-(2 * (-2 + 0.7) + 0.5))), within(1e-12));
        assertThat(p.topFeatures()).singleElement().satisfies(c -> {
            assertThat(c.feature()).isEqualTo("visits");
            assertThat(c.logOdds()).isCloseTo(2 * (0.7 - 0.1), within(1e-12));
        });
    }

    @Test
    void fromJson_whenRoundTripped_expectSamePredictions() {
        PredictiveModel loaded = PredictiveModel.fromJson(linear().toJson());
        assertThat(loaded.predict(Map.of("visits", "3", "source", "ads")).probability())
                .isEqualTo(linear().predict(Map.of("visits", "3", "source", "ads")).probability());
        assertThat(loaded.toJson()).contains("\"family\":\"logistic-regression\"", "\"kind\":\"categorical\"");
    }

    @Test
    void construct_whenScorerWidthDiffersOrJsonBroken_expectClearErrors() {
        assertThatThrownBy(() -> new PredictiveModel("v", SPEC, new LinearScorer(0, new double[] {1}), Calibration.IDENTITY, null))
                .hasMessageContaining("reads 1 features but the columns produce 3");
        assertThatThrownBy(() -> PredictiveModel.fromJson("{\"version\":\"v\"}"))
                .hasMessageContaining("not a LEM predictive model");
        assertThatThrownBy(() -> new TreeEnsemble.Tree(new int[] {0}, new double[] {0}, new int[] {0}, new int[] {0}, new double[] {0}))
                .hasMessageContaining("children out of order");
    }
}
