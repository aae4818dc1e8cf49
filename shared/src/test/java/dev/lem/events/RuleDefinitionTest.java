package dev.lem.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.json.Json;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.FieldSource;
import software.amazon.event.ruler.Machine;

class RuleDefinitionTest {

    static final List<RuleDefinition> RULES = RuleDefinition.ALL;

    /** What the router must receive, per rule: the routing part of DESIGN §4, written out. */
    private static final Map<String, Set<DetailType>> EXPECTED = Map.of(
            "lead-captured-to-router", EnumSet.of(DetailType.LEAD_CAPTURED),
            "lead-progress-to-router", EnumSet.of(DetailType.LEAD_SCORED, DetailType.LEAD_STATE_CHANGED),
            "marketing-trigger-to-router", EnumSet.of(DetailType.CAMPAIGN_TRIGGER),
            "survey-answers-to-router", EnumSet.of(DetailType.LEAD_ACTIVITY),
            "unsubscribes-to-router", EnumSet.of(DetailType.LEAD_ACTIVITY));

    /** Rules that also filter on the detail: they take only some events of their types (not the current samples). */
    private static final Set<String> DETAIL_FILTERED = Set.of("survey-answers-to-router", "unsubscribes-to-router");

    private static boolean routesEvery(String rule, DetailType type) {
        return EXPECTED.get(rule).contains(type) && !DETAIL_FILTERED.contains(rule);
    }

    private static ObjectNode sample(DetailType type, String file) {
        return EventSamples.of(type).stream().filter(s -> s.file().equals(file)).findFirst().orElseThrow().detail();
    }

    private static Machine machine(RuleDefinition rule) throws Exception {
        Machine machine = new Machine();
        machine.addRule(rule.name(), rule.pattern());
        return machine;
    }

    private static List<String> matches(Machine machine, String source, DetailType type) throws Exception {
        return machine.rulesForJSONEvent(Json.write(EventSamples.envelope(source, type.wireName(), EventSamples.current(type))));
    }

    /** The detail types a pattern names in its {@code detail-type} list. */
    private static Set<DetailType> named(RuleDefinition rule) {
        JsonNode types = Json.tree(rule.pattern()).get("detail-type");
        return StreamSupport.stream(types.spliterator(), false)
                .map(t -> DetailType.fromWireName(t.asText()).orElseThrow(() -> new AssertionError("unknown type " + t)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DetailType.class)));
    }

    @Test
    void all_whenListed_hasUniqueNamesAndTheExpectedRules() {
        assertThat(RULES).extracting(RuleDefinition::name).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        assertThat(RULES).allSatisfy(r -> assertThat(r.target()).isEqualTo(RuleDefinition.RuleTarget.ROUTER));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("RULES")
    void pattern_whenParsed_namesTheExpectedDetailTypesAndTheirSource(RuleDefinition rule) {
        assertThat(named(rule)).isEqualTo(EXPECTED.get(rule.name()));
        Set<String> sources = named(rule).stream().map(DetailType::source).collect(Collectors.toSet());
        JsonNode pattern = Json.tree(rule.pattern());
        assertThat(StreamSupport.stream(pattern.get("source").spliterator(), false).map(JsonNode::asText).toList())
                .containsExactlyInAnyOrderElementsOf(sources);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("RULES")
    void pattern_whenFullEnvelopeOfEachDetailTypeFromItsSource_matchesExactlyTheNamedTypes(RuleDefinition rule) throws Exception {
        Machine machine = machine(rule);
        Set<DetailType> expected = EXPECTED.get(rule.name());
        assertThat(expected).isNotEmpty();

        for (DetailType type : DetailType.values()) {
            List<String> matched = matches(machine, type.source(), type);
            if (routesEvery(rule.name(), type)) {
                assertThat(matched).as("%s must route %s", rule.name(), type.wireName()).containsExactly(rule.name());
            } else {
                assertThat(matched).as("%s must not route %s", rule.name(), type.wireName()).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("RULES")
    void pattern_whenNamedTypeComesFromTheOtherSource_doesNotMatch(RuleDefinition rule) throws Exception {
        Machine machine = machine(rule);
        for (DetailType type : EXPECTED.get(rule.name())) {
            String otherSource = type.source().equals(EventSource.LEM) ? EventSource.MARKETING : EventSource.LEM;

            assertThat(matches(machine, otherSource, type)).as("%s from %s", type.wireName(), otherSource).isEmpty();
            assertThat(matches(machine, "lem.evil", type)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DetailType.class)
    void all_whenOneMachineHoldsEveryRule_routesEachTypeToAtMostOneRule(DetailType type) throws Exception {
        Machine machine = new Machine();
        for (RuleDefinition rule : RULES) {
            machine.addRule(rule.name(), rule.pattern());
        }
        List<String> expected = EXPECTED.keySet().stream().filter(rule -> routesEvery(rule, type)).toList();

        assertThat(matches(machine, type.source(), type)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void all_whenASurveyAnswer_reachesOnlyTheSurveyRule_andOtherActivityNone() throws Exception {
        Machine machine = new Machine();
        for (RuleDefinition rule : RULES) {
            machine.addRule(rule.name(), rule.pattern());
        }
        ObjectNode answer = sample(DetailType.LEAD_ACTIVITY, "sample.v1.survey.json");

        assertThat(machine.rulesForJSONEvent(Json.write(EventSamples.envelope("lem", "lead.activity", answer))))
                .containsExactly("survey-answers-to-router");
        assertThat(machine.rulesForJSONEvent(Json.write(EventSamples.envelope("lem.marketing", "lead.activity", answer))))
                .isEmpty();
        ObjectNode click = answer.deepCopy().put("type", "email.click");
        assertThat(machine.rulesForJSONEvent(Json.write(EventSamples.envelope("lem", "lead.activity", click)))).isEmpty();
    }

    @Test
    void all_whenAnUnsubscribeOnAnyChannel_reachesOnlyTheUnsubscribesRule() throws Exception {
        Machine machine = new Machine();
        for (RuleDefinition rule : RULES) {
            machine.addRule(rule.name(), rule.pattern());
        }
        ObjectNode email = sample(DetailType.LEAD_ACTIVITY, "sample.v1.unsubscribe.json");
        ObjectNode sms = email.deepCopy().put("type", "sms.unsubscribe");
        ObjectNode lookalike = email.deepCopy().put("type", "email.unsubscribe-page-viewed");

        assertThat(machine.rulesForJSONEvent(Json.write(EventSamples.envelope("lem", "lead.activity", email))))
                .containsExactly("unsubscribes-to-router");
        assertThat(machine.rulesForJSONEvent(Json.write(EventSamples.envelope("lem", "lead.activity", sms))))
                .containsExactly("unsubscribes-to-router");
        assertThat(machine.rulesForJSONEvent(Json.write(EventSamples.envelope("lem", "lead.activity", lookalike)))).isEmpty();
        assertThat(machine.rulesForJSONEvent(Json.write(EventSamples.envelope("lem.marketing", "lead.activity", email)))).isEmpty();
        assertThat(LeadActivity.isUnsubscribe(email.get("type").asText())).isTrue();
        assertThat(LeadActivity.isUnsubscribe(lookalike.get("type").asText())).isFalse();
    }

    @Test
    void all_whenMessageAndActivityAndOutcomeEvents_reachNoRule() throws Exception {
        Machine machine = new Machine();
        for (RuleDefinition rule : RULES) {
            machine.addRule(rule.name(), rule.pattern());
        }
        for (DetailType type : List.of(DetailType.LEAD_ACTIVITY, DetailType.MESSAGE_SENT, DetailType.MESSAGE_FAILED,
                DetailType.LEAD_OUTCOME)) {
            assertThat(matches(machine, type.source(), type)).as(type.wireName()).isEmpty();
        }
    }
}
