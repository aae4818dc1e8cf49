package dev.lem.scoring.lambda;

import static dev.lem.testing.fakes.SqsEvents.batch;
import static dev.lem.testing.fakes.SqsEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.events.LeadScored;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.scoring.ScoringRules;
import dev.lem.scoring.ScoringService;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbVisitorStore;
import dev.lem.lead.VisitorActivity;
import dev.lem.visitor.VisitorLink;
import dev.lem.visitor.VisitorTimeline;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.fakes.RecordingEventBus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Partial batch responses against DynamoDB Local: the real lead store, a recording bus. */
@ExtendWith(AwsEnginesExtension.class)
class ScoringHandlerIT {

    private static final Instant CREATED = Instant.parse("2026-11-23T10:15:30Z");
    private static final Instant OPENED = Instant.parse("2026-11-23T10:20:00Z");

    private final AwsEngines engines;
    private final String table;
    private final DynamoDbLeadStore leads;
    private final RecordingEventBus bus = new RecordingEventBus();
    private final ScoringHandler handler;
    private final DynamoDbVisitorStore visitors;

    ScoringHandlerIT(AwsEngines engines) {
        this.engines = engines;
        this.table = engines.createTable();
        this.leads = new DynamoDbLeadStore(engines.dynamoDb(), table);
        this.visitors = new DynamoDbVisitorStore(engines.dynamoDb(), table);
        this.handler = new ScoringHandler(new ScoringService(leads, bus, ScoringRules.DEFAULT, new VisitorTimeline(visitors)));
    }

    @Test
    void handleRequest_whenBatchHasAMalformedRecordAndAMissingLead_reportsExactlyThoseAndAppliesTheValidOne() {
        Lead lead = storedLead();
        SQSEvent batch = batch(
                message("msg-malformed", "{\"activityId\":\"a-0\",\"leadId\":"),
                message("msg-valid", Json.write(new Activity("a-1", lead.id(), "email.open", OPENED,
                        Map.of("messageId", "welcome.1." + lead.id())))),
                message("msg-orphan", Json.write(new Activity("a-2", LeadId.random(), "email.click", OPENED, Map.of()))));

        SQSBatchResponse response = handler.handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder("msg-malformed", "msg-orphan");
        Lead scored = leads.find(lead.id()).orElseThrow();
        assertThat(scored.score()).isEqualTo(5);
        assertThat(scored.version()).isEqualTo(lead.version() + 1);
        assertThat(activitySortKeys(lead.id())).containsExactly("ACT#" + OPENED + "#a-1");
        assertThat(bus.published()).containsExactly(new LeadScored("scored-a-1", OPENED, lead.id().value(), 5, 0,
                "default-1", "a-1"));
    }

    @Test
    void handleRequest_whenTheSameBatchIsRedelivered_scoresNothingTwiceButRepublishes() {
        Lead lead = storedLead();
        SQSEvent batch = batch(
                message("msg-1", Json.write(new Activity("a-1", lead.id(), "form.submitted", CREATED, Map.of("formId", "demo")))),
                message("msg-2", Json.write(new Activity("a-2", lead.id(), "email.open", OPENED, Map.of()))));

        assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).isEmpty();
        assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).isEmpty();

        assertThat(leads.find(lead.id()).orElseThrow().score()).isEqualTo(25);
        assertThat(activitySortKeys(lead.id())).hasSize(2);
        assertThat(bus.published()).extracting(e -> e.eventId())
                .containsExactly("scored-a-1", "scored-a-2", "scored-a-1", "scored-a-2");
    }

    @Test
    void handleRequest_whenBatchIsEmpty_reportsNoFailures() {
        assertThat(handler.handleRequest(new SQSEvent(), null).getBatchItemFailures()).isEmpty();
    }

    @Test
    void handleRequest_whenVisitorHitsPrecedeItsLink_putsThemOnTheLeadsTimelineOnceEvenIfTheLinkIsRedelivered() {
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
        assertThat(leads.find(lead.id()).orElseThrow().score()).isEqualTo(2 + 2);
        assertThat(visitors.activities(vid, 10)).isEmpty();
        assertThat(visitors.linkedLead(vid)).contains(lead.id());
    }

    @Test
    void handleRequest_whenAnOlderLinkIsRedeliveredAfterANewerOne_keepsTheNewerLead() {
        Lead first = storedLead();
        Lead second = storedLead();
        String vid = "ZZECAwQFBgcICQoLDA0ODw";
        handler.handleRequest(batch(message("m-1", Json.write(VisitorLink.of("sub-2", vid, second.id(), OPENED)))), null);

        handler.handleRequest(batch(message("m-2", Json.write(VisitorLink.of("sub-1", vid, first.id(), CREATED)))), null);

        assertThat(visitors.linkedLead(vid)).contains(second.id());
    }

    private long ttlOf(String pk, String sk) {
        return Long.parseLong(engines.dynamoDb().getItem(g -> g.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk),
                "sk", AttributeValue.fromS(sk)))).item().get("ttl").n());
    }

    private Lead storedLead() {
        EmailAddress email = EmailAddress.parse("ada@example.com").orElseThrow();
        Lead lead = new Lead(LeadId.random(), "hash-" + System.nanoTime(), email, Map.of("name", "Ada"), LeadState.LEAD,
                CREATED, 0, Map.of(), CREATED, CREATED, 0);
        leads.create(lead);
        return leads.find(lead.id()).orElseThrow();
    }

    private List<String> activitySortKeys(LeadId id) {
        return engines.dynamoDb().query(q -> q.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :act)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LEAD#" + id.value()),
                                ":act", AttributeValue.fromS("ACT#"))))
                .items().stream().map(item -> item.get("sk").s()).toList();
    }
}
