package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.config.EnvNames;
import dev.lem.infra.HmacKeys;
import dev.lem.infra.NotificationEndpoints;
import dev.lem.queue.QueueDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The compliance endpoints: their functions, roles and routes. */
class NotificationEndpointsTemplateTest {

    private final SynthesizedStack synth = SynthesizedStack.get();

    @ParameterizedTest
    @CsvSource({
            "'GET /u/{token}', " + NotificationEndpoints.PREFERENCES_HANDLER + ", NONE",
            "'POST /u/{token}', " + NotificationEndpoints.PREFERENCES_HANDLER + ", NONE",
            "'DELETE /leads/{id}', " + NotificationEndpoints.ERASURE_HANDLER + ", AWS_IAM"})
    void route_whenSynthesized_reachesItsHandlersLiveAliasWithItsAuthorisation(String routeKey, String handler, String auth) {
        Map<String, Object> route = synth.resources("AWS::ApiGatewayV2::Route").values().stream()
                .map(Cfn::props).filter(r -> routeKey.equals(r.get("RouteKey"))).findFirst().orElseThrow();
        String target = String.valueOf(route.get("Target"));
        Map<String, Map<String, Object>> integrations = synth.resources("AWS::ApiGatewayV2::Integration");
        String integrationId = integrations.keySet().stream().filter(target::contains).findFirst().orElseThrow();
        String aliasId = Cfn.target(Cfn.props(integrations.get(integrationId)).get("IntegrationUri"));
        Map<String, Object> alias = Cfn.props(synth.resources("AWS::Lambda::Alias").get(aliasId));

        assertThat(alias.get("Name")).isEqualTo("live");
        assertThat(Cfn.target(alias.get("FunctionName"))).isEqualTo(functionId(handler));
        assertThat(route.getOrDefault("AuthorizationType", "NONE")).isEqualTo(auth);
    }

    @Test
    void preferences_whenSynthesized_readsWhatItsConfigReadsAndNoMore() {
        assertThat(environment(NotificationEndpoints.PREFERENCES_HANDLER).keySet()).containsExactlyInAnyOrder(
                EnvNames.REGION, EnvNames.TABLE_NAME, HmacKeys.Purpose.TRACKING.envName(),
                HmacKeys.Purpose.IDENTITY.envName(), EnvNames.PUBLIC_BASE_URL, EnvNames.EVENT_BUS_NAME);
        // events: unsubscribes go on the bus, so the router ends the lead's journeys
        assertThat(services(NotificationEndpoints.PREFERENCES_HANDLER))
                .containsExactlyInAnyOrder("logs", "xray", "dynamodb", "kms", "secretsmanager", "events");
    }

    @Test
    void erasure_whenSynthesized_mayOnlyDeleteSchedulesOfTheTimersGroup() {
        assertThat(environment(NotificationEndpoints.ERASURE_HANDLER).keySet()).containsExactlyInAnyOrder(
                EnvNames.REGION, EnvNames.TABLE_NAME, HmacKeys.Purpose.IDENTITY.envName(), EnvNames.SCHEDULE_GROUP);
        assertThat(services(NotificationEndpoints.ERASURE_HANDLER))
                .containsExactlyInAnyOrder("logs", "xray", "dynamodb", "kms", "secretsmanager", "scheduler");
        List<Map<String, Object>> scheduler = statements(roleId(NotificationEndpoints.ERASURE_HANDLER)).stream()
                .filter(s -> Cfn.list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("scheduler:")))
                .toList();
        assertThat(scheduler).singleElement().satisfies(s -> {
            assertThat(Cfn.list(s.get("Action"))).containsExactly("scheduler:DeleteSchedule");
            assertThat(String.valueOf(s.get("Resource"))).contains(":schedule/").contains("lem-timers/*");
        });
    }

    @Test
    void schedulerRole_whenSynthesized_maySendHeldMessagesToTheNotifyQueue() {
        String schedulerRole = synth.logicalId(synth.stack.scheduling().schedulerRole());
        String notifyQueue = synth.logicalId(synth.stack.queues().queue(QueueDefinition.NOTIFY));

        assertThat(statements(schedulerRole)).anyMatch(s -> Cfn.list(s.get("Action")).contains("sqs:SendMessage")
                && String.valueOf(s.get("Resource")).contains(notifyQueue));
    }

    @Test
    void sesFeedback_whenSynthesized_isAQueueSubscribedRawToTheFeedbackTopicReadByTheFeedbackHandler() {
        String topic = synth.logicalId(synth.stack.topics().sesFeedback());
        dev.lem.infra.SesFeedbackConsumer consumer = (dev.lem.infra.SesFeedbackConsumer) synth.stack.getNode()
                .findChild(dev.lem.infra.SesFeedbackConsumer.ID);
        String queue = synth.logicalId(consumer.queue());

        Map<String, Object> subscription = synth.resources("AWS::SNS::Subscription").values().stream().map(Cfn::props)
                .filter(s -> "sqs".equals(s.get("Protocol"))).findFirst().orElseThrow();
        assertThat(Cfn.target(subscription.get("TopicArn"))).isEqualTo(topic);
        assertThat(Cfn.target(subscription.get("Endpoint"))).isEqualTo(queue);
        assertThat(subscription.get("RawMessageDelivery")).isEqualTo(true);
        Map<String, Object> mapping = synth.resources("AWS::Lambda::EventSourceMapping").values().stream().map(Cfn::props)
                .filter(m -> queue.equals(Cfn.target(m.get("EventSourceArn")))).findFirst().orElseThrow();
        assertThat(Cfn.list(mapping.get("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        Map<String, Object> queueProps = Cfn.props(synth.resources("AWS::SQS::Queue").get(queue));
        assertThat(Cfn.map(queueProps.get("RedrivePolicy")).get("maxReceiveCount")).isEqualTo(5);
        assertThat(environment(dev.lem.infra.SesFeedbackConsumer.HANDLER).keySet()).containsExactlyInAnyOrder(
                EnvNames.REGION, EnvNames.TABLE_NAME, EnvNames.EVENT_BUS_NAME, HmacKeys.Purpose.IDENTITY.envName());
        assertThat(services(dev.lem.infra.SesFeedbackConsumer.HANDLER))
                .containsExactlyInAnyOrder("logs", "xray", "dynamodb", "kms", "secretsmanager", "events", "sqs");
    }

    private Set<String> services(String handler) {
        Set<String> services = new HashSet<>();
        statements(roleId(handler)).forEach(s -> Cfn.list(s.get("Action"))
                .forEach(a -> services.add(String.valueOf(a).substring(0, String.valueOf(a).indexOf(':')))));
        return services;
    }

    private String functionId(String handler) {
        List<String> ids = synth.resources("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> handler.equals(Cfn.props(e.getValue()).get("Handler"))).map(Map.Entry::getKey).toList();
        assertThat(ids).as("functions with handler %s", handler).hasSize(1);
        return ids.getFirst();
    }

    private String roleId(String handler) {
        return Cfn.target(Cfn.props(synth.resources("AWS::Lambda::Function").get(functionId(handler))).get("Role"));
    }

    private Map<String, Object> environment(String handler) {
        return Cfn.map(Cfn.map(Cfn.props(synth.resources("AWS::Lambda::Function").get(functionId(handler)))
                .get("Environment")).get("Variables"));
    }

    private List<Map<String, Object>> statements(String roleId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        synth.resources("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> props = Cfn.props(policy);
            if (Cfn.list(props.get("Roles")).stream().anyMatch(r -> roleId.equals(Cfn.target(r)))) {
                Cfn.list(Cfn.map(props.get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(Cfn.map(s)));
            }
        });
        return statements;
    }
}
