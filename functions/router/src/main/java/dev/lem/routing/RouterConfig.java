package dev.lem.routing;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;
import java.util.Optional;

/** Router's configuration, validated at cold start. */
public record RouterConfig(AwsConfig aws, String tableName, String notifyQueueUrl, String scheduleGroup,
                           String dripFunctionArn, String schedulerRoleArn, Optional<String> schedulerDeadLetterArn,
                           Optional<String> audienceQueueUrl, String activityQueueUrl) {

    public static RouterConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new RouterConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME),
                e.required(EnvNames.NOTIFY_QUEUE_URL), e.required(EnvNames.SCHEDULE_GROUP),
                e.required(EnvNames.DRIP_FUNCTION_ARN), e.required(EnvNames.SCHEDULER_ROLE_ARN),
                e.optional(EnvNames.SCHEDULER_DLQ_ARN), e.optional(EnvNames.AUDIENCE_QUEUE_URL),
                e.required(EnvNames.ACTIVITY_QUEUE_URL));
    }
}
