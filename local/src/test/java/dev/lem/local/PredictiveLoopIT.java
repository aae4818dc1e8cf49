package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStanding;
import dev.lem.lead.LeadState;
import dev.lem.predict.BlobModelRegistry;
import dev.lem.predict.LeadFeatures;
import dev.lem.predict.OutcomeContext;
import dev.lem.predict.OutcomeTallies;
import dev.lem.predict.PredictiveModel;
import dev.lem.predict.TrainingRow;
import dev.lem.scoring.ConversionPredictor;
import dev.lem.scoring.RecentOutcomes;
import dev.lem.scoring.ScoringService;
import dev.lem.scoring.SlaPolicy;
import dev.lem.scoring.rules.ScoreModels;
import dev.lem.store.DynamoDbLeadStandingStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbOutcomeTallies;
import dev.lem.store.DynamoDbTrainingRows;
import dev.lem.store.DynamoDbVisitorStore;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.fakes.InMemoryBlobStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingStepScheduler;
import dev.lem.training.lambda.OutcomeRowsHandler;
import dev.lem.training.lambda.TrainingHandler;
import dev.lem.training.rows.OutcomeRowRecorder;
import dev.lem.training.rows.WeeklyTraining;
import dev.lem.visitor.VisitorTimeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.UUID;
import dev.lem.testing.fakes.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The predictive score's whole loop on DynamoDB Local and an in-memory model bucket: outcomes reach the real
 * outcome-rows handler as the bus delivers them, become training rows (with the outcome context of the days before
 * each, counted in the daily tallies once per outcome), the weekly training handler trains and publishes, and a scoring
 * function that started before any model existed picks the new one up at its next refresh and predicts with today's
 * context.
 */
@ExtendWith(AwsEnginesExtension.class)
class PredictiveLoopIT {

    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    private static final int LEADS = 240;

    private final DynamoDbLeadStore leads;
    private final DynamoDbTrainingRows rows;
    private final DynamoDbLeadStandingStore standings;
    private final DynamoDbOutcomeTallies tallies;
    private final String table;
    private final AwsEngines engines;

    PredictiveLoopIT(AwsEngines engines) {
        this.engines = engines;
        this.table = engines.createTable();
        this.leads = new DynamoDbLeadStore(engines.dynamoDb(), table);
        this.rows = new DynamoDbTrainingRows(engines.dynamoDb(), table);
        this.standings = new DynamoDbLeadStandingStore(engines.dynamoDb(), table);
        this.tallies = new DynamoDbOutcomeTallies(engines.dynamoDb(), table);
    }

    @Test
    void outcomes_becomeRows_trainingPublishes_andScoringPicksUpTheModel() throws Exception {
        InMemoryBlobStore bucket = new InMemoryBlobStore();
        SettableClock clock = new SettableClock(NOW);
        BlobModelRegistry registry = new BlobModelRegistry(bucket, clock);
        ScoringService scoring = new ScoringService(leads, standings, new RecordingEventBus(), new RecordingStepScheduler(),
                ScoreModels.defaults(), SlaPolicy.DEFAULT, clock, new VisitorTimeline(new DynamoDbVisitorStore(
                engines.dynamoDb(), table)), ConversionPredictor.fromRegistry(registry, Duration.ofMinutes(15),
                OptionalDouble.empty(), clock.instant()).withContext(new RecentOutcomes(tallies)));

        // history: engaged leads (many page views, a webinar) tend to be won
        OutcomeRowsHandler outcomesConsumer = new OutcomeRowsHandler(new OutcomeRowRecorder(leads, rows, tallies));
        Random random = new Random(11);
        Instant start = NOW.minus(Duration.ofDays(70));
        for (int i = 0; i < LEADS; i++) {
            LeadId id = new LeadId(UUID.nameUUIDFromBytes(("lead-" + i).getBytes(StandardCharsets.UTF_8)).toString());
            Instant created = start.plus(Duration.ofHours(6L * i));
            leads.create(new Lead(id, "%064d".formatted(i), null, Map.of("company", "Co " + i), LeadState.LEAD, created,
                    0, Map.of(), created, created, 0));
            int views = random.nextInt(7);
            for (int v = 0; v < views; v++) {
                leads.recordActivity(new Activity("a-" + i + "-" + v, id, "page.view", created.plusSeconds(600L * (v + 1)),
                        Map.of()));
            }
            boolean won = random.nextDouble() < 1 / (1 + Math.exp(-(-2.2 + 0.8 * views)));
            Instant decided = created.plus(Duration.ofDays(2));
            String event = envelope("outcome-" + i, decided, id, won ? "won" : "lost");
            assertThat(handle(outcomesConsumer, event)).contains("stored");
            if (i % 40 == 0) {
                assertThat(handle(outcomesConsumer, event)).as("redelivered").contains("duplicate");
            }
        }
        List<TrainingRow> stored = new java.util.ArrayList<>();
        for (String week : List.of("2026-W38", "2026-W39", "2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44",
                "2026-W45", "2026-W46", "2026-W47", "2026-W48")) {
            stored.addAll(rows.week(week));
        }
        assertThat(stored).hasSize(LEADS);
        assertThat(stored).allSatisfy(row -> assertThat(row.features()).doesNotContainKey("profile.email")
                .containsKeys(OutcomeContext.LOG_OUTCOMES_7D, OutcomeContext.LOG_OUTCOMES_30D, OutcomeContext.WIN_RATE_7D));
        // each row's context is that of the days before its outcome: none for the first, four a day later on
        assertThat(stored.getFirst().features()).containsEntry(OutcomeContext.LOG_OUTCOMES_30D, "0.0000");
        assertThat(stored.getLast().features()).containsEntry(OutcomeContext.LOG_OUTCOMES_7D,
                String.format(Locale.ROOT, "%.4f", Math.log1p(28)));
        // one count per outcome, the redelivered ones included once
        var days = tallies.days(OutcomeTallies.dayOf(start), OutcomeTallies.dayOf(NOW));
        assertThat(days.values().stream().mapToLong(OutcomeContext.Day::outcomes).sum()).isEqualTo(LEADS);
        assertThat(days.values().stream().mapToLong(OutcomeContext.Day::won).sum())
                .isEqualTo(stored.stream().filter(TrainingRow::converted).count());

        // scoring before any model: no prediction
        LeadId probe = new LeadId(UUID.nameUUIDFromBytes("probe".getBytes(StandardCharsets.UTF_8)).toString());
        // like the history's leads: created two days ago, page views in its first minutes (a typical, unsaturated input)
        Instant probeCreated = NOW.minus(Duration.ofDays(2));
        leads.create(new Lead(probe, "f".repeat(64), null, Map.of(), LeadState.LEAD, probeCreated, 0, Map.of(),
                probeCreated, probeCreated, 0));
        scoring.apply(new Activity("p-1", probe, "page.view", probeCreated.plusSeconds(600), Map.of()));
        assertThat(standings.find(probe).flatMap(LeadStanding::prediction)).isEmpty();

        // the weekly run, through its handler
        TrainingHandlerInvoker training = new TrainingHandlerInvoker(new WeeklyTraining(rows, registry, 52), clock);
        String result = training.run();
        assertThat(result).contains("\"status\":\"published\"").contains("\"rows\":" + LEADS);
        String version = registry.currentVersion().orElseThrow();
        assertThat(bucket.objects()).containsKeys("models/" + version + ".json", BlobModelRegistry.CURRENT_KEY);

        // after the refresh interval, scoring predicts with the published version
        clock.advance(Duration.ofMinutes(15));
        scoring.apply(new Activity("p-2", probe, "page.view", probeCreated.plusSeconds(1200), Map.of()));
        var prediction = standings.find(probe).flatMap(LeadStanding::prediction).orElseThrow();
        assertThat(prediction.modelVersion()).isEqualTo(version);
        assertThat(prediction.probability()).isBetween(0.0, 1.0);
        // the published model learned from the context columns, and scoring predicted with today's context
        PredictiveModel model = registry.current().orElseThrow();
        assertThat(model.features().featureNames()).contains(OutcomeContext.LOG_OUTCOMES_7D,
                OutcomeContext.LOG_OUTCOMES_30D, OutcomeContext.WIN_RATE_7D);
        Lead probeLead = leads.find(probe).orElseThrow();
        Map<String, String> asScored = LeadFeatures.of(probeLead, leads.activities(probe), prediction.evaluatedAt());
        LocalDate today = OutcomeTallies.dayOf(prediction.evaluatedAt());
        double withContext = model.predict(LeadFeatures.withContext(asScored,
                OutcomeContext.features(today, tallies.before(today)))).probability();
        double withoutContext = model.predict(asScored).probability();
        assertThat(prediction.probability()).isCloseTo(withContext, within(1e-12))
                .as("the context moved the prediction").isNotCloseTo(withoutContext, within(1e-6));

        // a second run on the same rows is not better than the current model: nothing new is published
        clock.advance(Duration.ofDays(1));
        assertThat(training.run()).contains("\"status\":\"kept\"");
        assertThat(registry.currentVersion()).contains(version);
    }

    private static String handle(OutcomeRowsHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String envelope(String eventId, Instant at, LeadId lead, String outcome) {
        return """
                {"version":"0","id":"%s","detail-type":"lead.outcome","source":"lem","account":"000000000000",
                 "time":"%s","region":"eu-west-1","resources":[],
                 "detail":{"eventId":"%s","occurredAt":"%s","schemaVersion":1,"leadId":"%s","outcome":"%s"}}"""
                .formatted(UUID.randomUUID(), at, eventId, at, lead.value(), outcome);
    }

    /** The training handler as the schedule invokes it, at the test clock's time. */
    private record TrainingHandlerInvoker(WeeklyTraining training, Clock clock) {
        String run() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TrainingHandler.at(training, clock).handleRequest(new ByteArrayInputStream(
                    "{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\"}".getBytes(StandardCharsets.UTF_8)),
                    out, null);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

}
