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
import dev.lem.lead.IdentityHasher;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.notify.EmailComposer;
import dev.lem.notify.GatePolicy;
import dev.lem.notify.HeldMessages;
import dev.lem.store.DynamoDbLeadErasure;
import dev.lem.notify.NotificationService;
import dev.lem.notify.Outbound;
import dev.lem.notify.Recipients;
import dev.lem.notify.SendGate;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import dev.lem.store.DynamoDbFrequencyCaps;
import dev.lem.store.DynamoDbSuppressionList;
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
    private static final String POSTAL = "LEM Example Ltd, 1 Sample Street, Dublin";
    private static final String NOTIFY_QUEUE_ARN = "arn:aws:sqs:eu-west-1:000000000000:lem-notify";
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
        handler = handlerAt(NOW);
    }

    private NotificationsHandler handlerAt(Instant now) {
        URI base = URI.create("https://t.lem.example");
        LinkSigner signer = new LinkSigner(TRACKING_KEY);
        var dynamo = engines.dynamoDb();
        return new NotificationsHandler(new NotificationService(leads, new DynamoDbIdempotencyStore(dynamo, table),
                new SendGate(new Recipients(new IdentityHasher(TRACKING_KEY)), new DynamoDbSuppressionList(dynamo, table),
                        new DynamoDbFrequencyCaps(dynamo, table), GatePolicy.DEFAULT),
                new Outbound(new EmailComposer(new TrackingLinks(signer, base), new UnsubscribeLinks(signer, base),
                        Optional.of(POSTAL)),
                        new SesMailer(AwsClients.sesV2(wire.awsConfig()), "hello@lem.example", Optional.empty())),
                new HeldMessages(new EventBridgeStepScheduler(AwsClients.scheduler(wire.awsConfig()), "lem", NOTIFY_QUEUE_ARN,
                        "arn:aws:iam::123456789012:role/lem-scheduler"), new DynamoDbLeadErasure(dynamo, table)::rememberTimer),
                new EventBridgeEventBus(AwsClients.eventBridge(wire.awsConfig()), "lem"),
                Clock.fixed(now, ZoneOffset.UTC)));
    }

    @Test
    void handleRequest_whenMarketing_sendsTemplateDataAndOneClickUnsubscribeHeadersOnTheWire() {
        Lead ada = storedLead("ada@example.com", Map.of("email", new Consent(true, "v1", NOW)));

        handler.handleRequest(batch(message("sqs-1", Json.write(nurture(ada.id())))), null);

        JsonNode body = wire.requests(Service.SES_V2).getFirst().json();
        JsonNode template = body.at("/Content/Template");
        assertThat(template.get("TemplateName").asText()).isEqualTo("welcome-2");
        JsonNode data = Json.tree(template.get("TemplateData").asText());
        String unsubscribe = data.get("unsubscribeUrl").asText();
        assertThat(unsubscribe).startsWith("https://t.lem.example/u/" + ada.id() + ".email.");
        assertThat(data.get("postalAddress").asText()).isEqualTo(POSTAL);
        assertThat(data.get("openPixelUrl").asText()).startsWith("https://t.lem.example/t/o.gif?l=" + ada.id());
        assertThat(template.get("Headers")).hasSize(2);
        assertThat(template.get("Headers").get(0).get("Name").asText()).isEqualTo("List-Unsubscribe");
        assertThat(template.get("Headers").get(0).get("Value").asText()).isEqualTo("<" + unsubscribe + ">");
        assertThat(template.get("Headers").get(1).get("Name").asText()).isEqualTo("List-Unsubscribe-Post");
        assertThat(template.get("Headers").get(1).get("Value").asText()).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void handleRequest_whenMarketingArrivesInQuietHours_schedulesItBackOntoTheNotifyQueueAndSendsNothing() {
        Lead ada = storedLead("ada@example.com", Map.of("email", new Consent(true, "v1", NOW)));
        NotifyMessage nurture = nurture(ada.id());

        SQSBatchResponse response = handlerAt(Instant.parse("2026-11-23T23:10:00Z"))
                .handleRequest(batch(message("sqs-1", Json.write(nurture))), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(wire.requests(Service.SES_V2)).isEmpty();
        CapturedRequest create = wire.requests(Service.SCHEDULER).getFirst();
        assertThat(create.json().get("ScheduleExpression").asText()).isEqualTo("at(2026-11-24T08:00:00)");
        assertThat(create.json().at("/Target/Arn").asText()).isEqualTo(NOTIFY_QUEUE_ARN);
        assertThat(Json.read(create.json().at("/Target/Input").asText(), NotifyMessage.class)).isEqualTo(nurture);
        assertThat(claimStatus(nurture.messageId())).isNull();
    }

    @Test
    void handleRequest_whenDailyCapReached_countsAtomicallyInDynamoDbAndHoldsTheThird() {
        Lead ada = storedLead("ada@example.com", Map.of("email", new Consent(true, "v1", NOW)));

        handler.handleRequest(batch(
                message("sqs-1", Json.write(new NotifyMessage("a.1." + ada.id(), ada.id(), Channel.EMAIL,
                        MessageCategory.MARKETING, "a", "welcome-2", Map.of()))),
                message("sqs-2", Json.write(new NotifyMessage("b.1." + ada.id(), ada.id(), Channel.EMAIL,
                        MessageCategory.MARKETING, "b", "welcome-2", Map.of()))),
                message("sqs-3", Json.write(nurture(ada.id())))), null);

        assertThat(wire.requests(Service.SES_V2)).hasSize(2);
        assertThat(wire.requests(Service.SCHEDULER)).singleElement().satisfies(r ->
                assertThat(r.json().get("ScheduleExpression").asText()).isEqualTo("at(2026-11-24T08:00:00)"));
        Map<String, AttributeValue> counter = engines.dynamoDb().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("LEAD#" + ada.id()), "sk", AttributeValue.fromS("CAP#email#D#2026-11-23"))))
                .item();
        assertThat(counter.get("count").n()).isEqualTo("2");
        assertThat(Long.parseLong(counter.get("ttl").n())).isEqualTo(Instant.parse("2026-11-25T00:00:00Z").getEpochSecond());
    }

    @Test
    void handleRequest_whenSesThrottlesOrFailsWith5xx_failsTheRecordAndTheRedeliverySendsIt() {
        Lead ada = storedLead("ada@example.com", Map.of());
        SQSEvent batch = batch(message("sqs-1", Json.write(welcome(ada.id()))));
        wire.answerWithError(Service.SES_V2, 429, "application/json", "{\"__type\":\"TooManyRequestsException\",\"message\":\"slow down\"}");
        assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).hasSize(1);
        wire.reset();
        wire.answerWithError(Service.SES_V2, 503, "application/json", "{\"message\":\"unavailable\"}");
        assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).hasSize(1);
        assertThat(claimStatus(welcome(ada.id()).messageId())).isNull();
        wire.reset();

        assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).isEmpty();
        assertThat(wire.requests(Service.SES_V2)).hasSize(1);
        assertThat(claimStatus(welcome(ada.id()).messageId())).isEqualTo("COMPLETED");
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
        String hash = java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32)
                .putLong(System.nanoTime()).putLong(LeadId.random().hashCode()).array());
        Lead lead = new Lead(LeadId.random(), hash, address, Map.of("name", "Ada"), LeadState.LEAD,
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

    private static NotifyMessage nurture(LeadId leadId) {
        return new NotifyMessage("welcome.2." + leadId, leadId, Channel.EMAIL, MessageCategory.MARKETING, "welcome",
                "welcome-2", Map.of());
    }

    private static NotifyMessage welcome(LeadId leadId) {
        return new NotifyMessage("welcome.1." + leadId, leadId, Channel.EMAIL, MessageCategory.TRANSACTIONAL, "welcome",
                "welcome", Map.of("formId", "demo"));
    }
}
