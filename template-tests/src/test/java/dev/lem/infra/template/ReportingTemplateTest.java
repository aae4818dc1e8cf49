package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lem.config.FunctionName;
import dev.lem.events.DetailType;
import dev.lem.events.RuleDefinition;
import dev.lem.queue.QueueDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/** The reporting path: bus rule → reporting queue (only from that rule) → reporting function, and its least privilege. */
class ReportingTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SynthesizedStack synth = SynthesizedStack.get();

    private Map<String, Object> rule() {
        return Cfn.props(synth.resources("AWS::Events::Rule").get(synth.logicalId(synth.stack.reportingRoute().rule())));
    }

    @Test
    void rule_whenSynthesized_sendsToTheReportingQueueWithTheRoutingDeadLetterQueue() {
        List<Object> targets = Cfn.list(rule().get("Targets"));

        assertThat(targets).singleElement().satisfies(t -> {
            Map<String, Object> target = Cfn.map(t);
            assertThat(Cfn.target(target.get("Arn")))
                    .isEqualTo(synth.logicalId(synth.stack.queues().queue(QueueDefinition.REPORTING)));
            assertThat(Cfn.target(Cfn.map(target.get("DeadLetterConfig")).get("Arn")))
                    .isEqualTo(synth.logicalId(synth.stack.routing().deadLetterQueue()));
        });
    }

    @Test
    void rulePattern_whenMatchedWithEventRuler_takesWhatTheReportsCountAndNothingElse() throws Exception {
        Machine machine = Machine.builder().build();
        machine.addRule("reports", JSON.writeValueAsString(JSON.valueToTree(rule().get("EventPattern"))));

        for (DetailType type : List.of(DetailType.LEAD_CAPTURED, DetailType.LEAD_STATE_CHANGED, DetailType.MESSAGE_SENT)) {
            assertThat(machine.rulesForJSONEvent(EventRoutingTemplateTest.envelope(type, "lem"))).as(type.wireName())
                    .containsExactly("reports");
        }
        assertThat(machine.rulesForJSONEvent(EventRoutingTemplateTest.envelope(DetailType.LEAD_ACTIVITY, "lem",
                "sample.v1.open.json"))).containsExactly("reports");
        assertThat(machine.rulesForJSONEvent(EventRoutingTemplateTest.envelope(DetailType.LEAD_ACTIVITY, "lem",
                "sample.v1.survey.json"))).isEmpty();
        for (DetailType type : List.of(DetailType.LEAD_SCORED, DetailType.CAMPAIGN_TRIGGER, DetailType.LEAD_OUTCOME,
                DetailType.MESSAGE_FAILED)) {
            assertThat(machine.rulesForJSONEvent(EventRoutingTemplateTest.envelope(type, "lem"))).as(type.wireName()).isEmpty();
        }
        assertThat(machine.rulesForJSONEvent(EventRoutingTemplateTest.envelope(DetailType.LEAD_CAPTURED, "lem.marketing")))
                .isEmpty();
        assertThat(RuleDefinition.QUEUED).containsExactly(RuleDefinition.REPORTED_EVENTS);
    }

    @Test
    void reportingQueue_whenEventBridgeSendsToIt_acceptsOnlyTheReportingRule() {
        String queue = synth.logicalId(synth.stack.queues().queue(QueueDefinition.REPORTING));
        List<Map<String, Object>> statements = new ArrayList<>();
        synth.resources("AWS::SQS::QueuePolicy").values().forEach(policy -> {
            Map<String, Object> props = Cfn.props(policy);
            if (Cfn.list(props.get("Queues")).stream().anyMatch(q -> queue.equals(Cfn.target(q)))) {
                Cfn.list(Cfn.map(props.get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(Cfn.map(s)));
            }
        });

        List<Map<String, Object>> fromEvents = statements.stream()
                .filter(s -> String.valueOf(s.get("Principal")).contains("events.amazonaws.com")).toList();
        assertThat(fromEvents).singleElement().satisfies(s -> {
            assertThat(s.get("Action")).isEqualTo("sqs:SendMessage");
            assertThat(String.valueOf(s.get("Condition"))).contains("aws:SourceArn")
                    .contains(synth.logicalId(synth.stack.reportingRoute().rule()));
        });
    }

    @Test
    void reportingFunction_whenGranted_getsPutsAndUpdatesOnlyReportItems() {
        String roleId = Cfn.target(Cfn.props(synth.resources("AWS::Lambda::Function")
                .get(synth.logicalId(synth.stack.functions().function(FunctionName.REPORTING)))).get("Role"));
        List<Map<String, Object>> dynamo = new ArrayList<>();
        synth.resources("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> props = Cfn.props(policy);
            if (Cfn.list(props.get("Roles")).stream().anyMatch(r -> roleId.equals(Cfn.target(r)))) {
                Cfn.list(Cfn.map(props.get("PolicyDocument")).get("Statement")).stream().map(Cfn::map)
                        .filter(s -> Cfn.list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("dynamodb:")))
                        .forEach(dynamo::add);
            }
        });

        assertThat(dynamo).singleElement().satisfies(s -> {
            assertThat(Cfn.list(s.get("Action")))
                    .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
            assertThat(Cfn.target(s.get("Resource"))).isEqualTo(synth.logicalId(synth.stack.table().table()));
            assertThat(s.get("Condition")).isEqualTo(Map.of("ForAllValues:StringLike",
                    Map.of("dynamodb:LeadingKeys", List.of("REPORT#*"))));
        });
    }
}
