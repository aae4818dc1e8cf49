package dev.lem.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecTest {

    private static final String LEAD_ID = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");

    private final EventContract contract = EventContract.load();
    private final EventCodec codec = new EventCodec(contract);

    /** One event of each detail type; the exhaustive switch breaks the build when a type is added. */
    static LemEvent example(DetailType type) {
        return switch (type) {
            case LEAD_CAPTURED -> new LeadCaptured("capture-1", AT, LEAD_ID, "demo", true, "subscriber", true);
            case LEAD_ACTIVITY -> new LeadActivity("activity-1", AT, LEAD_ID, "act-7d3e", "email.open");
            case LEAD_SCORED -> new LeadScored("scored-1", AT, LEAD_ID, 25, 20, "default-1", "act-7d3e");
            case LEAD_STATE_CHANGED -> new LeadStateChanged("state-1", AT, LEAD_ID, "lead", "mql", "score 100 reached MQL", true);
            case CAMPAIGN_TRIGGER -> new CampaignTrigger("trigger-1", AT, "webinar-followup", LEAD_ID, Map.of("webinar", "2026-12"));
            case MESSAGE_SENT -> new MessageSent("sent-1", AT, "welcome-0b7e", LEAD_ID, "email", "welcome", "0100018c-ses-id");
            case MESSAGE_FAILED -> new MessageFailed("failed-1", AT, "welcome-0b7e", LEAD_ID, "sms", "no-consent", false);
            case LEAD_OUTCOME -> new LeadOutcome("deal-9912-won", AT, LEAD_ID, "won", new BigDecimal("12000.50"), "EUR");
        };
    }

    private static EventEnvelope envelope(String source, String detailType, JsonNode detail) {
        return new EventEnvelope("0", "6a7e8feb-b491-4cf7-a9f1-bf3703467718", detailType, source, "111122223333",
                Instant.parse("2026-11-23T10:15:31Z"), "eu-west-1", List.of(), detail);
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void example_whenBuilt_hasThatDetailType(DetailType type) {
        assertThat(example(type).detailType()).isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void detail_whenEncoded_validatesAgainstItsOwnSchema(DetailType type) {
        JsonNode detail = codec.detail(example(type));

        assertThat(contract.validate(type, detail)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void detail_whenEncoded_carriesSchemaVersionAndIsoInstantButNotTheJavaOnlyDetailType(DetailType type) {
        JsonNode detail = codec.detail(example(type));

        assertThat(detail.path("schemaVersion").isInt()).isTrue();
        assertThat(detail.path("schemaVersion").asInt()).isEqualTo(DetailType.CURRENT_VERSION);
        assertThat(detail.path("occurredAt").asText()).isEqualTo("2026-11-23T10:15:30.123Z");
        assertThat(detail.has("detailType")).isFalse();
        assertThat(detail.path("leadId").asText()).isEqualTo(LEAD_ID);
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void decode_whenDetailWasEncodedByTheCodec_returnsAnEqualEvent(DetailType type) {
        LemEvent event = example(type);

        assertThat(codec.decode(type, codec.detail(event))).isEqualTo(event);
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void decode_whenEnvelopeFromTheTypesSourceAfterJsonTextRoundTrip_returnsAnEqualEvent(DetailType type) {
        LemEvent event = example(type);
        JsonNode detail = Json.tree(Json.write(event));

        assertThat(codec.decode(envelope(type.source(), type.wireName(), detail))).isEqualTo(event);
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void decode_whenCurrentSample_readsItAndReEncodesToAValidDetail(DetailType type) {
        LemEvent event = codec.decode(type, EventSamples.current(type));

        assertThat(event.detailType()).isEqualTo(type);
        assertThat(event.eventId()).isEqualTo(EventSamples.current(type).get("eventId").asText());
        assertThat(contract.validate(type, codec.detail(event))).isEmpty();
        assertThat(codec.decode(type, codec.detail(event))).isEqualTo(event);
    }

    @Test
    void decode_whenEnvelopeParsedFromEventBridgeJson_readsDetailTypeAndDetail() {
        ObjectNode json = EventSamples.envelope("lem", "lead.captured", EventSamples.current(DetailType.LEAD_CAPTURED));
        EventEnvelope envelope = Json.convert(json, EventEnvelope.class);

        assertThat(codec.decode(envelope)).isInstanceOfSatisfying(LeadCaptured.class, e -> {
            assertThat(e.leadId()).isEqualTo(LEAD_ID);
            assertThat(e.formId()).isEqualTo("demo");
            assertThat(e.newLead()).isTrue();
        });
    }

    @Test
    void decode_whenOutcomeValueHasMoreDigitsThanADoubleHolds_keepsTheExactAmount() {
        LeadOutcome event = new LeadOutcome("deal-1", AT, LEAD_ID, "won", new BigDecimal("1234567890123456.78"), "EUR");
        String wire = Json.write(event);
        assertThat(wire).contains("\"value\":1234567890123456.78");

        LemEvent decoded = codec.decode(envelope("lem", "lead.outcome", Json.tree(wire)));

        assertThat(decoded).isEqualTo(event);
    }

    @Test
    void detail_whenOutcomeValueHasTrailingZeros_keepsThemAsWritten() {
        LeadOutcome event = new LeadOutcome("deal-1", AT, LEAD_ID, "won", new BigDecimal("12000"), "EUR");

        assertThat(Json.write(codec.detail(event))).contains("\"value\":12000,");
    }

    @Test
    void decode_whenDetailTypeUnknown_throwsInvalidEvent() {
        EventEnvelope envelope = envelope("lem", "lead.deleted", codec.detail(example(DetailType.LEAD_CAPTURED)));

        assertThatThrownBy(() -> codec.decode(envelope)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unknown detail-type").hasMessageContaining("lead.deleted");
    }

    @Test
    void decode_whenDetailTypeMissing_throwsInvalidEvent() {
        EventEnvelope envelope = envelope("lem", null, codec.detail(example(DetailType.LEAD_CAPTURED)));

        assertThatThrownBy(() -> codec.decode(envelope)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void decode_whenCampaignTriggerComesFromLemSource_throwsInvalidEvent() {
        EventEnvelope envelope = envelope("lem", "campaign.trigger", codec.detail(example(DetailType.CAMPAIGN_TRIGGER)));

        assertThatThrownBy(() -> codec.decode(envelope)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("campaign.trigger").hasMessageContaining("lem.marketing");
    }

    @ParameterizedTest
    @EnumSource(value = DetailType.class, names = "CAMPAIGN_TRIGGER", mode = EnumSource.Mode.EXCLUDE)
    void decode_whenLemEventComesFromMarketingSource_throwsInvalidEvent(DetailType type) {
        EventEnvelope envelope = envelope(EventSource.MARKETING, type.wireName(), codec.detail(example(type)));

        assertThatThrownBy(() -> codec.decode(envelope)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("must come from source lem");
    }

    @Test
    void decode_whenSourceMissing_throwsInvalidEvent() {
        EventEnvelope envelope = envelope(null, "lead.captured", codec.detail(example(DetailType.LEAD_CAPTURED)));

        assertThatThrownBy(() -> codec.decode(envelope)).isInstanceOf(InvalidEventException.class);
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void decode_whenLeadIdViolatesSchema_throwsInvalidEventNamingLeadId(DetailType type) {
        ObjectNode detail = (ObjectNode) codec.detail(example(type));
        detail.put("leadId", "lead-42");

        assertThatThrownBy(() -> codec.decode(envelope(type.source(), type.wireName(), detail)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(type.wireName() + " violates its schema").hasMessageContaining("leadId");
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void decode_whenRequiredEventIdMissing_throwsInvalidEventNamingIt(DetailType type) {
        ObjectNode detail = (ObjectNode) codec.detail(example(type));
        detail.remove("eventId");

        assertThatThrownBy(() -> codec.decode(type, detail)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("eventId");
    }

    @Test
    void decode_whenDetailIsNull_throwsInvalidEvent() {
        assertThatThrownBy(() -> codec.decode(envelope("lem", "lead.scored", null)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("JSON object");
    }

    @Test
    void decode_whenScoreIsAnIntegerTooLargeForJava_throwsInvalidEventInsteadOfTruncating() {
        ObjectNode detail = (ObjectNode) codec.detail(example(DetailType.LEAD_SCORED));
        detail.put("score", 3_000_000_000L);

        assertThatThrownBy(() -> codec.decode(DetailType.LEAD_SCORED, detail)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("lead.scored");
    }

    @Test
    void decode_whenBooleanGivenAsString_throwsInvalidEvent() {
        ObjectNode detail = (ObjectNode) codec.detail(example(DetailType.LEAD_CAPTURED));
        detail.put("newLead", "true");

        assertThatThrownBy(() -> codec.decode(DetailType.LEAD_CAPTURED, detail)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("newLead");
    }

    @Test
    void create_whenCalled_loadsTheClasspathContract() {
        EventCodec created = EventCodec.create();
        LemEvent event = example(DetailType.MESSAGE_SENT);

        assertThat(created.decode(envelope("lem", "message.sent", created.detail(event)))).isEqualTo(event);
    }
}
