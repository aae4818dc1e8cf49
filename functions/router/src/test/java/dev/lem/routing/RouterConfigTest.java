package dev.lem.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterConfigTest {

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LEM_TABLE_NAME", "lem");
        env.put("LEM_NOTIFY_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/lem-notify");
        env.put("LEM_ACTIVITY_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/lem-activity");
        env.put("LEM_SCHEDULE_GROUP", "lem");
        env.put("LEM_DRIP_FUNCTION_ARN", "arn:aws:lambda:eu-west-1:123456789012:function:lem-drip:live");
        env.put("LEM_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/lem-scheduler");
        return env;
    }

    @Test
    void fromEnv_whenEverythingSet_readsEveryValue() {
        RouterConfig config = RouterConfig.fromEnv(env());

        assertThat(config.tableName()).isEqualTo("lem");
        assertThat(config.notifyQueueUrl()).endsWith("/lem-notify");
        assertThat(config.scheduleGroup()).isEqualTo("lem");
        assertThat(config.dripFunctionArn()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:lem-drip:live");
        assertThat(config.schedulerRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/lem-scheduler");
    }

    @Test
    void fromEnv_whenSchedulerDeadLetterQueueGiven_readsIt_andOtherwiseLeavesItEmpty() {
        Map<String, String> env = env();
        assertThat(RouterConfig.fromEnv(env).schedulerDeadLetterArn()).isEmpty();

        env.put("LEM_SCHEDULER_DLQ_ARN", "arn:aws:sqs:eu-west-1:123456789012:lem-scheduler-dlq");
        assertThat(RouterConfig.fromEnv(env).schedulerDeadLetterArn())
                .contains("arn:aws:sqs:eu-west-1:123456789012:lem-scheduler-dlq");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEM_TABLE_NAME", "LEM_NOTIFY_QUEUE_URL", "LEM_SCHEDULE_GROUP", "LEM_DRIP_FUNCTION_ARN",
            "LEM_SCHEDULER_ROLE_ARN", "LEM_ACTIVITY_QUEUE_URL"})
    void fromEnv_whenRequiredVariableMissing_throwsNamingIt(String name) {
        Map<String, String> env = env();
        env.remove(name);

        assertThatThrownBy(() -> RouterConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class).hasMessage(name + " is required but not set");
    }
}
