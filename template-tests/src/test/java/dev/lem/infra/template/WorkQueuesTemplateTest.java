package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.infra.LemFunctions;
import dev.lem.queue.QueueDefinition;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

class WorkQueuesTemplateTest {

    static final List<QueueDefinition> DEFINITIONS = QueueDefinition.ALL;

    private final SynthesizedStack synth = SynthesizedStack.get();

    @ParameterizedTest
    @FieldSource("DEFINITIONS")
    void queue_whenSynthesized_redrivesToItsDeadLetterQueueAfterMaxReceiveCount(QueueDefinition definition) {
        Map<String, Object> queue = queueProps(definition);
        String dlqId = synth.logicalId(synth.stack.queues().deadLetterQueue(definition));

        Map<String, Object> redrive = Cfn.map(queue.get("RedrivePolicy"));
        assertThat(Cfn.target(redrive.get("deadLetterTargetArn"))).isEqualTo(dlqId);
        assertThat(Cfn.integer(redrive.get("maxReceiveCount"))).isEqualTo(definition.maxReceiveCount());
    }

    @ParameterizedTest
    @FieldSource("DEFINITIONS")
    void queue_whenSynthesized_takesTimeoutsAndRetentionFromItsDefinition(QueueDefinition definition) {
        Map<String, Object> queue = queueProps(definition);

        assertThat(Cfn.integer(queue.get("VisibilityTimeout")))
                .isEqualTo((int) definition.visibilityTimeout().toSeconds());
        assertThat(Cfn.integer(queue.get("MessageRetentionPeriod")))
                .isEqualTo((int) definition.retention().toSeconds());
    }

    @ParameterizedTest
    @FieldSource("DEFINITIONS")
    void deadLetterQueue_whenSynthesized_keepsMessagesForTheDlqRetention(QueueDefinition definition) {
        String dlqId = synth.logicalId(synth.stack.queues().deadLetterQueue(definition));
        Map<String, Object> dlq = Cfn.props(synth.resources("AWS::SQS::Queue").get(dlqId));

        assertThat(Cfn.integer(dlq.get("MessageRetentionPeriod")))
                .isEqualTo((int) QueueDefinition.DLQ_RETENTION.toSeconds());
        assertThat(dlq).doesNotContainKey("RedrivePolicy");
    }

    @Test
    void everyQueue_whenNotADeadLetterQueue_hasARedrivePolicy() {
        Map<String, Map<String, Object>> queues = synth.resources("AWS::SQS::Queue");
        Set<String> deadLetterQueues = deadLetterQueueIds();

        assertThat(deadLetterQueues).isNotEmpty().allSatisfy(id -> assertThat(queues).containsKey(id));
        queues.forEach((id, queue) -> {
            if (!deadLetterQueues.contains(id)) {
                assertThat(Cfn.props(queue)).as("queue %s", id).containsKey("RedrivePolicy");
            }
        });
        // the work queues and the SES feedback queue
        assertThat(queues.size() - deadLetterQueues.size()).isEqualTo(QueueDefinition.ALL.size() + 1);
    }

    @Test
    void everyQueue_whenSynthesized_isEncryptedAtRest() {
        synth.resources("AWS::SQS::Queue").forEach((id, queue) -> {
            Map<String, Object> props = Cfn.props(queue);
            assertThat(Boolean.TRUE.equals(props.get("SqsManagedSseEnabled")) || props.containsKey("KmsMasterKeyId"))
                    .as("queue %s is encrypted", id).isTrue();
        });
    }

    @Test
    void everyQueue_whenReachedWithoutTls_deniesTheRequest() {
        Set<String> guarded = new HashSet<>();
        synth.resources("AWS::SQS::QueuePolicy").values().forEach(policy -> {
            Map<String, Object> props = Cfn.props(policy);
            boolean deniesPlainHttp = Cfn.list(Cfn.map(props.get("PolicyDocument")).get("Statement")).stream()
                    .map(Cfn::map)
                    .anyMatch(s -> "Deny".equals(s.get("Effect"))
                            && String.valueOf(s.get("Condition")).contains("aws:SecureTransport=false"));
            if (deniesPlainHttp) {
                Cfn.list(props.get("Queues")).forEach(q -> guarded.add(Cfn.target(q)));
            }
        });
        assertThat(guarded).containsExactlyInAnyOrderElementsOf(synth.resources("AWS::SQS::Queue").keySet());
    }

    @Test
    void everyConsumedQueue_whenSynthesized_hasAVisibilityTimeoutOfAtLeastSixTimesItsConsumersTimeout() {
        Map<String, Map<String, Object>> queues = synth.resources("AWS::SQS::Queue");
        Map<String, Map<String, Object>> aliases = synth.resources("AWS::Lambda::Alias");
        Map<String, Map<String, Object>> functions = synth.resources("AWS::Lambda::Function");
        Map<String, Map<String, Object>> mappings = synth.resources("AWS::Lambda::EventSourceMapping");

        assertThat(mappings).isNotEmpty();
        mappings.forEach((id, mapping) -> {
            Map<String, Object> props = Cfn.props(mapping);
            String queueId = Cfn.target(props.get("EventSourceArn"));
            String aliasId = aliases.keySet().stream().filter(String.valueOf(props.get("FunctionName"))::contains)
                    .findFirst().orElseThrow();
            String functionId = Cfn.target(Cfn.props(aliases.get(aliasId)).get("FunctionName"));
            int visibility = Cfn.integer(Cfn.props(queues.get(queueId)).get("VisibilityTimeout"));
            int timeout = Cfn.integer(Cfn.props(functions.get(functionId)).get("Timeout"));

            assertThat(visibility).as("visibility of %s vs timeout of %s", queueId, functionId)
                    .isGreaterThanOrEqualTo(6 * timeout);
        });
    }

    /** Queues some other resource sends its failures to: SQS redrive, rule targets, async Lambda. */
    private Set<String> deadLetterQueueIds() {
        Set<String> ids = new HashSet<>();
        synth.resources("AWS::SQS::Queue").values().forEach(q -> {
            Object redrive = Cfn.props(q).get("RedrivePolicy");
            if (redrive != null) {
                ids.add(Cfn.target(Cfn.map(redrive).get("deadLetterTargetArn")));
            }
        });
        synth.resources("AWS::Events::Rule").values().forEach(rule ->
                Cfn.list(Cfn.props(rule).get("Targets")).stream().map(Cfn::map)
                        .filter(t -> t.containsKey("DeadLetterConfig"))
                        .forEach(t -> ids.add(Cfn.target(Cfn.map(t.get("DeadLetterConfig")).get("Arn")))));
        synth.resources("AWS::Lambda::Function").values().forEach(fn -> {
            // Scheduler's DLQ: set on each schedule the router creates at run time
            Object env = Cfn.props(fn).get("Environment");
            if (env != null && Cfn.map(Cfn.map(env).get("Variables")).get(LemFunctions.SCHEDULER_DLQ_ARN_ENV) instanceof Object arn) {
                ids.add(Cfn.target(arn));
            }
            Object dlc = Cfn.props(fn).get("DeadLetterConfig");
            if (dlc != null) {
                ids.add(Cfn.target(Cfn.map(dlc).get("TargetArn")));
            }
        });
        return ids;
    }

    private Map<String, Object> queueProps(QueueDefinition definition) {
        String id = synth.logicalId(synth.stack.queues().queue(definition));
        Map<String, Object> queue = synth.resources("AWS::SQS::Queue").get(id);
        assertThat(queue).as("queue for %s", definition.name()).isNotNull();
        return Cfn.props(queue);
    }
}
