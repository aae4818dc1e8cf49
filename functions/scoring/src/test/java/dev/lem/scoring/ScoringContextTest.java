package dev.lem.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.lead.PredictedConversion;
import dev.lem.predict.BlobModelRegistry;
import dev.lem.predict.Calibration;
import dev.lem.predict.Column;
import dev.lem.predict.FeatureSpec;
import dev.lem.predict.LinearScorer;
import dev.lem.predict.OutcomeContext;
import dev.lem.predict.PredictiveModel;
import dev.lem.scoring.rules.ScoreModels;
import dev.lem.testing.fakes.InMemoryBlobStore;
import dev.lem.testing.fakes.InMemoryLeadStandingStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemoryTrainingRows;
import dev.lem.testing.fakes.InMemoryVisitorStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingStepScheduler;
import dev.lem.testing.fakes.SettableClock;
import dev.lem.visitor.VisitorTimeline;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scoring predicts with today's outcome context: read hourly and on a new UTC day, again a minute after a failed read, never without a model. */
class ScoringContextTest {

    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final Instant CREATED = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T10:20:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-23");
    private static final ScoreModels MODELS = ScoreModels.parse("""
            { "models": [
              { "name": "m", "version": "m-3", "primary": true, "thresholds": { "mql": 100 }, "fit": [],
                "engagement": [ { "id": "form", "activity": "form.submitted", "points": 10 } ] } ] }""", "test");
    /** logit = -3 + 1·(activity count) + 1·(context.logOutcomes7d - 1): a missing context reads as its mean, 1. */
    private static final PredictiveModel MODEL = new PredictiveModel("pm-8",
            new FeatureSpec(List.of(new Column.Numeric("activity.count", 0, 1),
                    new Column.Numeric(OutcomeContext.LOG_OUTCOMES_7D, 1, 1))),
            new LinearScorer(-3, new double[] {1, 1}), Calibration.IDENTITY, null);

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemoryLeadStandingStore standings = new InMemoryLeadStandingStore(leads);
    private final SettableClock clock = new SettableClock(NOW);
    private final InMemoryTrainingRows tallies = new InMemoryTrainingRows();

    @BeforeEach
    void seed() {
        leads.put(new Lead(LEAD, "hash", null, Map.of(), LeadState.LEAD, CREATED, 0, Map.of(), CREATED, CREATED, 4));
        tallies.tally(TODAY.minusDays(1), new OutcomeContext.Day(19, 5)); // ln(1 + 19) = 2.9957 in the week before
        tallies.tally(TODAY, new OutcomeContext.Day(1000, 0)); // today's own outcomes: not part of today's context
    }

    private ScoringService service(ConversionPredictor predictor) {
        return new ScoringService(leads, standings, new RecordingEventBus(), new RecordingStepScheduler(), MODELS,
                SlaPolicy.DEFAULT, clock, new VisitorTimeline(new InMemoryVisitorStore()),
                predictor.withContext(new RecentOutcomes(tallies)));
    }

    private void apply(ScoringService service, String id) {
        service.apply(new Activity(id, LEAD, "form.submitted", clock.instant(), Map.of()));
    }

    private PredictedConversion prediction() {
        return standings.find(LEAD).orElseThrow().prediction().orElseThrow();
    }

    private static double sigmoid(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }

    @Test
    void apply_withAModel_predictsWithTheContextOfTheDaysBeforeToday() {
        apply(service(ConversionPredictor.of(MODEL, OptionalDouble.empty())), "f-1");

        assertThat(prediction().probability()).isCloseTo(sigmoid(-3 + 1 + (2.9957 - 1)), within(1e-9));
        assertThat(prediction().topFeatures()).extracting(PredictedConversion.Feature::name)
                .contains(OutcomeContext.LOG_OUTCOMES_7D);
    }

    @Test
    void apply_readsTheTalliesOnceAnHourAndOnANewUtcDay() {
        ScoringService service = service(ConversionPredictor.of(MODEL, OptionalDouble.empty()));
        apply(service, "f-1");
        clock.advance(Duration.ofMinutes(59));
        apply(service, "f-2");
        assertThat(tallies.tallyReads()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2)); // an hour after the read: late outcomes of earlier days count
        apply(service, "f-3");
        assertThat(tallies.tallyReads()).isEqualTo(2);

        clock.advance(Duration.ofHours(13).minusMinutes(1)); // 00:20 the next day: yesterday's 1000 outcomes now count
        apply(service, "f-4");

        assertThat(tallies.tallyReads()).isEqualTo(3);
        double week = Math.log1p(19 + 1000);
        // four activities so far (+1 each), the week's volume now with yesterday's 1000
        assertThat(prediction().probability()).isCloseTo(sigmoid(-3 + 4 + (Math.round(week * 1e4) / 1e4 - 1)),
                within(1e-9));
    }

    @Test
    void apply_whenTheTalliesCannotBeRead_predictsWithoutContextAndReadsAgainAMinuteLater() {
        ScoringService service = service(ConversionPredictor.of(MODEL, OptionalDouble.empty()));
        tallies.failTallyReads(1);

        apply(service, "f-1");
        assertThat(prediction().probability()).as("context read as its mean").isCloseTo(sigmoid(-3 + 1), within(1e-9));
        apply(service, "f-2");
        assertThat(tallies.tallyReads()).as("no read again right after a failure").isEqualTo(1);

        clock.advance(RecentOutcomes.RETRY_AFTER_FAILURE);
        apply(service, "f-3");
        assertThat(tallies.tallyReads()).isEqualTo(2);
        assertThat(prediction().probability()).isCloseTo(sigmoid(-3 + 3 + (2.9957 - 1)), within(1e-9));
        apply(service, "f-4");
        assertThat(tallies.tallyReads()).isEqualTo(2);
    }

    @Test
    void apply_withoutAModel_neverReadsTheTallies() {
        apply(service(ConversionPredictor.none()), "f-1");
        BlobModelRegistry empty = new BlobModelRegistry(new InMemoryBlobStore(), clock);
        apply(service(ConversionPredictor.fromRegistry(empty, Duration.ofMinutes(15), OptionalDouble.empty(),
                clock.instant())), "f-2");

        assertThat(tallies.tallyReads()).isZero();
        assertThat(standings.find(LEAD).orElseThrow().prediction()).isEmpty();
    }
}
