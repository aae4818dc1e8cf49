package dev.lem.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EventContractTest {

    private static final EventContract CONTRACT = EventContract.load();

    private static JsonNode schema(DetailType type) {
        return Json.tree(EventContract.resource(EventContract.schemaPath(type)));
    }

    static Stream<EventSamples.Sample> samples() {
        return EventSamples.all().stream();
    }

    /** (type, required field) for every required field of every schema. */
    static Stream<Arguments> requiredFields() {
        List<Arguments> arguments = new ArrayList<>();
        for (DetailType type : DetailType.values()) {
            schema(type).get("required").forEach(f -> arguments.add(Arguments.of(type, f.asText())));
        }
        return arguments.stream();
    }

    /** (type, property, a value of the wrong JSON type) for every typed property of every schema. */
    static Stream<Arguments> typedProperties() {
        List<Arguments> arguments = new ArrayList<>();
        for (DetailType type : DetailType.values()) {
            schema(type).get("properties").properties().forEach(p -> {
                JsonNode declared = p.getValue().get("type");
                if (declared != null) {
                    JsonNode wrong = switch (declared.asText()) {
                        case "string" -> Json.mapper().getNodeFactory().numberNode(42);
                        case "integer", "number", "boolean", "object", "array" -> Json.mapper().getNodeFactory().textNode("not-" + declared.asText());
                        default -> throw new AssertionError("unexpected schema type " + declared);
                    };
                    arguments.add(Arguments.of(type, p.getKey(), wrong));
                }
            });
        }
        return arguments.stream();
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void schemaPath_whenLoaded_isA2020_12SchemaTitledWithTheWireName(DetailType type) {
        JsonNode schema = schema(type);

        assertThat(EventContract.schemaPath(type)).isEqualTo("events/" + type.wireName() + "/schema.v1.json");
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("title").asText()).isEqualTo(type.wireName());
        assertThat(schema.path("additionalProperties").asBoolean()).as("consumers ignore unknown fields").isTrue();
        assertThat(schema.path("required").toString())
                .contains("\"eventId\"", "\"occurredAt\"", "\"schemaVersion\"");
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void samples_whenListed_includeTheCurrentVersionSample(DetailType type) {
        assertThat(EventSamples.of(type)).extracting(EventSamples.Sample::file).contains("sample.v1.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void validate_whenSampleFile_hasNoViolations(EventSamples.Sample sample) {
        assertThat(CONTRACT.validate(sample.type(), sample.detail())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void validate_whenSampleFile_declaresSchemaVersionOne(EventSamples.Sample sample) {
        assertThat(sample.detail().path("schemaVersion").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void validate_whenRequiredFieldRemoved_reportsThatField(DetailType type, String field) {
        ObjectNode detail = EventSamples.current(type);
        assertThat(detail.has(field)).as("sample carries %s", field).isTrue();
        detail.remove(field);

        assertThat(CONTRACT.validate(type, detail)).isNotEmpty().anySatisfy(e -> assertThat(e).contains(field));
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @MethodSource("typedProperties")
    void validate_whenPropertyHasWrongType_reportsThatProperty(DetailType type, String field, JsonNode wrong) {
        ObjectNode detail = EventSamples.current(type);
        detail.set(field, wrong);

        assertThat(CONTRACT.validate(type, detail)).isNotEmpty().anySatisfy(e -> assertThat(e).contains(field));
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void validate_whenLeadIdIsNotALowercaseUuid_reportsLeadId(DetailType type) {
        for (String bad : List.of("not-a-uuid", "0B7E6A52-3C2D-4F8E-9A1B-5D6C7E8F9A0B", "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b\n", "")) {
            ObjectNode detail = EventSamples.current(type);
            detail.put("leadId", bad);

            assertThat(CONTRACT.validate(type, detail)).as("leadId %s", bad)
                    .isNotEmpty().anySatisfy(e -> assertThat(e).contains("leadId"));
        }
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void validate_whenSchemaVersionIsNotOne_reportsSchemaVersion(DetailType type) {
        ObjectNode detail = EventSamples.current(type);
        detail.put("schemaVersion", 2);

        assertThat(CONTRACT.validate(type, detail)).anySatisfy(e -> assertThat(e).contains("schemaVersion"));
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void validate_whenOccurredAtIsNotUtcIso8601_reportsOccurredAt(DetailType type) {
        for (String bad : List.of("2026-11-23 10:15:30", "2026-11-23T10:15:30+01:00", "1763892930")) {
            ObjectNode detail = EventSamples.current(type);
            detail.put("occurredAt", bad);

            assertThat(CONTRACT.validate(type, detail)).as(bad).anySatisfy(e -> assertThat(e).contains("occurredAt"));
        }
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void validate_whenUnknownPropertyAdded_stillValid(DetailType type) {
        ObjectNode detail = EventSamples.current(type);
        detail.put("addedInAMinorRevision", "x");

        assertThat(CONTRACT.validate(type, detail)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void validate_whenDetailIsNotAnObject_reportsIt(DetailType type) {
        assertThat(CONTRACT.validate(type, null)).containsExactly("detail must be a JSON object");
        assertThat(CONTRACT.validate(type, Json.tree("[]"))).containsExactly("detail must be a JSON object");
        assertThat(CONTRACT.validate(type, Json.tree("\"x\""))).containsExactly("detail must be a JSON object");
    }

    @Test
    void validate_whenLeadOutcomeHasValueWithoutCurrency_reportsCurrency() {
        ObjectNode detail = EventSamples.current(DetailType.LEAD_OUTCOME);
        detail.remove("currency");

        assertThat(CONTRACT.validate(DetailType.LEAD_OUTCOME, detail)).anySatisfy(e -> assertThat(e).contains("currency"));
    }

    @Test
    void validate_whenEnumValueUnknown_reportsTheField() {
        Map<DetailType, String> enumFields = Map.of(
                DetailType.LEAD_CAPTURED, "state",
                DetailType.LEAD_STATE_CHANGED, "to",
                DetailType.LEAD_OUTCOME, "outcome",
                DetailType.MESSAGE_SENT, "channel",
                DetailType.MESSAGE_FAILED, "channel");
        enumFields.forEach((type, field) -> {
            ObjectNode detail = EventSamples.current(type);
            detail.put(field, "pigeon");

            assertThat(CONTRACT.validate(type, detail)).as(type + "." + field).anySatisfy(e -> assertThat(e).contains(field));
        });
    }

    @Test
    void validate_whenCampaignTriggerAttributeIsNotAString_reportsAttributes() {
        ObjectNode detail = EventSamples.current(DetailType.CAMPAIGN_TRIGGER);
        ((ObjectNode) detail.get("attributes")).put("webinar", 2026);

        assertThat(CONTRACT.validate(DetailType.CAMPAIGN_TRIGGER, detail)).anySatisfy(e -> assertThat(e).contains("attributes"));
    }

    @Test
    void resource_whenMissing_throwsNamingThePath() {
        assertThatThrownBy(() -> EventContract.resource("events/nope/schema.v1.json"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("events/nope/schema.v1.json");
    }
}
