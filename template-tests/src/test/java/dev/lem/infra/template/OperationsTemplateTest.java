package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.config.FunctionName;
import dev.lem.queue.QueueDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;

/** Alarms, the dashboard, the budget and the SNS topics they report to. */
class OperationsTemplateTest {

    private final SynthesizedStack synth = SynthesizedStack.get();

    @Test
    void everyDeadLetterQueue_whenNotEmpty_raisesAnAlarmToTheAlarmTopic() {
        Map<String, Map<String, Object>> queues = synth.resources("AWS::SQS::Queue");
        List<String> dlqs = synth.stack.deadLetterQueues().values().stream().map(synth::logicalId).toList();
        // one per work queue, plus the rule-target, async-invocation, scheduler, SES feedback and training DLQs
        assertThat(dlqs).hasSize(QueueDefinition.ALL.size() + 5).allSatisfy(id -> assertThat(queues).containsKey(id));

        for (String dlq : dlqs) {
            List<Map<String, Object>> alarms = alarms().stream()
                    .filter(a -> "ApproximateNumberOfMessagesVisible".equals(a.get("MetricName")))
                    .filter(a -> String.valueOf(a.get("Dimensions")).contains(dlq))
                    .toList();
            assertThat(alarms).as("alarms on %s", dlq).hasSize(1);
            Map<String, Object> alarm = alarms.get(0);
            assertThat(alarm).containsEntry("Namespace", "AWS/SQS")
                    .containsEntry("ComparisonOperator", "GreaterThanThreshold")
                    .containsEntry("Statistic", "Maximum");
            assertThat(((Number) alarm.get("Threshold")).doubleValue()).isZero();
            assertAlarmsToTheTopic(alarm);
        }
    }

    @ParameterizedTest
    @EnumSource(FunctionName.class)
    void function_whenItErrsOrIsThrottled_raisesAnAlarm(FunctionName name) {
        String fn = synth.logicalId(synth.stack.functions().function(name));
        for (String metric : List.of("Errors", "Throttles")) {
            List<Map<String, Object>> alarms = alarms().stream()
                    .filter(a -> metric.equals(a.get("MetricName")) && "AWS/Lambda".equals(a.get("Namespace")))
                    .filter(a -> Cfn.list(a.get("Dimensions")).contains(Map.of("Name", "FunctionName", "Value", Cfn.ref(fn))))
                    .toList();
            assertThat(alarms).as("%s alarms of %s", metric, name).hasSize(1);
            assertThat(alarms.get(0)).containsEntry("ComparisonOperator", "GreaterThanThreshold");
            assertThat(((Number) alarms.get(0).get("Threshold")).doubleValue()).isZero();
            assertAlarmsToTheTopic(alarms.get(0));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"preferences", "erasure", "ses-feedback"})
    void notificationEndpointFunction_whenItErrsOrIsThrottled_raisesAnAlarm(String label) {
        software.amazon.awscdk.services.lambda.Function function = switch (label) {
            case "preferences" -> ((dev.lem.infra.NotificationEndpoints) synth.stack.getNode()
                    .findChild(dev.lem.infra.NotificationEndpoints.ID)).preferences();
            case "erasure" -> ((dev.lem.infra.NotificationEndpoints) synth.stack.getNode()
                    .findChild(dev.lem.infra.NotificationEndpoints.ID)).erasure();
            default -> ((dev.lem.infra.SesFeedbackConsumer) synth.stack.getNode()
                    .findChild(dev.lem.infra.SesFeedbackConsumer.ID)).function();
        };
        String fn = synth.logicalId(function);
        for (String metric : List.of("Errors", "Throttles")) {
            List<Map<String, Object>> alarms = alarms().stream()
                    .filter(a -> metric.equals(a.get("MetricName")) && "AWS/Lambda".equals(a.get("Namespace")))
                    .filter(a -> Cfn.list(a.get("Dimensions")).contains(Map.of("Name", "FunctionName", "Value", Cfn.ref(fn))))
                    .toList();
            assertThat(alarms).as("%s alarms of %s", metric, label).hasSize(1);
            assertThat(((Number) alarms.get(0).get("Threshold")).doubleValue()).isZero();
            assertAlarmsToTheTopic(alarms.get(0));
        }
    }

    @Test
    void sesReputation_whenBounceOrComplaintRateIsHigh_raisesAnAlarm() {
        synth.template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/SES", "MetricName", "Reputation.BounceRate",
                "Threshold", 0.05, "ComparisonOperator", "GreaterThanThreshold")));
        synth.template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/SES", "MetricName", "Reputation.ComplaintRate",
                "Threshold", 0.001, "ComparisonOperator", "GreaterThanThreshold")));
        alarms().stream().filter(a -> "AWS/SES".equals(a.get("Namespace"))).forEach(this::assertAlarmsToTheTopic);
    }

    @Test
    void api_whenItAnswers5xx_raisesAnAlarm() {
        String api = synth.logicalId(synth.stack.http().api());
        List<Map<String, Object>> alarms = alarms().stream()
                .filter(a -> "AWS/ApiGateway".equals(a.get("Namespace")) && "5xx".equals(a.get("MetricName")))
                .toList();

        assertThat(alarms).hasSize(1);
        assertThat(Cfn.list(alarms.get(0).get("Dimensions"))).contains(Map.of("Name", "ApiId", "Value", Cfn.ref(api)));
        assertAlarmsToTheTopic(alarms.get(0));
    }

    @Test
    void alarms_whenSynthesized_areExactlyTheWatchedOnes() {
        // DLQs, errors and throttles of every function (FunctionName's, the three notification endpoint ones and the
        // two of PredictiveTraining), SES, API
        int expected = synth.stack.deadLetterQueues().size() + 2 * (FunctionName.values().length + 5) + 2 + 1;
        synth.template.resourceCountIs("AWS::CloudWatch::Alarm", expected);
    }

    @Test
    void dashboard_whenSynthesized_graphsTheAlarmedMetrics() {
        Capture body = new Capture();
        synth.template.hasResourceProperties("AWS::CloudWatch::Dashboard", Match.objectLike(Map.of("DashboardBody", body)));

        String text = String.valueOf(body.asObject());
        assertThat(text).contains("ApproximateNumberOfMessagesVisible", "Errors", "Throttles", "5xx",
                "Reputation.BounceRate", "Reputation.ComplaintRate");
    }

    @Test
    void budget_whenConfigured_alertsTheAlarmTopicOnForecastAndActualCost() {
        String topic = synth.logicalId(synth.stack.topics().alarms());

        synth.template.hasResourceProperties("AWS::Budgets::Budget", Match.objectLike(Map.of(
                "Budget", Match.objectLike(Map.of(
                        "BudgetType", "COST", "TimeUnit", "MONTHLY",
                        "BudgetLimit", Map.of("Amount", SynthesizedStack.BUDGET_USD, "Unit", "USD"))),
                "NotificationsWithSubscribers", Match.arrayWith(List.of(
                        Match.objectLike(Map.of(
                                "Notification", Match.objectLike(Map.of("NotificationType", "FORECASTED")))),
                        Match.objectLike(Map.of(
                                "Notification", Match.objectLike(Map.of("NotificationType", "ACTUAL", "Threshold", 100)),
                                "Subscribers", List.of(Map.of("SubscriptionType", "SNS", "Address", Cfn.ref(topic))))))))));
    }

    @Test
    void topics_whenSynthesized_areEncryptedWithTheStacksRotatingKey() {
        String key = synth.logicalId(synth.stack.topics().key());
        Map<String, Map<String, Object>> topics = synth.resources("AWS::SNS::Topic");

        assertThat(topics).hasSize(2).allSatisfy((id, topic) ->
                assertThat(Cfn.target(Cfn.props(topic).get("KmsMasterKeyId"))).isEqualTo(key));
        assertThat(Cfn.props(synth.resources("AWS::KMS::Key").get(key))).containsEntry("EnableKeyRotation", true);
    }

    @Test
    void topicKey_whenServicesPublish_letsOnlySesCloudWatchAndBudgetsOfThisAccountUseIt() {
        String key = synth.logicalId(synth.stack.topics().key());
        List<Object> statements = Cfn.list(Cfn.map(Cfn.props(synth.resources("AWS::KMS::Key").get(key)).get("KeyPolicy")).get("Statement"));

        Map<String, Object> services = statements.stream().map(Cfn::map)
                .filter(s -> "ServicesPublishToLemTopics".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(Cfn.list(Cfn.map(services.get("Principal")).get("Service")))
                .containsExactlyInAnyOrder("ses.amazonaws.com", "cloudwatch.amazonaws.com", "budgets.amazonaws.com");
        assertThat(Cfn.list(services.get("Action"))).containsExactlyInAnyOrder("kms:GenerateDataKey*", "kms:Decrypt");
        assertThat(String.valueOf(services.get("Condition"))).contains("aws:SourceAccount");
    }

    @Test
    void alarmTopic_whenPublishedTo_acceptsCloudWatchAndBudgetsOfThisAccountOverTlsOnly() {
        String topic = synth.logicalId(synth.stack.topics().alarms());
        List<Map<String, Object>> statements = topicStatements(topic);

        assertThat(statements).anySatisfy(s -> {
            assertThat(s.get("Effect")).isEqualTo("Deny");
            assertThat(String.valueOf(s.get("Condition"))).contains("aws:SecureTransport=false");
        });
        for (String service : List.of("cloudwatch.amazonaws.com", "budgets.amazonaws.com")) {
            assertThat(statements).as("publish from %s", service).anySatisfy(s -> {
                assertThat(s.get("Principal")).isEqualTo(Map.of("Service", service));
                assertThat(s.get("Action")).isEqualTo("sns:Publish");
                assertThat(String.valueOf(s.get("Condition"))).contains("aws:SourceAccount");
            });
        }
    }

    private List<Map<String, Object>> topicStatements(String topic) {
        List<Map<String, Object>> statements = new ArrayList<>();
        synth.resources("AWS::SNS::TopicPolicy").values().forEach(p -> {
            Map<String, Object> props = Cfn.props(p);
            if (Cfn.list(props.get("Topics")).contains(Cfn.ref(topic))) {
                Cfn.list(Cfn.map(props.get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(Cfn.map(s)));
            }
        });
        return statements;
    }

    private void assertAlarmsToTheTopic(Map<String, Object> alarm) {
        String topic = synth.logicalId(synth.stack.topics().alarms());
        assertThat(Cfn.list(alarm.get("AlarmActions"))).containsExactly(Cfn.ref(topic));
        assertThat(alarm).containsEntry("TreatMissingData", "notBreaching");
    }

    private List<Map<String, Object>> alarms() {
        return synth.resources("AWS::CloudWatch::Alarm").values().stream().map(Cfn::props).toList();
    }
}
