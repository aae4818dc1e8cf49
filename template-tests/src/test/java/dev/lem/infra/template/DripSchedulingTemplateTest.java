package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.config.FunctionName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class DripSchedulingTemplateTest {

    private final SynthesizedStack synth = SynthesizedStack.get();

    @Test
    void scheduleGroup_whenSynthesized_existsOnce() {
        synth.template.resourceCountIs("AWS::Scheduler::ScheduleGroup", 1);
        synth.template.hasResourceProperties("AWS::Scheduler::ScheduleGroup",
                Match.objectLike(Map.of("Name", synth.stack.scheduling().group().getName())));
    }

    @Test
    void schedulerRole_whenAssumed_trustsOnlySchedulerForThisAccountsGroup() {
        String groupId = synth.logicalId(synth.stack.scheduling().group());
        Map<String, Object> role = Cfn.props(synth.resources("AWS::IAM::Role")
                .get(synth.logicalId(synth.stack.scheduling().schedulerRole())));

        List<Object> statements = Cfn.list(Cfn.map(role.get("AssumeRolePolicyDocument")).get("Statement"));
        assertThat(statements).hasSize(1);
        Map<String, Object> trust = Cfn.map(statements.get(0));
        assertThat(trust.get("Principal")).isEqualTo(Map.of("Service", "scheduler.amazonaws.com"));
        Map<String, Object> equals = Cfn.map(Cfn.map(trust.get("Condition")).get("StringEquals"));
        assertThat(equals.get("aws:SourceAccount")).isEqualTo(Map.of("Ref", "AWS::AccountId"));
        assertThat(Cfn.target(equals.get("aws:SourceArn"))).isEqualTo(groupId);
    }

    @Test
    void schedulerRole_whenGranted_mayOnlyInvokeTheDripAliasAndSendToItsDeadLetterQueueAndTheNotifyAndActivityQueues() {
        String roleId = synth.logicalId(synth.stack.scheduling().schedulerRole());
        String dripAlias = synth.logicalId(synth.stack.functions().alias(FunctionName.DRIP));
        String dlq = synth.logicalId(synth.stack.scheduling().deadLetterQueue());
        String notify = synth.logicalId(synth.stack.queues().queue(dev.lem.queue.QueueDefinition.NOTIFY));
        String activity = synth.logicalId(synth.stack.queues().queue(dev.lem.queue.QueueDefinition.ACTIVITY));

        synth.template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Cfn.ref(roleId)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayEquals(List.of(
                        Map.of("Action", List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"),
                                "Effect", "Allow",
                                "Resource", Cfn.getAtt(dlq, "Arn")),
                        Map.of("Action", List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"),
                                "Effect", "Allow",
                                "Resource", Cfn.getAtt(notify, "Arn")),
                        Map.of("Action", "lambda:InvokeFunction",
                                "Effect", "Allow",
                                "Resource", Cfn.ref(dripAlias)),
                        // scoring's timers (SLA, decay) are delivered to the activity queue
                        Map.of("Action", List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"),
                                "Effect", "Allow",
                                "Resource", Cfn.getAtt(activity, "Arn")))))))));
        long policiesOfTheRole = synth.resources("AWS::IAM::Policy").values().stream()
                .filter(p -> Cfn.list(Cfn.props(p).get("Roles")).contains(Cfn.ref(roleId))).count();
        assertThat(policiesOfTheRole).isEqualTo(1);
    }

    @Test
    void schedulerDeadLetterQueue_whenSynthesized_isEncryptedTlsOnlyAndKeepsMessagesFourteenDays() {
        String dlq = synth.logicalId(synth.stack.scheduling().deadLetterQueue());

        assertThat(Cfn.props(synth.resources("AWS::SQS::Queue").get(dlq)))
                .containsEntry("SqsManagedSseEnabled", true)
                .containsEntry("MessageRetentionPeriod", 14 * 24 * 3600);
    }
}
