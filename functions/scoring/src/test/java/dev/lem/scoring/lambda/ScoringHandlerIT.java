package dev.lem.scoring.lambda;

import static dev.lem.testing.fakes.SqsEvents.batch;
import static dev.lem.testing.fakes.SqsEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.events.LeadScored;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.Contribution;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStanding;
import dev.lem.lead.LeadState;
import dev.lem.lead.StateEntry;
import dev.lem.queue.QueueDefinition;
import dev.lem.scoring.ScoringService;
import dev.lem.scoring.SlaPolicy;
import dev.lem.scoring.rules.ScoreModels;
import dev.lem.store.DynamoDbLeadStandingStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbVisitorStore;
import dev.lem.lead.VisitorActivity;
import dev.lem.visitor.VisitorLink;
import dev.lem.visitor.VisitorTimeline;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingStepScheduler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The scoring consumer against DynamoDB Local and ElasticMQ: partial batch responses, redelivered and duplicated
 * messages, out-of-order delivery, and several consumers updating one lead at once.
 */
@ExtendWith(AwsEnginesExtension.class)
class ScoringHandlerIT {

    private static final Instant CREATED = Instant.parse("2026-11-23T10:15:30Z");
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    /** Clicks 10 points each (no decay), forms 60 halving every 10 days; MQL at 100. */
    private static final ScoreModels MODELS = ScoreModels.parse("""
            { "models": [ { "name": "m", "version": "m-1", "primary": true, "thresholds": { "mql": 100 }, "fit": [],
              "engagement": [
                { "id": "click", "activity": "email.click", "points": 10 },
                { "id": "form", "activity": "form.submitted", "points": 60, "halfLife": "P10D" } ] } ] }""", "it");

    private final AwsEngines engines;
    private final String table;
    private final DynamoDbLeadStore leads;
    private final DynamoDbLeadStandingStore standings;
    private final DynamoDbVisitorStore visitors;
    private final RecordingEventBus bus = new RecordingEventBus();
    private final RecordingStepScheduler scheduler = new RecordingStepScheduler();

    ScoringHandlerIT(AwsEngines engines) {
        this.engines = engines;
        this.table = engines.createTable();
        this.leads = new DynamoDbLeadStore(engines.dynamoDb(), table);
        this.standings = new DynamoDbLeadStandingStore(engines.dynamoDb(), table);
        this.visitors = new DynamoDbVisitorStore(engines.dynamoDb(), table);
    }

    private ScoringHandler handler() {
        return new ScoringHandler(new ScoringService(leads, standings, bus, scheduler, MODELS, SlaPolicy.DEFAULT,
                Clock.fixed(NOW, ZoneOffset.UTC), new VisitorTimeline(visitors)));
    }

    private static String click(LeadId lead, String id, Instant at) {
        return Json.write(new Activity(id, lead, "email.click", at, Map.of("url", "acme.example/pricing")));
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void handleRequest_whenBatchHasAMalformedRecordAndAMissingLead_reportsExactlyThoseAndAppliesTheValidOne() {
        Lead lead = storedLead();
        SQSEvent batch = batch(
                message("msg-malformed", "{\"activityId\":\"a-0\",\"leadId\":"),
                message("msg-valid", click(lead.id(), "a-1", NOW)),
                message("msg-orphan", click(LeadId.random(), "a-2", NOW)));

        SQSBatchResponse response = handler().handleRequest(batch, null);

        assertThat(failures(response)).containsExactlyInAnyOrder("msg-malformed", "msg-orphan");
        Lead scored = leads.find(lead.id()).orElseThrow();
        assertThat(scored.score()).isEqualTo(10);
        assertThat(scored.version()).isEqualTo(lead.version() + 1);
        assertThat(leads.activities(lead.id())).extracting(Activity::activityId).containsExactly("a-1");
        assertThat(bus.published()).containsExactly(new LeadScored("scored-m-a-1", NOW, lead.id().value(), 10, 0, "m-1",
                "a-1", "m", List.of(new Contribution("click", 10))));
    }

    @Test
    void handleRequest_whenElasticMqDeliversDuplicatesAndOutOfOrder_scoresEachActivityOnceWhateverTheOrder() {
        Lead lead = storedLead();
        String queue = engines.createQueues("dup-" + System.nanoTime() + "-").get(QueueDefinition.ACTIVITY).url();
        // newest first, and a-2 sent twice (a producer retry): what SQS may hand the consumer
        for (String body : List.of(click(lead.id(), "a-3", NOW.minusSeconds(10)), click(lead.id(), "a-2", NOW.minusSeconds(20)),
                click(lead.id(), "a-2", NOW.minusSeconds(20)), click(lead.id(), "a-1", NOW.minusSeconds(30)))) {
            engines.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(body));
        }

        List<Message> received = engines.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        SQSEvent event = new SQSEvent();
        event.setRecords(received.stream().map(m -> message(m.messageId(), m.body())).toList());
        SQSBatchResponse response = handler().handleRequest(event, null);
        // redelivery of the whole batch (e.g. the function timed out after the writes)
        SQSBatchResponse again = handler().handleRequest(event, null);

        assertThat(received).hasSize(4);
        assertThat(failures(response)).isEmpty();
        assertThat(failures(again)).isEmpty();
        assertThat(leads.find(lead.id()).orElseThrow().score()).isEqualTo(30);
        assertThat(leads.activities(lead.id())).extracting(Activity::activityId).containsExactly("a-3", "a-2", "a-1");
        // redeliveries of a lead's last write republish its events under the same ids; nothing else is published
        assertThat(bus.published().stream().distinct()).extracting(LemEvent::eventId).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void handleRequest_whenSeveralConsumersUpdateOneLeadAtOnce_appliesEveryActivityExactlyOnce() throws Exception {
        Lead lead = storedLead();
        int consumers = 4;
        int perConsumer = 5;
        List<List<SQSEvent.SQSMessage>> pending = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            List<SQSEvent.SQSMessage> messages = new ArrayList<>();
            for (int i = 0; i < perConsumer; i++) {
                messages.add(message("m-" + c + "-" + i, click(lead.id(), "c" + c + "-" + i, NOW.minusSeconds(c * 10L + i))));
            }
            pending.add(messages);
        }
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        try {
            // like SQS: what a consumer reports as failed comes back in a later batch, until it succeeds
            for (int round = 0; round < 20 && pending.stream().anyMatch(p -> !p.isEmpty()); round++) {
                List<Future<List<SQSEvent.SQSMessage>>> results = new ArrayList<>();
                for (List<SQSEvent.SQSMessage> messages : pending) {
                    results.add(pool.submit(() -> {
                        SQSEvent event = new SQSEvent();
                        event.setRecords(messages);
                        Set<String> failed = new HashSet<>(failures(handler().handleRequest(event, null)));
                        return messages.stream().filter(m -> failed.contains(m.getMessageId())).toList();
                    }));
                }
                List<List<SQSEvent.SQSMessage>> next = new ArrayList<>();
                for (Future<List<SQSEvent.SQSMessage>> result : results) {
                    next.add(result.get());
                }
                pending = next;
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(pending).allSatisfy(p -> assertThat(p).isEmpty());
        Lead scored = leads.find(lead.id()).orElseThrow();
        assertThat(scored.score()).isEqualTo(consumers * perConsumer * 10);
        assertThat(scored.state()).isEqualTo(LeadState.MQL);
        assertThat(leads.activities(lead.id())).hasSize(consumers * perConsumer);
        assertThat(standings.history(lead.id())).extracting(StateEntry::to).containsExactly(LeadState.MQL);
        List<LeadStateChanged> changes = bus.published().stream().filter(LeadStateChanged.class::isInstance)
                .map(LeadStateChanged.class::cast).toList();
        // one move, announced under one id (the write after it publishes it again, in case its own publish was lost)
        assertThat(changes).extracting(LeadStateChanged::to).containsOnly("mql");
        assertThat(changes.stream().map(LeadStateChanged::eventId).distinct()).hasSize(1);
    }

    @Test
    void handleRequest_whenTheLeadReachesMql_storesStandingExplanationAndLogInTheTable() {
        Lead lead = storedLead();
        SQSEvent batch = batch(
                message("m-1", Json.write(new Activity("f-1", lead.id(), "form.submitted", NOW, Map.of()))),
                message("m-2", Json.write(new Activity("f-2", lead.id(), "form.submitted", NOW, Map.of()))));

        assertThat(failures(handler().handleRequest(batch, null))).isEmpty();

        Lead mql = leads.find(lead.id()).orElseThrow();
        assertThat(mql.state()).isEqualTo(LeadState.MQL);
        assertThat(mql.stateEnteredAt()).isEqualTo(NOW);
        assertThat(mql.email()).isEqualTo(lead.email());
        assertThat(mql.profile()).isEqualTo(lead.profile());
        LeadStanding standing = standings.find(lead.id()).orElseThrow();
        assertThat(standing.version()).isEqualTo(2);
        assertThat(standing.scores().get("m").score()).isEqualTo(120);
        assertThat(standing.scores().get("m").rulesVersion()).isEqualTo("m-1");
        assertThat(standing.scores().get("m").topContributions()).containsExactly(new Contribution("form", 120));
        assertThat(standing.slaTimer()).contains("sla-mql-" + lead.id().value() + "-" + NOW.getEpochSecond());
        assertThat(standing.decayTimer()).hasValueSatisfying(name -> assertThat(name).startsWith("decay-" + lead.id().value()));
        assertThat(standings.history(lead.id())).singleElement().satisfies(entry -> {
            assertThat(entry.from()).isEqualTo(LeadState.LEAD);
            assertThat(entry.enteredAt()).isEqualTo(NOW);
        });
        assertThat(engines.dynamoDb().query(q -> q.tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :s").expressionAttributeValues(Map.of(":s",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("STATE#mql")))).items())
                .extracting(item -> item.get("id").s()).contains(lead.id().value());
    }

    @Test
    void handleRequest_whenBatchIsEmpty_reportsNoFailures() {
        assertThat(handler().handleRequest(new SQSEvent(), null).getBatchItemFailures()).isEmpty();
    }

    @Test
    void handleRequest_whenVisitorHitsPrecedeItsLink_putsThemOnTheLeadsTimelineOnceEvenIfTheLinkIsRedelivered() {
        ScoringHandler handler = handler();
        Lead lead = storedLead();
        String vid = "AAECAwQFBgcICQoLDA0ODw";
        SQSEvent beforeSubmit = batch(
                message("m-1", Json.write(VisitorActivity.of("v-1", vid, "page.view", CREATED.minusSeconds(900),
                        Map.of("page", "www.example.com/pricing")))),
                message("m-2", Json.write(VisitorActivity.of("v-2", vid, "time-on-page", CREATED.minusSeconds(800),
                        Map.of("seconds", "40")))));
        assertThat(handler.handleRequest(beforeSubmit, null).getBatchItemFailures()).isEmpty();
        assertThat(activitySortKeys(lead.id())).isEmpty();
        assertThat(visitors.activities(vid, 10)).extracting(VisitorActivity::activityId).containsExactly("v-1", "v-2");
        assertThat(ttlOf("VISITOR#" + vid, "ACT#" + CREATED.minusSeconds(900) + "#v-1"))
                .isEqualTo(CREATED.minusSeconds(900).plus(VisitorTimeline.RETENTION).getEpochSecond());

        SQSEvent link = batch(message("m-3", Json.write(VisitorLink.of("sub-1", vid, lead.id(), CREATED))));
        assertThat(handler.handleRequest(link, null).getBatchItemFailures()).isEmpty();
        assertThat(handler.handleRequest(link, null).getBatchItemFailures()).isEmpty();
        SQSEvent afterSubmit = batch(message("m-4", Json.write(VisitorActivity.of("v-3", vid, "page.view",
                CREATED.plusSeconds(60), Map.of("page", "www.example.com/demo")))));
        assertThat(handler.handleRequest(afterSubmit, null).getBatchItemFailures()).isEmpty();
        assertThat(handler.handleRequest(beforeSubmit, null).getBatchItemFailures()).isEmpty();

        assertThat(activitySortKeys(lead.id())).containsExactly("ACT#" + CREATED.minusSeconds(900) + "#v-1",
                "ACT#" + CREATED.minusSeconds(800) + "#v-2", "ACT#" + CREATED.plusSeconds(60) + "#v-3");
        assertThat(visitors.activities(vid, 10)).isEmpty();
        assertThat(visitors.linkedLead(vid)).contains(lead.id());
    }

    @Test
    void handleRequest_whenAnOlderLinkIsRedeliveredAfterANewerOne_keepsTheNewerLead() {
        ScoringHandler handler = handler();
        Lead first = storedLead();
        Lead second = storedLead();
        String vid = "ZZECAwQFBgcICQoLDA0ODw";
        handler.handleRequest(batch(message("m-1", Json.write(VisitorLink.of("sub-2", vid, second.id(), CREATED.plusSeconds(300))))), null);

        handler.handleRequest(batch(message("m-2", Json.write(VisitorLink.of("sub-1", vid, first.id(), CREATED)))), null);

        assertThat(visitors.linkedLead(vid)).contains(second.id());
    }

    private long ttlOf(String pk, String sk) {
        return Long.parseLong(engines.dynamoDb().getItem(g -> g.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk),
                "sk", AttributeValue.fromS(sk)))).item().get("ttl").n());
    }

    private List<String> activitySortKeys(LeadId id) {
        return engines.dynamoDb().query(q -> q.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :act)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LEAD#" + id.value()),
                                ":act", AttributeValue.fromS("ACT#"))))
                .items().stream().map(item -> item.get("sk").s()).toList();
    }

    @Test
    void handleRequest_whenAPredictiveModelIsConfigured_storesThePredictionInTheStandingAndPublishesIt() {
        Lead lead = storedLead();
        var model = new dev.lem.predict.PredictiveModel("pm-it", new dev.lem.predict.FeatureSpec(
                List.of(new dev.lem.predict.Column.Numeric("activity.count", 0, 1))),
                new dev.lem.predict.LinearScorer(-1, new double[] {1}), dev.lem.predict.Calibration.IDENTITY, null);
        ScoringHandler predicting = new ScoringHandler(new ScoringService(leads, standings, bus, scheduler, MODELS,
                SlaPolicy.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC), new VisitorTimeline(visitors),
                dev.lem.scoring.ConversionPredictor.of(model, java.util.OptionalDouble.empty())));

        SQSBatchResponse response = predicting.handleRequest(batch(message("m-1", click(lead.id(), "a-1", NOW))), null);

        assertThat(failures(response)).isEmpty();
        dev.lem.lead.PredictedConversion stored = standings.find(lead.id()).orElseThrow().prediction().orElseThrow();
        assertThat(stored.probability()).isEqualTo(0.5); // logit -1 + 1 activity
        assertThat(stored.modelVersion()).isEqualTo("pm-it");
        assertThat(stored.topFeatures()).containsExactly(new dev.lem.lead.PredictedConversion.Feature("activity.count", 1));
        assertThat(bus.published()).singleElement().isInstanceOfSatisfying(LeadScored.class,
                e -> assertThat(e.prediction()).isEqualTo(stored));
        assertThat(dev.lem.events.EventContract.load().validate(dev.lem.events.DetailType.LEAD_SCORED,
                Json.tree(Json.write(bus.published().getFirst())))).isEmpty();
    }

    @Test
    void handleRequest_whenAnOutcomeMoveTheLifecycleForbidsIsRedelivered_marksTheContactACustomerOnceAndNeverFails() {
        Lead lead = storedLead();
        String won = "{\"kind\":\"lead-move\",\"moveId\":\"move-outcome-0123456789abcdef\",\"leadId\":\""
                + lead.id().value() + "\",\"to\":\"customer\",\"reason\":\"won (reported by crm)\","
                + "\"requestedAt\":\"2026-11-23T11:00:00Z\",\"ifAllowed\":true}";

        SQSBatchResponse first = handler().handleRequest(batch(message("m-1", won)), null);
        long version = leads.find(lead.id()).orElseThrow().version();
        SQSBatchResponse again = handler().handleRequest(batch(message("m-2", won)), null);

        assertThat(failures(first)).isEmpty();
        assertThat(failures(again)).isEmpty();
        assertThat(leads.find(lead.id()).orElseThrow().state()).isEqualTo(LeadState.LEAD);
        assertThat(leads.find(lead.id()).orElseThrow().version()).isEqualTo(version);
        assertThat(standings.find(lead.id()).orElseThrow().contactStatus()).isEqualTo(dev.lem.lead.ContactStatus.CUSTOMER);
        assertThat(standings.history(lead.id())).isEmpty();
    }

    private Lead storedLead() {
        EmailAddress email = EmailAddress.parse("ada@example.com").orElseThrow();
        Lead lead = new Lead(LeadId.random(), "hash-" + System.nanoTime(), email, Map.of("name", "Ada"), LeadState.LEAD,
                CREATED, 0, Map.of(), CREATED, CREATED, 0);
        leads.create(lead);
        return leads.find(lead.id()).orElseThrow();
    }

}
