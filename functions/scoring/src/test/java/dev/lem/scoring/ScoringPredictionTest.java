package dev.lem.scoring;

import dev.lem.testing.fakes.SettableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lem.config.ConfigException;
import dev.lem.config.EnvNames;
import dev.lem.events.LeadStateChanged;
import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStanding;
import dev.lem.lead.LeadState;
import dev.lem.lead.PredictedConversion;
import dev.lem.predict.BlobModelRegistry;
import dev.lem.predict.Calibration;
import dev.lem.predict.Column;
import dev.lem.predict.FeatureSpec;
import dev.lem.predict.LinearScorer;
import dev.lem.predict.PredictiveModel;
import dev.lem.scoring.rules.ScoreModels;
import dev.lem.testing.fakes.InMemoryBlobStore;
import dev.lem.testing.fakes.InMemoryLeadStandingStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemoryVisitorStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingStepScheduler;
import dev.lem.visitor.VisitorTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The predictive score beside the rule score: stored on every re-evaluation, and the optional predictive MQL rule. */
class ScoringPredictionTest {

    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final Instant CREATED = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T10:20:00Z");
    private static final ScoreModels MODELS = ScoreModels.parse("""
            { "models": [
              { "name": "m", "version": "m-3", "primary": true, "thresholds": { "mql": 100 }, "fit": [],
                "engagement": [ { "id": "form", "activity": "form.submitted", "points": 10 } ] } ] }""", "test");
    /** logit = -3 + 1·(activity count): one activity → σ(-2), three → σ(0) = 0.5. */
    private static final PredictiveModel MODEL = new PredictiveModel("pm-7",
            new FeatureSpec(List.of(new Column.Numeric("activity.count", 0, 1))),
            new LinearScorer(-3, new double[] {1}), Calibration.IDENTITY, null);

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemoryLeadStandingStore standings = new InMemoryLeadStandingStore(leads);
    private final RecordingEventBus bus = new RecordingEventBus();
    private final SettableClock clock = new SettableClock(NOW);

    private ScoringService service(ConversionPredictor predictor) {
        return new ScoringService(leads, standings, bus, new RecordingStepScheduler(), MODELS, SlaPolicy.DEFAULT, clock,
                new VisitorTimeline(new InMemoryVisitorStore()), predictor);
    }

    @BeforeEach
    void seedLead() {
        leads.put(new Lead(LEAD, "hash", null, Map.of(), LeadState.LEAD, CREATED, 0, Map.of(), CREATED, CREATED, 4));
    }

    private static Activity form(String id) {
        return new Activity(id, LEAD, "form.submitted", NOW, Map.of());
    }

    private LeadStanding standing() {
        return standings.find(LEAD).orElseThrow();
    }

    @Test
    void apply_whenAModelIsConfigured_storesProbabilityModelVersionAndTopFeaturesBesideTheRuleScore() {
        service(ConversionPredictor.of(MODEL, OptionalDouble.empty())).apply(form("f-1"));

        PredictedConversion p = standing().prediction().orElseThrow();
        assertThat(p.probability()).isCloseTo(1 / (1 + Math.exp(2)), within(1e-12));
        assertThat(p.modelVersion()).isEqualTo("pm-7");
        assertThat(p.topFeatures()).containsExactly(new PredictedConversion.Feature("activity.count", 1.0));
        assertThat(p.evaluatedAt()).isEqualTo(NOW);
        assertThat(standing().scores().get("m").score()).isEqualTo(10);
    }

    @Test
    void apply_whenEachActivityArrives_recomputesThePrediction() {
        ScoringService service = service(ConversionPredictor.of(MODEL, OptionalDouble.empty()));
        service.apply(form("f-1"));
        service.apply(form("f-2"));

        assertThat(standing().prediction().orElseThrow().probability()).isCloseTo(1 / (1 + Math.exp(1)), within(1e-12));
    }

    @Test
    void apply_whenNoModelIsConfigured_storesNoPrediction() {
        service(ConversionPredictor.none()).apply(form("f-1"));

        assertThat(standing().prediction()).isEmpty();
    }

    @Test
    void apply_whenTheProbabilityReachesTheMqlThreshold_makesTheLeadMqlWithThePredictionAsReason() {
        ScoringService service = service(ConversionPredictor.of(MODEL, OptionalDouble.of(0.5)));
        service.apply(form("f-1"));
        service.apply(form("f-2"));
        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.LEAD);

        service.apply(form("f-3"));

        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.MQL);
        assertThat(leads.get(LEAD).score()).isEqualTo(30); // the rule score alone is far from 100
        assertThat(bus.published()).filteredOn(LeadStateChanged.class::isInstance).map(LeadStateChanged.class::cast)
                .singleElement().satisfies(e -> {
                    assertThat(e.to()).isEqualTo("mql");
                    assertThat(e.reason()).contains("predicted 0.500 >= 0.5 (model pm-7)");
                });
    }

    @Test
    void apply_whenNoThresholdIsConfigured_neverPromotesOnThePrediction() {
        ScoringService service = service(ConversionPredictor.of(MODEL, OptionalDouble.empty()));
        for (int i = 1; i <= 6; i++) {
            service.apply(form("f-" + i));
        }

        assertThat(standing().prediction().orElseThrow().probability()).isGreaterThan(0.9);
        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.LEAD);
    }

    @Test
    void fromEnv_whenTheModelIsGivenAsJsonOrAFile_loadsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("pm-7.json");
        java.nio.file.Files.writeString(file, MODEL.toJson());

        for (String source : List.of(MODEL.toJson(), file.toString())) {
            ConversionPredictor predictor = ScoringConfig.fromEnv(env(Map.of(EnvNames.PREDICTIVE_MODEL, source,
                    EnvNames.PREDICTIVE_MQL_THRESHOLD, "0.4"))).predictor();
            var p = predictor.predict(leads.get(LEAD), List.of(form("f-1"), form("f-2"), form("f-3")), NOW);
            assertThat(p.orElseThrow().modelVersion()).isEqualTo("pm-7");
            assertThat(predictor.mqlReached(p)).isPresent();
        }
        assertThat(ScoringConfig.fromEnv(env(Map.of())).predictor().predict(leads.get(LEAD), List.of(), NOW)).isEmpty();
    }

    @Test
    void fromEnv_whenTheModelOrThresholdIsUnusable_failsAtColdStartWithTheReason() {
        assertThatThrownBy(() -> ScoringConfig.fromEnv(env(Map.of(EnvNames.PREDICTIVE_MODEL, "{\"version\":1}"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(EnvNames.PREDICTIVE_MODEL);
        assertThatThrownBy(() -> ScoringConfig.fromEnv(env(Map.of(EnvNames.PREDICTIVE_MODEL, "classpath:nope.json"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no resource nope.json");
        assertThatThrownBy(() -> ScoringConfig.fromEnv(env(Map.of(EnvNames.PREDICTIVE_MQL_THRESHOLD, "0.3"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs " + EnvNames.PREDICTIVE_MODEL);
        for (String bad : List.of("1.5", "0", "high")) {
            assertThatThrownBy(() -> ScoringConfig.fromEnv(env(Map.of(EnvNames.PREDICTIVE_MODEL, MODEL.toJson(),
                    EnvNames.PREDICTIVE_MQL_THRESHOLD, bad))))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining(EnvNames.PREDICTIVE_MQL_THRESHOLD);
        }
    }

    @Test
    void apply_whenTheRegistryPublishesAModelLater_picksItUpAfterTheRefreshInterval() {
        InMemoryBlobStore bucket = new InMemoryBlobStore();
        BlobModelRegistry registry = new BlobModelRegistry(bucket, clock);
        ScoringService service = service(ConversionPredictor.fromRegistry(registry, Duration.ofMinutes(15),
                OptionalDouble.empty(), clock.instant()));
        service.apply(form("f-1"));
        assertThat(standing().prediction()).as("nothing published at cold start").isEmpty();

        registry.publish(MODEL);
        clock.advance(Duration.ofMinutes(14));
        service.apply(form("f-2"));
        assertThat(standing().prediction()).as("not looked up again before the interval").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        service.apply(form("f-3"));
        assertThat(standing().prediction().orElseThrow().modelVersion()).isEqualTo("pm-7");
    }

    @Test
    void fromEnv_whenAModelBucketIsSet_readsBucketRefreshAndThreshold() {
        ScoringConfig config = ScoringConfig.fromEnv(env(Map.of(EnvNames.MODEL_BUCKET, "lem-models",
                EnvNames.MODEL_REFRESH_MINUTES, "5", EnvNames.PREDICTIVE_MQL_THRESHOLD, "0.4")));

        assertThat(config.modelBucket()).contains(new ScoringConfig.ModelBucket("lem-models", Duration.ofMinutes(5),
                OptionalDouble.of(0.4)));
        assertThat(ScoringConfig.fromEnv(env(Map.of(EnvNames.MODEL_BUCKET, "b"))).modelBucket().orElseThrow().refresh())
                .isEqualTo(Duration.ofMinutes(ScoringConfig.DEFAULT_MODEL_REFRESH_MINUTES));
        assertThat(ScoringConfig.fromEnv(env(Map.of())).modelBucket()).isEmpty();
    }

    @Test
    void fromEnv_whenBucketSettingsAreUnusable_failsAtColdStart() {
        assertThatThrownBy(() -> ScoringConfig.fromEnv(env(Map.of(EnvNames.MODEL_BUCKET, "b",
                EnvNames.PREDICTIVE_MODEL, MODEL.toJson()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not both");
        for (String bad : List.of("0", "soon", "100000")) {
            assertThatThrownBy(() -> ScoringConfig.fromEnv(env(Map.of(EnvNames.MODEL_BUCKET, "b",
                    EnvNames.MODEL_REFRESH_MINUTES, bad))))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining(EnvNames.MODEL_REFRESH_MINUTES);
        }
        assertThatThrownBy(() -> ScoringConfig.fromEnv(env(Map.of(EnvNames.MODEL_BUCKET, "b",
                EnvNames.PREDICTIVE_MQL_THRESHOLD, "2"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(EnvNames.PREDICTIVE_MQL_THRESHOLD);
    }

    private static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(EnvNames.REGION, "eu-west-1", EnvNames.TABLE_NAME, "lem",
                EnvNames.EVENT_BUS_NAME, "lem", EnvNames.SCHEDULE_GROUP, "lem",
                EnvNames.SCHEDULER_ROLE_ARN, "arn:aws:iam::123456789012:role/s",
                EnvNames.SCORING_TIMER_TARGET_ARN, "arn:aws:sqs:eu-west-1:123456789012:activity"));
        env.putAll(extra);
        return env;
    }
}
