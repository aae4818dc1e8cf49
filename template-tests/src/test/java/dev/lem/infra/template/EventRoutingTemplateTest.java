package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.config.FunctionName;
import dev.lem.events.DetailType;
import dev.lem.events.EventSource;
import dev.lem.events.RuleDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.event.ruler.Machine;

/**
 * The bus and its rules. Patterns are taken from the synthesized template and run through event-ruler,
 * the matching engine EventBridge uses, against an envelope of every detail type's sample.
 */
class EventRoutingTemplateTest {

    static final List<RuleDefinition> RULES = RuleDefinition.ALL;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SynthesizedStack synth = SynthesizedStack.get();

    @Test
    void bus_whenSynthesized_isNamedFromTheSharedBusName() {
        synth.template.resourceCountIs("AWS::Events::EventBus", 1);
        synth.template.hasResourceProperties("AWS::Events::EventBus",
                Match.objectLike(Map.of("Name", EventSource.BUS_NAME)));
    }

    @Test
    void rules_whenSynthesized_areOnePerDefinitionOnTheLemBus() {
        String busId = synth.logicalId(synth.stack.bus());
        Map<String, Map<String, Object>> rules = new java.util.HashMap<>(synth.resources("AWS::Events::Rule"));
        // the predictive training's own two rules (outcome rows, weekly schedule): PredictiveTrainingTemplateTest
        dev.lem.infra.PredictiveTraining predictive = (dev.lem.infra.PredictiveTraining) synth.stack.getNode()
                .findChild(dev.lem.infra.PredictiveTraining.ID);
        rules.remove(synth.logicalId(predictive.outcomeRule()));
        rules.remove(synth.logicalId(predictive.schedule()));

        assertThat(rules).hasSize(RULES.size() + RuleDefinition.QUEUED.size());
        assertThat(rules.values()).allSatisfy(rule ->
                assertThat(Cfn.target(Cfn.props(rule).get("EventBusName"))).isEqualTo(busId));
    }

    @Test
    void everyRuleTarget_whenSynthesized_hasADeadLetterQueueInThisStack() {
        Map<String, Map<String, Object>> queues = synth.resources("AWS::SQS::Queue");
        Map<String, Map<String, Object>> rules = synth.resources("AWS::Events::Rule");

        assertThat(rules).isNotEmpty();
        rules.forEach((id, rule) -> assertThat(Cfn.list(Cfn.props(rule).get("Targets"))).as("targets of %s", id)
                .isNotEmpty().allSatisfy(t -> {
                    Object dlc = Cfn.map(t).get("DeadLetterConfig");
                    assertThat(dlc).as("dead-letter config of a target of %s", id).isNotNull();
                    assertThat(queues).containsKey(Cfn.target(Cfn.map(dlc).get("Arn")));
                    assertThat(Cfn.map(Cfn.map(t).get("RetryPolicy"))).containsKeys("MaximumRetryAttempts", "MaximumEventAgeInSeconds");
                }));
    }

    @Test
    void archive_whenSynthesized_keepsEveryEventOfThisAccountOnTheBusForThirtyDays() {
        String busId = synth.logicalId(synth.stack.bus());

        synth.template.resourceCountIs("AWS::Events::Archive", 1);
        synth.template.hasResourceProperties("AWS::Events::Archive", Match.objectLike(Map.of(
                "SourceArn", Cfn.getAtt(busId, "Arn"),
                "RetentionDays", 30,
                "EventPattern", Map.of("account", List.of(Map.of("Ref", "AWS::AccountId"))))));
    }

    @ParameterizedTest
    @FieldSource("RULES")
    void rule_whenSynthesized_hasExactlyTheSharedPattern(RuleDefinition definition) throws IOException {
        JsonNode deployed = JSON.valueToTree(templateRule(definition).get("EventPattern"));

        assertThat(deployed).isEqualTo(JSON.readTree(definition.pattern()));
    }

    @ParameterizedTest
    @FieldSource("RULES")
    void rule_whenSynthesized_targetsTheRouterAliasWithADeadLetterQueue(RuleDefinition definition) {
        assertThat(definition.target()).isEqualTo(RuleDefinition.RuleTarget.ROUTER);
        String routerAlias = synth.logicalId(synth.stack.functions().alias(FunctionName.ROUTER));
        String dlq = synth.logicalId(synth.stack.routing().deadLetterQueue());

        List<Object> targets = Cfn.list(templateRule(definition).get("Targets"));
        assertThat(targets).hasSize(1);
        Map<String, Object> target = Cfn.map(targets.get(0));
        assertThat(Cfn.target(target.get("Arn"))).isEqualTo(routerAlias);
        assertThat(Cfn.target(Cfn.map(target.get("DeadLetterConfig")).get("Arn"))).isEqualTo(dlq);
    }

    @ParameterizedTest
    @FieldSource("RULES")
    void rule_whenEventBridgeDeliversToTheRouter_isAllowedToInvokeOnlyTheAlias(RuleDefinition definition) {
        String routerAlias = synth.logicalId(synth.stack.functions().alias(FunctionName.ROUTER));
        String ruleId = templateRuleId(definition);

        synth.template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "events.amazonaws.com",
                "FunctionName", Cfn.ref(routerAlias),
                "SourceArn", Cfn.getAtt(ruleId, "Arn"))));
    }

    @ParameterizedTest
    @FieldSource("RULES")
    void rulePattern_whenMatchedWithEventRuler_matchesOnlyTheDetailTypesItNames(RuleDefinition definition)
            throws Exception {
        JsonNode pattern = JSON.valueToTree(templateRule(definition).get("EventPattern"));
        List<String> named = new ArrayList<>();
        pattern.path("detail-type").forEach(t -> named.add(t.asText()));
        assertThat(named).as("detail types named by %s", definition.name()).isNotEmpty()
                .allSatisfy(t -> assertThat(DetailType.fromWireName(t)).as("known detail type %s", t).isPresent());

        Machine machine = Machine.builder().build();
        machine.addRule(definition.name(), JSON.writeValueAsString(pattern));
        for (DetailType type : DetailType.values()) {
            boolean matched = !machine.rulesForJSONEvent(envelope(type, type.source())).isEmpty();
            boolean filtersTheDetail = pattern.has("detail");
            assertThat(matched).as("%s matches a %s event", definition.name(), type.wireName())
                    .isEqualTo(named.contains(type.wireName()) && !filtersTheDetail);
        }
    }

    @Test
    void surveyAnswersPattern_whenMatchedWithEventRuler_takesSurveyAnswersButNoOtherActivity() throws Exception {
        JsonNode pattern = JSON.valueToTree(templateRule(RuleDefinition.SURVEY_ANSWERS).get("EventPattern"));
        Machine machine = Machine.builder().build();
        machine.addRule("survey", JSON.writeValueAsString(pattern));

        assertThat(machine.rulesForJSONEvent(envelope(DetailType.LEAD_ACTIVITY, "lem", "sample.v1.survey.json")))
                .containsExactly("survey");
        assertThat(machine.rulesForJSONEvent(envelope(DetailType.LEAD_ACTIVITY, "lem", "sample.v1.json"))).isEmpty();
    }

    @Test
    void unsubscribesPattern_whenMatchedWithEventRuler_takesUnsubscribesButNoOtherActivity() throws Exception {
        JsonNode pattern = JSON.valueToTree(templateRule(RuleDefinition.UNSUBSCRIBES).get("EventPattern"));
        Machine machine = Machine.builder().build();
        machine.addRule("unsubscribes", JSON.writeValueAsString(pattern));

        assertThat(machine.rulesForJSONEvent(envelope(DetailType.LEAD_ACTIVITY, "lem", "sample.v1.unsubscribe.json")))
                .containsExactly("unsubscribes");
        assertThat(machine.rulesForJSONEvent(envelope(DetailType.LEAD_ACTIVITY, "lem", "sample.v1.json"))).isEmpty();
        assertThat(machine.rulesForJSONEvent(envelope(DetailType.LEAD_ACTIVITY, "lem", "sample.v1.survey.json"))).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("RULES")
    void rulePattern_whenTheSourceIsForeign_matchesNothing(RuleDefinition definition) throws Exception {
        JsonNode pattern = JSON.valueToTree(templateRule(definition).get("EventPattern"));
        Machine machine = Machine.builder().build();
        machine.addRule(definition.name(), JSON.writeValueAsString(pattern));

        for (DetailType type : DetailType.values()) {
            assertThat(machine.rulesForJSONEvent(envelope(type, "aws.partner.elsewhere")))
                    .as("%s with a foreign source", type.wireName()).isEmpty();
        }
    }

    @Test
    void ruleTargetDeadLetterQueue_whenEventBridgeSendsToIt_acceptsOnlyLemRules() {
        String dlq = synth.logicalId(synth.stack.routing().deadLetterQueue());
        List<Map<String, Object>> statements = new ArrayList<>();
        synth.resources("AWS::SQS::QueuePolicy").values().forEach(policy -> {
            Map<String, Object> props = Cfn.props(policy);
            if (Cfn.list(props.get("Queues")).stream().anyMatch(q -> dlq.equals(Cfn.target(q)))) {
                Cfn.list(Cfn.map(props.get("PolicyDocument")).get("Statement"))
                        .forEach(s -> statements.add(Cfn.map(s)));
            }
        });
        List<Map<String, Object>> fromEvents = statements.stream()
                .filter(s -> String.valueOf(s.get("Principal")).contains("events.amazonaws.com")).toList();

        assertThat(fromEvents).hasSize(RULES.size() + RuleDefinition.QUEUED.size()).allSatisfy(s -> {
            assertThat(s.get("Effect")).isEqualTo("Allow");
            assertThat(s.get("Action")).isEqualTo("sqs:SendMessage");
            assertThat(String.valueOf(s.get("Condition"))).contains("aws:SourceArn");
        });
    }

    /** A full EventBridge envelope around the sample detail of {@code type} (or {@code {}} without one). */
    static String envelope(DetailType type, String source) throws IOException {
        return envelope(type, source, "sample.v1.json");
    }

    static String envelope(DetailType type, String source, String sample) throws IOException {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.nameUUIDFromBytes(type.wireName().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        event.put("detail-type", type.wireName());
        event.put("source", source);
        event.put("account", "123456789012");
        event.put("time", "2026-11-23T10:15:30Z");
        event.put("region", "eu-west-1");
        event.putArray("resources");
        event.set("detail", sampleDetail(type, sample));
        return JSON.writeValueAsString(event);
    }

    private static JsonNode sampleDetail(DetailType type, String sample) {
        String resource = "events/" + type.wireName() + "/" + sample;
        try (InputStream in = EventRoutingTemplateTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? JSON.createObjectNode() : JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable sample " + resource, e);
        }
    }

    private Map<String, Object> templateRule(RuleDefinition definition) {
        return Cfn.props(synth.resources("AWS::Events::Rule").get(templateRuleId(definition)));
    }

    /** The rule carrying this definition's description: found in the template, not through the construct. */
    private String templateRuleId(RuleDefinition definition) {
        List<String> ids = synth.resources("AWS::Events::Rule").entrySet().stream()
                .filter(e -> definition.description().equals(Cfn.props(e.getValue()).get("Description")))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(ids).as("rules described as '%s'", definition.description()).hasSize(1);
        return ids.get(0);
    }
}
