package dev.lem.training;

import dev.lem.predict.LinearScorer;
import dev.lem.predict.Prediction;
import dev.lem.predict.PredictiveModel;
import dev.lem.predict.TreeEnsemble;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ModelTrainerTest {

    @Test
    void train_whenLinearSignal_expectLogisticRegressionRanksWellAndLearnsTheSigns() throws Exception {
        TrainingData data = TrainingData.from(CsvTable.read(new StringReader(SyntheticLeads.linear(4000, 7))),
                "converted", Set.of("lead_id"), 0.2);
        ModelTrainer.Result result = ModelTrainer.train(data, "v1");
        PredictiveModel lr = result.logisticRegression();
        assertThat(lr.holdout().auc()).isGreaterThan(0.8);
        double[] weights = ((LinearScorer) lr.scorer()).weights();
        int visits = data.spec().featureNames().indexOf("visits");
        int referral = data.spec().featureNames().indexOf("channel=referral");
        assertThat(weights[visits]).isPositive();
        assertThat(weights[referral]).isGreaterThan(weights[data.spec().featureNames().indexOf("channel=ads")]);
        assertThat(result.chosen().holdout().auc()).isGreaterThanOrEqualTo(lr.holdout().auc());
    }

    @Test
    void train_whenInteractionSignal_expectBoostedTreesChosenOverLogisticRegression() throws Exception {
        TrainingData data = TrainingData.from(CsvTable.read(new StringReader(SyntheticLeads.interaction(4000, 11))),
                "y", Set.of(), 0.2);
        ModelTrainer.Result result = ModelTrainer.train(data, "v1");
        assertThat(result.logisticRegression().holdout().auc()).isLessThan(0.6);
        assertThat(result.boostedTrees().holdout().auc()).isGreaterThan(0.75);
        assertThat(result.chosen().scorer()).isInstanceOf(TreeEnsemble.class);
    }

    @Test
    void train_whenCalibrated_expectProbabilitiesNearObservedRates() throws Exception {
        TrainingData data = TrainingData.from(CsvTable.read(new StringReader(SyntheticLeads.interaction(4000, 13))),
                "y", Set.of(), 0.2);
        PredictiveModel model = ModelTrainer.train(data, "v1").chosen();
        // true rates: 0.7 when exactly one of large/north holds, else 0.1
        assertThat(model.predict(Map.of("size", "large", "region", "south")).probability()).isCloseTo(0.7, within(0.08));
        assertThat(model.predict(Map.of("size", "large", "region", "north")).probability()).isCloseTo(0.1, within(0.08));
    }

    @Test
    void evaluate_whenModelRoundTripsThroughJson_expectSameHoldoutFigures() throws Exception {
        TrainingData data = TrainingData.from(CsvTable.read(new StringReader(SyntheticLeads.linear(2000, 5))),
                "converted", Set.of("lead_id"), 0.2);
        for (PredictiveModel model : new PredictiveModel[] {ModelTrainer.train(data, "v1").logisticRegression(),
                ModelTrainer.train(data, "v1").boostedTrees()}) {
            PredictiveModel loaded = PredictiveModel.fromJson(model.toJson());
            assertThat(ModelTrainer.evaluate(loaded, data).auc()).isCloseTo(model.holdout().auc(), within(1e-12));
            assertThat(ModelTrainer.evaluate(loaded, data).brier()).isCloseTo(model.holdout().brier(), within(1e-12));
            Prediction prediction = loaded.predict(Map.of("visits", "19", "channel", "referral"));
            assertThat(prediction.modelVersion()).isEqualTo("v1");
            assertThat(prediction.topFeatures()).isNotEmpty().hasSizeLessThanOrEqualTo(PredictiveModel.TOP_FEATURES);
            assertThat(prediction.topFeatures().getFirst().logOdds()).isPositive();
        }
    }
}
