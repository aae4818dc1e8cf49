package dev.lem.notify.lambda;

import static dev.lem.testing.fakes.SqsEvents.batch;
import static dev.lem.testing.fakes.SqsEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.aws.AwsClients;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.json.Json;
import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.notify.NotificationService;
import dev.lem.notify.SendGate;
import dev.lem.notify.aws.SesMailer;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.CapturedRequest;
import dev.lem.testing.WireCapture;
import dev.lem.testing.WireCapture.Service;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Notify-queue batches through the real handler: DynamoDB Local for leads and claims, SES and PutEvents on the wire. */
@ExtendWith(AwsEnginesExtension.class)
class NotificationsHandlerIT {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:31Z");
    private static final byte[] TRACKING_KEY = "tracking-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    private final AwsEngines engines;
    private final WireCapture wire;
    private final String table;
    private final DynamoDbLeadStore leads;
    private NotificationsHandler handler;

    NotificationsHandlerIT(AwsEngines engines, WireCapture wire) {
        this.engines = engines;
        this.wire = wire;
        this.table = engines.createTable();
        this.leads = new DynamoDbLeadStore(engines.dynamoDb(), table);
    }

    @BeforeEach
    void wireHandler() {
        wire.reset();
        handler = new NotificationsHandler(new NotificationService(leads,
                new DynamoDbIdempotencyStore(engines.dynamoDb(), table), new SendGate(),
                new SesMailer(AwsClients.sesV2(wire.awsConfig()), "hello@lem.example", Optional.empty()),
                new EventBridgeEventBus(AwsClients.eventBridge(wire.awsConfig()), "lem"),
                new TrackingLinks(new LinkSigner(TRACKING_KEY), URI.create("https://t.lem.example")),
                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void handleRequest_whenBatchCarriesTheSameMessageTwice_sendsOneEmailAndFailsNoRecord() {
        Lead ada = storedLead("ada@example.com", Map.of());
        Lead grace = storedLead("grace@example.com", Map.of());
        NotifyMessage adaWelcome = welcome(ada.id());
        NotifyMessage graceNurture = new NotifyMessage("welcome.2." + grace.id(), grace.id(), Channel.EMAIL,
                MessageCategory.MARKETING, "welcome", "welcome-2", Map.of());

        SQSBatchResponse response = handler.handleRequest(batch(
                message("sqs-1", Json.write(adaWelcome)),
                message("sqs-2", Json.write(adaWelcome)),
                message("sqs-3", Json.write(graceNurture))), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(wire.requests(Service.SES_V2)).singleElement()
                .satisfies(r -> assertThat(r.json().at("/Destination/ToAddresses/0").asText()).isEqualTo("ada@example.com"));
        assertThat(publishedEntries()).extracting(e -> e.get("DetailType").asText() + " " + detail(e).get("messageId").asText())
                .containsExactly("message.sent " + adaWelcome.messageId(), "message.failed " + graceNurture.messageId());
        assertThat(detail(publishedEntries().get(1)).get("reason").asText()).isEqualTo("no-consent");
        assertThat(claimStatus(adaWelcome.messageId())).isEqualTo("COMPLETED");
        assertThat(claimStatus(graceNurture.messageId())).isEqualTo("COMPLETED");
    }

    @Test
    void handleRequest_whenAMalformedRecordIsInTheBatch_failsOnlyThatRecord() {
        Lead ada = storedLead("ada@example.com", Map.of());

        SQSBatchResponse response = handler.handleRequest(batch(
                message("sqs-bad", "{\"messageId\":"),
                message("sqs-good", Json.write(welcome(ada.id())))), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("sqs-bad");
        assertThat(wire.requests(Service.SES_V2)).hasSize(1);
    }

    @Test
    void handleRequest_whenSesFailsRetryably_failsTheRecordAndTheRedeliverySends() {
        Lead ada = storedLead("ada@example.com", Map.of());
        SQSEvent batch = batch(message("sqs-1", Json.write(welcome(ada.id()))));
        wire.answerWithError(Service.SES_V2, 400, "application/json", "{\"__type\":\"SendingPausedException\",\"message\":\"x\"}");

        assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).hasSize(1);
        assertThat(claimStatus(welcome(ada.id()).messageId())).isNull();
        wire.reset();

        assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).isEmpty();
        assertThat(wire.requests(Service.SES_V2)).hasSize(1);
    }

    @Test
    void handleRequest_whenPutEventsFailsAfterTheEmailLeft_theRedeliveryDoesNotSendItAgain() {
        Lead ada = storedLead("ada@example.com", Map.of("email", new Consent(true, "v1", NOW)));
        SQSEvent batch = batch(message("sqs-1", Json.write(welcome(ada.id()))));
        wire.answerWithError(Service.EVENTBRIDGE, 500, "application/x-amz-json-1.1",
                "{\"__type\":\"InternalException\",\"message\":\"x\"}");

        assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).hasSize(1);
        assertThat(wire.requests(Service.SES_V2)).hasSize(1);
        wire.reset();

        assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).isEmpty();
        assertThat(wire.requests(Service.SES_V2)).isEmpty();
    }

    private Lead storedLead(String email, Map<String, Consent> consents) {
        EmailAddress address = EmailAddress.parse(email).orElseThrow();
        Lead lead = new Lead(LeadId.random(), "hash-" + LeadId.random(), address, Map.of("name", "Ada"), LeadState.LEAD,
                NOW, 0, consents, NOW, NOW, 0);
        leads.create(lead);
        return lead;
    }

    private String claimStatus(String messageId) {
        Map<String, AttributeValue> item = engines.dynamoDb().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("IDEM#notify#" + messageId), "sk", AttributeValue.fromS("IDEM")))).item();
        return item.isEmpty() ? null : item.get("status").s();
    }

    private List<JsonNode> publishedEntries() {
        List<JsonNode> entries = new ArrayList<>();
        for (CapturedRequest request : wire.requests(Service.EVENTBRIDGE)) {
            request.json().get("Entries").forEach(entries::add);
        }
        return entries;
    }

    private static JsonNode detail(JsonNode entry) {
        return Json.tree(entry.get("Detail").asText());
    }

    private static NotifyMessage welcome(LeadId leadId) {
        return new NotifyMessage("welcome.1." + leadId, leadId, Channel.EMAIL, MessageCategory.TRANSACTIONAL, "welcome",
                "welcome", Map.of("formId", "demo"));
    }
}
