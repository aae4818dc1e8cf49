package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.aws.AwsClients;
import dev.lem.bus.EventPublishException;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.events.CampaignTrigger;
import dev.lem.events.DetailType;
import dev.lem.events.EventContract;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadOutcome;
import dev.lem.events.LeadScored;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.events.MessageFailed;
import dev.lem.events.MessageSent;
import dev.lem.json.Json;
import dev.lem.testing.WireCapture.Service;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

@ExtendWith(AwsEnginesExtension.class)
class EventBridgeEventBusIT {

    private static final String BUS = "lem-test-bus";
    private static final String LEAD_ID = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");

    private final WireCapture wire;
    private final EventBridgeClient client;
    private final EventBridgeEventBus bus;
    private final EventContract contract = EventContract.load();

    EventBridgeEventBusIT(WireCapture wire) {
        this.wire = wire;
        wire.reset();
        this.client = AwsClients.eventBridge(wire.awsConfig());
        this.bus = new EventBridgeEventBus(client, BUS);
    }

    @AfterEach
    void closeClient() {
        client.close();
        wire.reset();
    }

    /** Event number {@code n}, cycling through every detail type. */
    private static LemEvent event(int n) {
        DetailType type = DetailType.values()[n % DetailType.values().length];
        String id = "evt-" + n;
        Instant at = AT.plusSeconds(n);
        return switch (type) {
            case LEAD_CAPTURED -> new LeadCaptured(id, at, LEAD_ID, "demo", true, "subscriber", true);
            case LEAD_ACTIVITY -> new LeadActivity(id, at, LEAD_ID, "act-" + n, "email.click");
            case LEAD_SCORED -> new LeadScored(id, at, LEAD_ID, 25 + n, 20, "default-1", "act-" + n);
            case LEAD_STATE_CHANGED -> new LeadStateChanged(id, at, LEAD_ID, "lead", "mql", null, false);
            case CAMPAIGN_TRIGGER -> new CampaignTrigger(id, at, "webinar-followup", LEAD_ID, Map.of("n", Integer.toString(n)));
            case MESSAGE_SENT -> new MessageSent(id, at, "msg-" + n, LEAD_ID, "email", "welcome", null);
            case MESSAGE_FAILED -> new MessageFailed(id, at, "msg-" + n, LEAD_ID, "sms", "no-consent", false);
            case LEAD_OUTCOME -> new LeadOutcome(id, at, LEAD_ID, "won", new BigDecimal("12000.50"), "EUR");
        };
    }

    private static List<LemEvent> events(int count) {
        List<LemEvent> events = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            events.add(event(n));
        }
        return events;
    }

    private List<JsonNode> entries() {
        List<JsonNode> entries = new ArrayList<>();
        wire.requests(Service.EVENTBRIDGE).forEach(r -> r.json().get("Entries").forEach(entries::add));
        return entries;
    }

    @Test
    void publish_whenTwelveEvents_sendsTwoPutEventsCallsOfTenAndTwo() {
        bus.publish(events(12));

        List<CapturedRequest> requests = wire.requests(Service.EVENTBRIDGE);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).json().get("Entries")).hasSize(10);
        assertThat(requests.get(1).json().get("Entries")).hasSize(2);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.header("X-Amz-Target")).isEqualTo("AWSEvents.PutEvents");
            assertThat(r.header("Content-Type")).startsWith("application/x-amz-json-1.1");
            assertThat(r.header("Authorization")).startsWith("AWS4-HMAC-SHA256").contains("/eu-west-1/events/");
        });
    }

    @Test
    void publish_whenEventsOfEveryType_sendsEntriesInOrderWithBusSourceDetailTypeAndTime() {
        List<LemEvent> events = events(12);
        bus.publish(events);

        List<JsonNode> entries = entries();
        assertThat(entries).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            LemEvent event = events.get(i);
            JsonNode entry = entries.get(i);
            assertThat(entry.path("EventBusName").asText()).isEqualTo(BUS);
            assertThat(entry.path("Source").asText()).as(event.detailType().wireName()).isEqualTo(
                    event.detailType() == DetailType.CAMPAIGN_TRIGGER ? "lem.marketing" : "lem");
            assertThat(entry.path("DetailType").asText()).isEqualTo(event.detailType().wireName());
            assertThat(entry.path("Time").decimalValue())
                    .isEqualByComparingTo(new BigDecimal(event.occurredAt().getEpochSecond() + ".123"));
            assertThat(entry.has("Resources")).isFalse();
        }
    }

    @Test
    void publish_whenEventsSent_detailIsJsonTextThatValidatesAgainstTheContract() {
        List<LemEvent> events = events(12);
        bus.publish(events);

        List<JsonNode> entries = entries();
        for (int i = 0; i < events.size(); i++) {
            LemEvent event = events.get(i);
            assertThat(entries.get(i).path("Detail").isTextual()).isTrue();
            JsonNode detail = Json.tree(entries.get(i).path("Detail").asText());

            assertThat(contract.validate(event.detailType(), detail)).as(event.detailType().wireName()).isEmpty();
            assertThat(detail.path("eventId").asText()).isEqualTo("evt-" + i);
            assertThat(detail.path("schemaVersion").asInt()).isEqualTo(1);
            assertThat(detail.has("detailType")).isFalse();
        }
    }

    @Test
    void publish_whenExactlyTenEvents_sendsOneCall() {
        bus.publish(events(10));

        assertThat(wire.requests(Service.EVENTBRIDGE)).hasSize(1);
    }

    @Test
    void publish_whenNoEvents_sendsNothing() {
        bus.publish(List.of());

        assertThat(wire.requests(Service.EVENTBRIDGE)).isEmpty();
    }

    @Test
    void publish_whenSingleEvent_sendsOneEntry() {
        bus.publish(event(4));

        assertThat(entries()).singleElement().satisfies(e -> {
            assertThat(e.path("Source").asText()).isEqualTo("lem.marketing");
            assertThat(e.path("DetailType").asText()).isEqualTo("campaign.trigger");
        });
    }

    @Test
    void publish_whenBusReportsAFailedEntry_throwsEventPublishExceptionWithTheErrorCode() {
        wire.answerWithError(Service.EVENTBRIDGE, 200, "application/x-amz-json-1.1",
                "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"x\"}]}");

        assertThatThrownBy(() -> bus.publish(events(1))).isInstanceOf(EventPublishException.class)
                .hasMessageContaining("1 of 1").hasMessageContaining("InternalFailure");
    }

    @Test
    void publish_whenFirstBatchHasAFailedEntry_doesNotSendTheSecondBatch() {
        wire.answerWithError(Service.EVENTBRIDGE, 200, "application/x-amz-json-1.1",
                "{\"FailedEntryCount\":1,\"Entries\":[{\"EventId\":\"a\"},{\"ErrorCode\":\"ThrottlingException\",\"ErrorMessage\":\"x\"}]}");

        assertThatThrownBy(() -> bus.publish(events(12))).isInstanceOf(EventPublishException.class)
                .hasMessageContaining("1 of 10").hasMessageContaining("ThrottlingException");
        assertThat(wire.requests(Service.EVENTBRIDGE)).hasSize(1);
    }

    @Test
    void publish_whenServiceAnswers500_throwsEventPublishExceptionCausedByTheSdk() {
        wire.answerWithError(Service.EVENTBRIDGE, 500, "application/x-amz-json-1.1",
                "{\"__type\":\"InternalException\",\"message\":\"boom\"}");

        assertThatThrownBy(() -> bus.publish(events(2))).isInstanceOf(EventPublishException.class)
                .hasMessageContaining("PutEvents failed").hasCauseInstanceOf(SdkException.class);
        assertThat(wire.requests(Service.EVENTBRIDGE)).as("the SDK retried").hasSizeGreaterThan(1);
    }
}
